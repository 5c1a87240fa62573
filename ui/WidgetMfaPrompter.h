#pragma once

#include <MfaPrompter.h>

#include <QPointer>
#include <QWidget>

namespace flowdesk {

// The UI's answer to the core's MFA questions: each request opens an MfaPromptDialog (window
// modal over `parent`, never a nested event loop) and hands its code to the callback, or an
// empty string when the user cancels or the dialog goes away unanswered (e.g. its window
// closed), so the callback runs exactly once as MfaPrompter promises.
//
// Pass it as CredentialChainOptions::mfaPrompter; it must outlive the chains that use it
// (give it the lifetime of the main window).
class WidgetMfaPrompter : public aws::MfaPrompter
{
public:
    explicit WidgetMfaPrompter(QWidget *parent = nullptr);

    void setParentWidget(QWidget *parent) { m_parent = parent; }

    void requestMfaCode(const QString &serialNumber, const QString &roleArn,
                        const QString &profileName, Callback callback) override;

private:
    QPointer<QWidget> m_parent;
};

} // namespace flowdesk
