#include "AccountDialog.h"
#include "SemanticColors.h"

#include "ErrorPresenter.h"

#include <AppFlowClient.h>
#include <ConnectionCatalog.h>
#include <EndpointResolver.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProcessEnvironment>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace flowdesk {

namespace {

// Errors, warnings and success in the tone of the palette in use (light or dark).
void setTextTone(QLabel *label, SemanticColors::Tone tone)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, SemanticColors::textOnWindow(tone, QApplication::palette(label)));
    label->setPalette(palette);
}

// The endpoint a stored account uses when no override is given: AppFlow's own host for the
// region. The environment's AWS_ENDPOINT_URL_* variables are not consulted: they belong to the
// AWS CLI setup, and the override field is how a stored account points elsewhere.
QUrl defaultEndpoint(const QString &region)
{
    aws::EndpointRequest request;
    request.service = aws::AwsService::AppFlow;
    request.region = region;
    request.environment = QProcessEnvironment();
    return aws::EndpointResolver::resolve(request).url;
}

} // namespace

AccountDialog::AccountDialog(aws::StoredAccounts *accounts, QWidget *parent)
    : QDialog(parent)
    , m_accounts(accounts)
{
    Q_ASSERT(accounts);
    build();
    setWindowTitle(tr("Add account"));
    setSuggestedRegion(QStringLiteral("us-east-1"));
    m_nameLineEdit->setFocus();
}

AccountDialog::AccountDialog(aws::StoredAccounts *accounts, const aws::StoredAccount &account,
                             QWidget *parent)
    : QDialog(parent)
    , m_accounts(accounts)
    , m_original(account)
{
    Q_ASSERT(accounts);
    build();
    setWindowTitle(tr("Edit account %1").arg(account.name));
    fillFrom(account);
    m_accessKeyIdLineEdit->setFocus();
}

AccountDialog::~AccountDialog()
{
    // Aborts a test still running before the widgets its callback touches are gone.
    delete m_testContext;
}

QLineEdit *AccountDialog::addLineEdit(const char *objectName, const QString &accessibleName)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(QLatin1String(objectName));
    edit->setAccessibleName(accessibleName);
    return edit;
}

