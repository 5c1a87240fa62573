#include "MfaPromptDialog.h"
#include "SemanticColors.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace flowdesk {

MfaPromptDialog::MfaPromptDialog(const QString &serialNumber, const QString &roleArn,
                                 const QString &profileName, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("mfaPromptDialog"));
    setWindowTitle(tr("MFA code for profile %1").arg(profileName));
    setAttribute(Qt::WA_DeleteOnClose);

    auto *intro = new QLabel(
        tr("Profile <b>%1</b> assumes a role that requires multi-factor authentication. Enter "
           "the 6-digit code your MFA device shows now.").arg(profileName.toHtmlEscaped()),
        this);
    intro->setObjectName(QStringLiteral("mfaIntroLabel"));
    intro->setWordWrap(true);

    auto *device = new QLabel(serialNumber, this);
    device->setObjectName(QStringLiteral("mfaDeviceLabel"));
    device->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *role = new QLabel(roleArn, this);
    role->setObjectName(QStringLiteral("mfaRoleLabel"));
    role->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_codeLineEdit = new QLineEdit(this);
    m_codeLineEdit->setObjectName(QStringLiteral("mfaCodeLineEdit"));
    m_codeLineEdit->setAccessibleName(tr("Six-digit MFA code"));
    m_codeLineEdit->setPlaceholderText(tr("123456"));
    // Digits and the space some authenticator apps show in the middle; nothing else can be
    // typed, so the only thing left to check on OK is the count.
    m_codeLineEdit->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("^( ?[0-9]){0,6} ?$")), m_codeLineEdit));
    QFont mono = m_codeLineEdit->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    mono.setPointSizeF(mono.pointSizeF() * 1.3);
    m_codeLineEdit->setFont(mono);
    m_codeLineEdit->setMaximumWidth(m_codeLineEdit->fontMetrics().horizontalAdvance(
                                        QStringLiteral("0000000000")) + 16);
    connect(m_codeLineEdit, &QLineEdit::textEdited, this, [this] { showProblem({}); });

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("mfaErrorLabel"));
    QPalette errorPalette = m_errorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, SemanticColors::textOnWindow(SemanticColors::Tone::Error, errorPalette));
    m_errorLabel->setPalette(errorPalette);
    m_errorLabel->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("MFA device:"), device);
    form->addRow(tr("Role:"), role);
    form->addRow(tr("&Code:"), m_codeLineEdit);

    m_buttonBox = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttonBox->setObjectName(QStringLiteral("mfaButtonBox"));
    m_buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Continue"));
    m_buttonBox->button(QDialogButtonBox::Ok)->setAccessibleDescription(
        tr("Send the code to AWS to get temporary credentials for the role"));
    m_buttonBox->button(QDialogButtonBox::Cancel)->setAccessibleDescription(
        tr("Do not connect; nothing is sent to AWS"));
    connect(m_buttonBox, &QDialogButtonBox::accepted, this, &MfaPromptDialog::accept);
    connect(m_buttonBox, &QDialogButtonBox::rejected, this, &MfaPromptDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_errorLabel);
    layout->addStretch();
    layout->addWidget(m_buttonBox);
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    resize(qMax(sizeHint().width(), 460), sizeHint().height());
    m_codeLineEdit->setFocus();
}

QString MfaPromptDialog::code() const
{
    QString digits = m_codeLineEdit->text();
    digits.remove(u' ');
    return digits;
}

void MfaPromptDialog::showProblem(const QString &problem)
{
    m_errorLabel->setText(problem);
    m_errorLabel->setVisible(!problem.isEmpty());
}

void MfaPromptDialog::accept()
{
    if (code().size() != 6) {
        showProblem(code().isEmpty()
                        ? tr("Enter the 6-digit code from your MFA device.")
                        : tr("MFA codes have 6 digits; this one has %1.").arg(code().size()));
        m_codeLineEdit->setFocus();
        return;
    }
    QDialog::accept();
}

void MfaPromptDialog::done(int result)
{
    // Every way out (OK, Cancel, Escape, the window's close button) passes here, once.
    if (!m_answered) {
        m_answered = true;
        emit codeEntered(result == QDialog::Accepted ? code() : QString());
    }
    QDialog::done(result);
}

} // namespace flowdesk
