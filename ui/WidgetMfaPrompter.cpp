#include "WidgetMfaPrompter.h"

#include "MfaPromptDialog.h"

#include <memory>

namespace flowdesk {

WidgetMfaPrompter::WidgetMfaPrompter(QWidget *parent)
    : m_parent(parent)
{
}

void WidgetMfaPrompter::requestMfaCode(const QString &serialNumber, const QString &roleArn,
                                       const QString &profileName, Callback callback)
{
    auto *dialog = new MfaPromptDialog(serialNumber, roleArn, profileName, m_parent);
    // Shared by both ways the answer can arrive, so only the first one calls back.
    auto pending = std::make_shared<Callback>(std::move(callback));
    auto answer = [pending](const QString &code) {
        if (Callback callback = std::exchange(*pending, {}))
            callback(code);
    };
    QObject::connect(dialog, &MfaPromptDialog::codeEntered, dialog, answer);
    QObject::connect(dialog, &QObject::destroyed, [answer] { answer({}); });
    dialog->open();
}

} // namespace flowdesk