void AccountDialog::build()
{
    setObjectName(QStringLiteral("accountDialog"));
    setAttribute(Qt::WA_DeleteOnClose);

    m_nameLineEdit = addLineEdit("accountNameLineEdit", tr("Account name"));
    m_nameLineEdit->setPlaceholderText(tr("e.g. prod-ops"));
    m_nameLineEdit->setToolTip(tr("How Flowdesk lists this account. Letters, digits, spaces and "
                                  "_ . @ + -; up to 64 characters."));

    m_accessKeyIdLineEdit = addLineEdit("accessKeyIdLineEdit", tr("Access key ID"));
    m_accessKeyIdLineEdit->setPlaceholderText(tr("AKIAIOSFODNN7EXAMPLE"));

    m_secretLineEdit = addLineEdit("secretAccessKeyLineEdit", tr("Secret access key"));
    m_secretLineEdit->setEchoMode(QLineEdit::Password);
    m_secretLineEdit->setPlaceholderText(isEditing()
                                             ? tr("Leave empty to keep the stored secret key")
                                             : tr("Shown once when the key was created"));

    m_sessionTokenLineEdit = addLineEdit("sessionTokenLineEdit", tr("Session token (optional)"));
    m_sessionTokenLineEdit->setEchoMode(QLineEdit::Password);
    m_sessionTokenLineEdit->setPlaceholderText(tr("Only for temporary keys (ASIA…)"));

    m_regionComboBox = new QComboBox(this);
    m_regionComboBox->setObjectName(QStringLiteral("regionComboBox"));
    m_regionComboBox->setAccessibleDescription(tr("The AWS region this account connects to by default"));
    m_regionComboBox->setAccessibleName(tr("Default region"));
    m_regionComboBox->addItems(models::ConnectionCatalog::appFlowRegions());
    m_regionComboBox->setToolTip(tr("The regions where Amazon AppFlow is available."));

    m_endpointLineEdit = addLineEdit("endpointLineEdit", tr("Endpoint override (optional)"));
    m_endpointLineEdit->setToolTip(tr("Leave empty to use AppFlow's own endpoint for the region. "
                                      "http:// is accepted only for this computer (the "
                                      "simulator)."));

    auto *form = m_form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto row = [&](const QString &label, QWidget *field, Field which, const char *errorName) {
        form->addRow(label, field);
        auto *error = new QLabel(this);
        error->setObjectName(QLatin1String(errorName));
        error->setWordWrap(true);
        // Expanding, so the form gives it the field's full width to wrap in.
        error->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        setTextTone(error, SemanticColors::Tone::Error);
        form->addRow(QString(), error);
        form->setRowVisible(error, false);
        m_errorLabels.insert(int(which), error);
        if (which == Field::AccessKeyId) {
            m_accessKeyWarningLabel = new QLabel(this);
            m_accessKeyWarningLabel->setObjectName(QStringLiteral("accessKeyWarningLabel"));
            m_accessKeyWarningLabel->setWordWrap(true);
            m_accessKeyWarningLabel->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
            setTextTone(m_accessKeyWarningLabel, SemanticColors::Tone::Warning);
            form->addRow(QString(), m_accessKeyWarningLabel);
            form->setRowVisible(m_accessKeyWarningLabel, false);
        }
    };
    row(tr("&Name:"), m_nameLineEdit, Field::Name, "nameErrorLabel");
    row(tr("&Access key ID:"), m_accessKeyIdLineEdit, Field::AccessKeyId, "accessKeyIdErrorLabel");
    row(tr("&Secret access key:"), m_secretLineEdit, Field::Secret, "secretErrorLabel");
    row(tr("Session &token:"), m_sessionTokenLineEdit, Field::SessionToken, "sessionTokenErrorLabel");
    row(tr("Default &region:"), m_regionComboBox, Field::Region, "regionErrorLabel");
    row(tr("&Endpoint:"), m_endpointLineEdit, Field::Endpoint, "endpointErrorLabel");

    // Checked when a field is left (not while typing, which would complain about every
    // half-typed key); typing again clears the field's message.
    const QList<QPair<QLineEdit *, Field>> edits = {
        {m_nameLineEdit, Field::Name},
        {m_accessKeyIdLineEdit, Field::AccessKeyId},
        {m_secretLineEdit, Field::Secret},
        {m_sessionTokenLineEdit, Field::SessionToken},
        {m_endpointLineEdit, Field::Endpoint}};
    for (const auto &[edit, field] : edits) {
        const Field which = field;
        connect(edit, &QLineEdit::editingFinished, this, [this, which] {
            showProblem(which, problem(which));
        });
        connect(edit, &QLineEdit::textEdited, this, [this, which] { showProblem(which, {}); });
        if (which != Field::Name)
            connect(edit, &QLineEdit::textEdited, this, &AccountDialog::credentialsChanged);
    }
    connect(m_accessKeyIdLineEdit, &QLineEdit::editingFinished, this, [this] {
        const QString warning = problem(Field::AccessKeyId).isEmpty() ? accessKeyWarning() : QString();
        m_accessKeyWarningLabel->setText(warning);
        m_form->setRowVisible(m_accessKeyWarningLabel, !warning.isEmpty());
        fitHeight();
    });
    connect(m_regionComboBox, &QComboBox::currentIndexChanged, this, [this] {
        showProblem(Field::Region, problem(Field::Region));
        m_endpointLineEdit->setPlaceholderText(
            tr("Default: %1").arg(defaultEndpoint(region()).toString()));
        credentialsChanged();
    });

    m_testButton = new QPushButton(tr("&Test connection"), this);
    m_testButton->setObjectName(QStringLiteral("testConnectionButton"));
    m_testButton->setToolTip(tr("Lists the flows of the account with these keys, to prove they "
                                "work before they are saved."));
    connect(m_testButton, &QPushButton::clicked, this, &AccountDialog::testConnection);
    m_testProgressBar = new QProgressBar(this);
    m_testProgressBar->setObjectName(QStringLiteral("testProgressBar"));
    m_testProgressBar->setAccessibleName(tr("Testing the connection"));
    m_testProgressBar->setRange(0, 0); // busy, no percentage
    m_testProgressBar->setTextVisible(false);
    m_testProgressBar->setMaximumWidth(120);
    m_testProgressBar->hide();
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton);
    testRow->addWidget(m_testProgressBar);
    testRow->addStretch();

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("accountStatusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_statusLabel->hide();

    m_saveUntestedCheckBox = new QCheckBox(tr("Save &without testing"), this);
    m_saveUntestedCheckBox->setObjectName(QStringLiteral("saveUntestedCheckBox"));
    m_saveUntestedCheckBox->setToolTip(tr("For keys that cannot be tested from here yet, e.g. "
                                          "while the network is down."));
    connect(m_saveUntestedCheckBox, &QCheckBox::toggled, this, &AccountDialog::updateButtons);

    m_buttonBox = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttonBox->setObjectName(QStringLiteral("accountButtonBox"));
    m_buttonBox->button(QDialogButtonBox::Save)->setAccessibleDescription(
        tr("Store the account: its name and key ID in Flowdesk's settings, the secret in the system keychain"));
    m_buttonBox->button(QDialogButtonBox::Cancel)->setAccessibleDescription(tr("Close without storing anything"));
    connect(m_buttonBox, &QDialogButtonBox::accepted, this, &AccountDialog::accept);
    connect(m_buttonBox, &QDialogButtonBox::rejected, this, &AccountDialog::reject);

    auto *note = new QLabel(tr("The secret key and session token are kept in the system "
                               "keychain, never in Flowdesk's settings file."), this);
    note->setObjectName(QStringLiteral("keychainNoteLabel"));
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addSpacing(6);
    layout->addLayout(testRow);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_saveUntestedCheckBox);
    layout->addStretch();
    layout->addWidget(m_buttonBox);

    m_endpointLineEdit->setPlaceholderText(tr("Default: %1").arg(defaultEndpoint(region()).toString()));
    updateButtons();
    resize(560, sizeHint().height());
}

