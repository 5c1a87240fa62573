#include "PreferencesDialog.h"
#include "SemanticColors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace flowdesk {

PreferencesDialog::PreferencesDialog(const Preferences &preferences, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(tr("Preferences"));
    setAttribute(Qt::WA_DeleteOnClose);

    m_buttonBox = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    m_buttonBox->setObjectName(QStringLiteral("preferencesButtonBox"));
    m_buttonBox->button(QDialogButtonBox::Ok)->setAccessibleDescription(tr("Apply these preferences and close"));
    m_buttonBox->button(QDialogButtonBox::Cancel)->setAccessibleDescription(tr("Close without changing anything"));
    m_buttonBox->button(QDialogButtonBox::RestoreDefaults)
        ->setAccessibleDescription(tr("Put Flowdesk's default values in every field"));
    connect(m_buttonBox, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(m_buttonBox, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);
    connect(m_buttonBox->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] { setFields(Preferences()); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createLanguageGroup());
    layout->addWidget(createRefreshGroup());
    layout->addWidget(createSafetyGroup());
    layout->addWidget(createProxyGroup());
    layout->addStretch();
    layout->addWidget(m_buttonBox);
    // The dialog is never smaller than its contents: an error line that appears widens it
    // instead of being cut off.
    layout->setSizeConstraint(QLayout::SetMinimumSize);

    setFields(preferences);
    resize(qMax(sizeHint().width(), 520), sizeHint().height());
    m_languageComboBox->setFocus(); // not Restore Defaults, which Space would press
}

QWidget *PreferencesDialog::createLanguageGroup()
{
    auto *group = new QGroupBox(tr("Language"), this);
    m_languageComboBox = new QComboBox(group);
    m_languageComboBox->setObjectName(QStringLiteral("languageComboBox"));
    // Each language by its own name, so that someone who cannot read the current one finds theirs.
    m_languageComboBox->addItem(tr("System default"), QStringLiteral("system"));
    m_languageComboBox->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_languageComboBox->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_languageComboBox->setAccessibleName(tr("Language of Flowdesk's texts"));
    m_languageComboBox->setAccessibleDescription(
        tr("System default follows the desktop's language: German if it asks for German, else English"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Language:"), m_languageComboBox);
    // Windows already open keep their words; a restart is the honest way to change them all.
    QString noteText = tr("Applies the next time Flowdesk starts.");
    if (qEnvironmentVariableIsSet("FLOWDESK_LANGUAGE"))
        noteText += u' '
            + tr("For now FLOWDESK_LANGUAGE=%1 in the environment decides.")
                  .arg(qEnvironmentVariable("FLOWDESK_LANGUAGE"));
    auto *note = new QLabel(noteText, group);
    note->setObjectName(QStringLiteral("languageNoteLabel"));
    note->setWordWrap(true);
    auto *layout = new QVBoxLayout(group);
    layout->addLayout(form);
    layout->addWidget(note);
    return group;
}

QWidget *PreferencesDialog::createRefreshGroup()
{
    auto *group = new QGroupBox(tr("Refreshing and requests"), this);

    m_autoRefreshSpinBox = new QSpinBox(group);
    m_autoRefreshSpinBox->setObjectName(QStringLiteral("autoRefreshSpinBox"));
    m_autoRefreshSpinBox->setRange(0, Preferences::maxAutoRefreshSeconds);
    m_autoRefreshSpinBox->setSuffix(tr(" s"));
    m_autoRefreshSpinBox->setSpecialValueText(tr("Off"));
    m_autoRefreshSpinBox->setAccessibleName(tr("Auto-refresh interval in seconds, 0 for off"));
    m_autoRefreshSpinBox->setToolTip(
        tr("While any run is in progress, its flow's runs are refreshed this often. 0 turns it "
           "off: press F5 to refresh."));

    m_requestTimeoutSpinBox = new QSpinBox(group);
    m_requestTimeoutSpinBox->setObjectName(QStringLiteral("requestTimeoutSpinBox"));
    m_requestTimeoutSpinBox->setRange(Preferences::minRequestTimeoutSeconds,
                                      Preferences::maxRequestTimeoutSeconds);
    m_requestTimeoutSpinBox->setSuffix(tr(" s"));
    m_requestTimeoutSpinBox->setAccessibleName(tr("Request timeout in seconds"));
    m_requestTimeoutSpinBox->setToolTip(
        tr("A request that has not been answered in this time fails with a timeout (and is "
           "retried when that is safe)."));

    m_concurrencySpinBox = new QSpinBox(group);
    m_concurrencySpinBox->setObjectName(QStringLiteral("concurrencySpinBox"));
    m_concurrencySpinBox->setRange(1, Preferences::maxConcurrentRequestsLimit);
    m_concurrencySpinBox->setSuffix(tr(" at a time"));
    m_concurrencySpinBox->setAccessibleName(tr("Maximum requests at a time"));
    m_concurrencySpinBox->setToolTip(
        tr("How many requests Flowdesk sends to AppFlow at once. Lower it if AppFlow answers "
           "with throttling errors."));

    auto *form = new QFormLayout(group);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("&Auto-refresh active runs every:"), m_autoRefreshSpinBox);
    form->addRow(tr("Request &timeout:"), m_requestTimeoutSpinBox);
    form->addRow(tr("&Concurrent requests:"), m_concurrencySpinBox);
    // One width for the three, so the column reads as a column.
    int width = 0;
    for (QSpinBox *box : {m_autoRefreshSpinBox, m_requestTimeoutSpinBox, m_concurrencySpinBox})
        width = qMax(width, box->sizeHint().width());
    for (QSpinBox *box : {m_autoRefreshSpinBox, m_requestTimeoutSpinBox, m_concurrencySpinBox})
        box->setMinimumWidth(width);
    return group;
}

QWidget *PreferencesDialog::createSafetyGroup()
{
    auto *group = new QGroupBox(tr("Cancelling"), this);
    m_typedConfirmationCheckBox =
        new QCheckBox(tr("Ask to t&ype the flow name before cancelling all runs"), group);
    m_typedConfirmationCheckBox->setObjectName(QStringLiteral("typedConfirmationCheckBox"));
    m_typedConfirmationCheckBox->setToolTip(
        tr("“Cancel all active runs” then needs the flow name typed in the confirmation, so it "
           "cannot happen with one stray click or keypress."));
    auto *layout = new QVBoxLayout(group);
    layout->addWidget(m_typedConfirmationCheckBox);
    return group;
}

QWidget *PreferencesDialog::createProxyGroup()
{
    auto *group = new QGroupBox(tr("Network proxy"), this);

    m_systemProxyRadioButton = new QRadioButton(tr("Use the &system proxy settings"), group);
    m_systemProxyRadioButton->setObjectName(QStringLiteral("systemProxyRadioButton"));
    m_systemProxyRadioButton->setAccessibleDescription(tr("Use the proxy settings of the system and the environment"));
    m_manualProxyRadioButton = new QRadioButton(tr("Use this &HTTP proxy:"), group);
    m_manualProxyRadioButton->setObjectName(QStringLiteral("manualProxyRadioButton"));
    m_manualProxyRadioButton->setAccessibleDescription(tr("Send requests through the HTTP proxy given below"));
    connect(m_manualProxyRadioButton, &QRadioButton::toggled, this,
            &PreferencesDialog::updateProxyFields);

    m_proxyHostLineEdit = new QLineEdit(group);
    m_proxyHostLineEdit->setObjectName(QStringLiteral("proxyHostLineEdit"));
    m_proxyHostLineEdit->setPlaceholderText(tr("proxy.example.com"));
    m_proxyHostLineEdit->setAccessibleName(tr("Proxy host"));
    m_proxyPortLineEdit = new QLineEdit(group);
    m_proxyPortLineEdit->setObjectName(QStringLiteral("proxyPortLineEdit"));
    m_proxyPortLineEdit->setAccessibleDescription(tr("Port of the HTTP proxy, 1 to 65535"));
    m_proxyPortLineEdit->setAccessibleName(tr("Proxy port"));
    // Digits only, at most five; the range itself is checked on OK, where the message can say it.
    m_proxyPortLineEdit->setValidator(new QIntValidator(0, 99999, m_proxyPortLineEdit));
    m_proxyPortLineEdit->setMaximumWidth(m_proxyPortLineEdit->fontMetrics().horizontalAdvance(
                                             QStringLiteral("0000000")) + 16);
    for (QLineEdit *edit : {m_proxyHostLineEdit, m_proxyPortLineEdit})
        connect(edit, &QLineEdit::textEdited, this, [this] { showProxyProblem({}); });

    auto *hostLabel = new QLabel(tr("H&ost:"), group);
    hostLabel->setBuddy(m_proxyHostLineEdit);
    auto *portLabel = new QLabel(tr("&Port:"), group);
    portLabel->setBuddy(m_proxyPortLineEdit);
    auto *hostRow = new QHBoxLayout;
    hostRow->setContentsMargins(24, 0, 0, 0); // indented under its radio button
    hostRow->addWidget(hostLabel);
    hostRow->addWidget(m_proxyHostLineEdit, 1);
    hostRow->addWidget(portLabel);
    hostRow->addWidget(m_proxyPortLineEdit);

    m_proxyErrorLabel = new QLabel(group);
    m_proxyErrorLabel->setObjectName(QStringLiteral("proxyErrorLabel"));
    // Not wrapped: one line that widens the dialog if it must, never a clipped second line.
    m_proxyErrorLabel->setContentsMargins(24, 0, 0, 0);
    QPalette errorPalette = m_proxyErrorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, SemanticColors::textOnWindow(SemanticColors::Tone::Error, errorPalette));
    m_proxyErrorLabel->setPalette(errorPalette);
    m_proxyErrorLabel->hide();

    auto *note = new QLabel(tr("Connections to this computer (demo mode) never use a proxy."),
                            group);
    note->setObjectName(QStringLiteral("proxyNoteLabel"));
    note->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(group);
    layout->addWidget(m_systemProxyRadioButton);
    layout->addWidget(m_manualProxyRadioButton);
    layout->addLayout(hostRow);
    layout->addWidget(m_proxyErrorLabel);
    layout->addWidget(note);
    return group;
}

void PreferencesDialog::setFields(const Preferences &preferences)
{
    m_languageComboBox->setCurrentIndex(qMax(0, m_languageComboBox->findData(preferences.language)));
    m_autoRefreshSpinBox->setValue(preferences.autoRefreshSeconds);
    m_requestTimeoutSpinBox->setValue(preferences.requestTimeoutSeconds);
    m_concurrencySpinBox->setValue(preferences.maxConcurrentRequests);
    m_typedConfirmationCheckBox->setChecked(preferences.requireTypedConfirmation);
    m_systemProxyRadioButton->setChecked(preferences.useSystemProxy);
    m_manualProxyRadioButton->setChecked(!preferences.useSystemProxy);
    m_proxyHostLineEdit->setText(preferences.proxyHost);
    m_proxyPortLineEdit->setText(preferences.proxyPort > 0 ? QString::number(preferences.proxyPort)
                                                           : QString());
    showProxyProblem({});
    updateProxyFields();
}

Preferences PreferencesDialog::preferences() const
{
    Preferences preferences;
    preferences.language = m_languageComboBox->currentData().toString();
    preferences.autoRefreshSeconds = m_autoRefreshSpinBox->value();
    preferences.requestTimeoutSeconds = m_requestTimeoutSpinBox->value();
    preferences.maxConcurrentRequests = m_concurrencySpinBox->value();
    preferences.requireTypedConfirmation = m_typedConfirmationCheckBox->isChecked();
    preferences.useSystemProxy = !m_manualProxyRadioButton->isChecked();
    // Kept while the system proxy is chosen, so switching back restores what was typed.
    preferences.proxyHost = m_proxyHostLineEdit->text().trimmed();
    bool ok = false;
    const int port = m_proxyPortLineEdit->text().toInt(&ok);
    preferences.proxyPort = ok && port >= 1 && port <= 65535 ? port : 0;
    return preferences;
}

void PreferencesDialog::updateProxyFields()
{
    const bool manual = m_manualProxyRadioButton->isChecked();
    m_proxyHostLineEdit->setEnabled(manual);
    m_proxyPortLineEdit->setEnabled(manual);
    if (!manual)
        showProxyProblem({});
}

QString PreferencesDialog::proxyProblem(QWidget **field) const
{
    if (!m_manualProxyRadioButton->isChecked())
        return {};
    const QString host = m_proxyHostLineEdit->text().trimmed();
    *field = m_proxyHostLineEdit;
    if (host.isEmpty())
        return tr("Enter the proxy’s host name or IP address, or use the system settings.");
    if (host.contains(QStringLiteral("://")))
        return tr("Enter only the host name, without “http://” (the port has its own field).");
    if (host.contains(u'/') || host.contains(u' ') || host.contains(u'\t'))
        return tr("A host name cannot contain spaces or “/”: enter only the host name.");
    *field = m_proxyPortLineEdit;
    bool ok = false;
    const int port = m_proxyPortLineEdit->text().toInt(&ok);
    if (!ok || port < 1 || port > 65535)
        return tr("Enter the proxy’s port, from 1 to 65535 (often 3128 or 8080).");
    *field = nullptr;
    return {};
}

void PreferencesDialog::showProxyProblem(const QString &problem)
{
    m_proxyErrorLabel->setText(problem);
    m_proxyErrorLabel->setVisible(!problem.isEmpty());
}

void PreferencesDialog::accept()
{
    QWidget *field = nullptr;
    const QString problem = proxyProblem(&field);
    if (!problem.isEmpty()) {
        showProxyProblem(problem);
        if (field)
            field->setFocus();
        return;
    }
    emit preferencesChanged(preferences());
    QDialog::accept();
}

} // namespace flowdesk
