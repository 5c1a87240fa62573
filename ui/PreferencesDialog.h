#pragma once

#include "Preferences.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace flowdesk {

// Edits Preferences: the language, refreshing, requests, the cancel-all confirmation and the
// network proxy.
// Open it with open(); it deletes itself on close. OK checks the proxy fields and, when they
// are wrong, says why under them and stays open; otherwise it emits preferencesChanged() and
// closes. Saving (Preferences::save) and applying (applyProxy(), MainWindow::setPreferences)
// are the receiver's job, so the dialog works on any QSettings and tests need no globals.
class PreferencesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(const Preferences &preferences, QWidget *parent = nullptr);

    // What the fields hold now (valid or not).
    Preferences preferences() const;

public slots:
    void accept() override;

signals:
    void preferencesChanged(const flowdesk::Preferences &preferences);

private:
    QWidget *createLanguageGroup();
    QWidget *createRefreshGroup();
    QWidget *createSafetyGroup();
    QWidget *createProxyGroup();
    void setFields(const Preferences &preferences);
    void updateProxyFields();
    // Empty when the proxy fields can be saved; else what is wrong, with *field the culprit.
    QString proxyProblem(QWidget **field) const;
    void showProxyProblem(const QString &problem);

    QComboBox *m_languageComboBox = nullptr;
    QSpinBox *m_autoRefreshSpinBox = nullptr;
    QSpinBox *m_requestTimeoutSpinBox = nullptr;
    QSpinBox *m_concurrencySpinBox = nullptr;
    QCheckBox *m_typedConfirmationCheckBox = nullptr;
    QRadioButton *m_systemProxyRadioButton = nullptr;
    QRadioButton *m_manualProxyRadioButton = nullptr;
    QLineEdit *m_proxyHostLineEdit = nullptr;
    QLineEdit *m_proxyPortLineEdit = nullptr;
    QLabel *m_proxyErrorLabel = nullptr;
    QDialogButtonBox *m_buttonBox = nullptr;
};

} // namespace flowdesk