void AccountDialog::fillFrom(const aws::StoredAccount &account)
{
    m_nameLineEdit->setText(account.name);
    m_accessKeyIdLineEdit->setText(account.accessKeyId);
    if (account.hasSessionToken)
        m_sessionTokenLineEdit->setPlaceholderText(tr("Stored; enter the secret key to replace it"));
    if (!account.region.isEmpty()) {
        if (m_regionComboBox->findText(account.region) < 0)
            m_regionComboBox->addItem(account.region); // flagged by problem(Region)
        m_regionComboBox->setCurrentText(account.region);
    }
    m_endpointLineEdit->setText(account.endpoint.toString());
    m_tested = false;
    updateButtons();
}

void AccountDialog::setSuggestedRegion(const QString &region)
{
    if (isEditing() || !models::ConnectionCatalog::isAppFlowRegion(region))
        return;
    m_regionComboBox->setCurrentText(region);
}

QString AccountDialog::region() const
{
    return m_regionComboBox->currentText();
}

QUrl AccountDialog::endpointUrl() const
{
    const QString text = m_endpointLineEdit->text().trimmed();
    return text.isEmpty() ? QUrl() : QUrl(text, QUrl::StrictMode);
}

bool AccountDialog::keepsStoredSecret() const
{
    return isEditing() && m_secretLineEdit->text().isEmpty();
}

QString AccountDialog::problem(Field field) const
{
    static const QRegularExpression keyIdShape(QStringLiteral("^[A-Z0-9]{16,128}$"));
    const QString keyId = m_accessKeyIdLineEdit->text().trimmed();
    switch (field) {
    case Field::Name: {
        const QString name = m_nameLineEdit->text();
        const QString invalid = aws::StoredAccounts::validateName(name);
        if (!invalid.isEmpty())
            return invalid;
        const bool renamed = !isEditing() || m_original->name != name;
        if (renamed && m_accounts->account(name))
            return tr("An account named “%1” already exists; choose another name, or edit that "
                      "account instead.").arg(name);
        return {};
    }
    case Field::AccessKeyId:
        if (keyId.isEmpty())
            return tr("Enter the access key ID, e.g. AKIAIOSFODNN7EXAMPLE.");
        if (keyId != keyId.toUpper())
            return tr("Access key IDs are written in capital letters and digits; check that it "
                      "was copied exactly.");
        if (!keyIdShape.match(keyId).hasMatch())
            return tr("An access key ID has only capital letters and digits, 16 to 128 of them "
                      "(usually 20, starting with AKIA or ASIA); check that it was copied whole.");
        return {};
    case Field::Secret: {
        const QString secret = m_secretLineEdit->text();
        if (secret.isEmpty()) {
            if (!isEditing())
                return tr("Enter the secret access key that belongs to this access key ID.");
            if (keyId != m_original->accessKeyId)
                return tr("A new access key ID needs its secret access key: enter it too.");
            return {};
        }
        if (secret.trimmed().contains(QRegularExpression(QStringLiteral("\\s"))))
            return tr("A secret access key has no spaces; check that it was copied exactly.");
        return {};
    }
    case Field::SessionToken:
        if (keepsStoredSecret() && !m_sessionTokenLineEdit->text().trimmed().isEmpty())
            return tr("A session token belongs to its secret key: enter the secret access key "
                      "too to replace it.");
        return {};
    case Field::Region:
        if (!models::ConnectionCatalog::isAppFlowRegion(region()))
            return tr("AppFlow is not available in %1; choose one of the listed regions.")
                .arg(region());
        return {};
    case Field::Endpoint: {
        if (m_endpointLineEdit->text().trimmed().isEmpty())
            return {};
        return aws::EndpointResolver::checkUrlText(m_endpointLineEdit->text(), tr("the Endpoint field"));
    }
    }
    return {};
}

QString AccountDialog::accessKeyWarning() const
{
    static const QRegularExpression usual(QStringLiteral("^(AKIA|ASIA)[A-Z0-9]{16}$"));
    const QString keyId = m_accessKeyIdLineEdit->text().trimmed();
    if (!usual.match(keyId).hasMatch())
        return tr("This does not look like an AWS access key ID (AKIA or ASIA and 16 more "
                  "letters and digits). Check that it was copied whole; Test connection will "
                  "tell.");
    if (keyId.startsWith(QLatin1String("ASIA")) && m_sessionTokenLineEdit->text().trimmed().isEmpty()
        && !(isEditing() && m_original->hasSessionToken && keepsStoredSecret()))
        return tr("Keys starting with ASIA are temporary: enter their session token as well.");
    return {};
}

void AccountDialog::showProblem(Field field, const QString &text)
{
    QLabel *label = m_errorLabels.value(int(field));
    label->setText(text);
    m_form->setRowVisible(label, !text.isEmpty());
    fitHeight();
}

void AccountDialog::fitHeight()
{
    layout()->activate();
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width())
                                                     : layout()->totalSizeHint().height();
    if (needed > 0 && needed != height())
        resize(width(), needed);
}

bool AccountDialog::validateAll()
{
    return validate({Field::Name, Field::AccessKeyId, Field::Secret, Field::SessionToken,
                     Field::Region, Field::Endpoint});
}

// Shows each field's problem in place and focuses the first field that has one.
bool AccountDialog::validate(const QList<Field> &fields)
{
    QWidget *first = nullptr;
    for (Field field : fields) {
        const QString text = problem(field);
        showProblem(field, text);
        if (!text.isEmpty() && !first)
            first = widgetOf(field);
    }
    if (first)
        first->setFocus();
    return !first;
}

QWidget *AccountDialog::widgetOf(Field field) const
{
    switch (field) {
    case Field::Name: return m_nameLineEdit;
    case Field::AccessKeyId: return m_accessKeyIdLineEdit;
    case Field::Secret: return m_secretLineEdit;
    case Field::SessionToken: return m_sessionTokenLineEdit;
    case Field::Region: return m_regionComboBox;
    case Field::Endpoint: return m_endpointLineEdit;
    }
    return nullptr;
}

void AccountDialog::credentialsChanged()
{
    // What was tested is no longer what would be saved.
    m_tested = false;
    if (m_testing) {
        delete m_testContext;
        setBusy(false);
    }
    if (m_statusLabel->isVisible()) {
        m_statusLabel->hide();
        fitHeight();
    }
    updateButtons();
}

void AccountDialog::setStatus(const QString &text, bool ok)
{
    m_statusLabel->setText(text);
    setTextTone(m_statusLabel, ok ? SemanticColors::Tone::Success : SemanticColors::Tone::Error);
    m_statusLabel->setVisible(!text.isEmpty());
    fitHeight();
}

void AccountDialog::setBusy(bool busy, const QString &what)
{
    m_testing = busy && !m_saving;
    m_testProgressBar->setVisible(busy);
    m_testProgressBar->setToolTip(what);
    if (busy)
        setStatus(what, true);
    updateButtons();
}

void AccountDialog::updateButtons()
{
    const bool idle = !m_testing && !m_saving;
    m_testButton->setEnabled(idle);
    m_buttonBox->button(QDialogButtonBox::Save)->setEnabled(
        idle && (m_tested || m_saveUntestedCheckBox->isChecked()));
    m_buttonBox->button(QDialogButtonBox::Save)->setToolTip(
        m_tested || m_saveUntestedCheckBox->isChecked()
            ? QString()
            : tr("Test the connection first, or tick “Save without testing”."));
}

void AccountDialog::testConnection()
{
    // The name plays no part in a test, so a missing name does not block it.
    if (!validate({Field::AccessKeyId, Field::Secret, Field::SessionToken, Field::Region,
                   Field::Endpoint}))
        return;

    delete m_testContext;
    m_testContext = new QObject(this);
    m_tested = false;

    appflow::AppFlowClientConfig config;
    config.region = region();
    config.endpoint = endpointUrl().isEmpty() ? defaultEndpoint(region()) : endpointUrl();
    // A test should answer quickly: one retry, and a dead endpoint gives up within 15 s.
    config.retry.maxAttempts = 2;
    config.transferTimeout = std::chrono::seconds(15);

    aws::CredentialSource *credentials = nullptr;
    const QString description = tr("account %1").arg(m_nameLineEdit->text().trimmed());
    if (keepsStoredSecret()) {
        credentials = m_accounts->createCredentialSource(m_original->name);
    } else {
        aws::Credentials typed;
        typed.accessKeyId = m_accessKeyIdLineEdit->text().trimmed();
        typed.secretAccessKey = m_secretLineEdit->text().trimmed();
        typed.sessionToken = m_sessionTokenLineEdit->text().trimmed();
        credentials = new aws::StaticCredentialSource(typed, description);
    }
    auto *client = new appflow::AppFlowClient(config, credentials, m_testContext);
    // Destroyed after the client (a later child of it), which may still use them while aborting.
    credentials->setParent(client);

    const QString host = config.endpoint.host();
    setBusy(true, tr("Listing the flows in %1 at %2…").arg(config.region, host));
    client->listFlows(m_testContext, [this, host, region = config.region](
                                         const appflow::AppFlowResult<QList<appflow::FlowDefinition>> &result) {
        m_testContext->deleteLater();
        setBusy(false);
        if (result.ok()) {
            m_tested = true;
            setStatus(tr("Connected: AppFlow in %1 accepted these keys (flows found: %2).")
                          .arg(region)
                          .arg(result.value().size()),
                      true);
        } else {
            const BarMessage message =
                ErrorPresenter::present(result.error(), QStringLiteral("ListFlows"), {}, host);
            QStringList parts{tr("Test failed: %1").arg(message.text)};
            if (!message.detail.isEmpty())
                parts << (message.code.isEmpty() ? message.detail
                                                 : message.code + QStringLiteral(": ") + message.detail);
            if (!message.hint.isEmpty())
                parts << message.hint;
            setStatus(parts.join(u'\n'), false);
        }
        updateButtons();
    });
}

void AccountDialog::accept()
{
    if (m_saving || m_testing || !validateAll())
        return;
    if (!m_tested && !m_saveUntestedCheckBox->isChecked())
        return;

    aws::StoredAccount account;
    account.name = m_nameLineEdit->text();
    account.accessKeyId = m_accessKeyIdLineEdit->text().trimmed();
    account.region = region();
    account.endpoint = endpointUrl();
    const QString secret = m_secretLineEdit->text().trimmed();
    const QString token = m_sessionTokenLineEdit->text().trimmed();

    m_saving = true;
    setBusy(true, tr("Saving to the keychain…"));
    auto done = [this, name = account.name](const QString &error) {
        m_saving = false;
        setBusy(false);
        if (!error.isEmpty()) {
            setStatus(error, false);
            return;
        }
        emit accountSaved(name);
        QDialog::accept();
    };
    if (isEditing()) {
        const bool keep = keepsStoredSecret();
        m_accounts->edit(m_original->name, account,
                         keep ? std::nullopt : std::optional<QString>(secret),
                         keep ? std::nullopt : std::optional<QString>(token), this, done);
    } else {
        m_accounts->save(account, secret, token, this, done);
    }
}

} // namespace flowdesk
