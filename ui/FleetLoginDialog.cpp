#include "FleetLoginDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace flowdesk {

using models::FleetLogin;

FleetLoginDialog::FleetLoginDialog(const QList<FleetLogin> &logins, const QString &configPath, QWidget *parent)
    : QDialog(parent)
    , m_logins(logins)
{
    setWindowTitle(tr("Open IAM Identity Center fleet"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(logins.isEmpty()
                                 ? tr("%1 has no IAM Identity Center login (`aws configure sso-session` adds one). "
                                      "Enter your AWS access portal URL, or try the demo fleet.").arg(configPath)
                                 : tr("Read every account of an IAM Identity Center login: an sso-session or "
                                      "profile of %1, or an AWS access portal URL.").arg(configPath),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_login = new QComboBox(this);
    m_login->setAccessibleName(tr("IAM Identity Center login"));
    for (const FleetLogin &login : logins)
        m_login->addItem(login.label());
    m_logins.append({FleetLogin::Kind::StartUrl, {}, {}, {}});
    m_login->addItem(tr("AWS access portal URL and region…"));
    m_logins.append({FleetLogin::Kind::Demo, {}, {}, {}});
    m_login->addItem(tr("Demo fleet (built-in simulator)"));
    form->addRow(tr("&Login:"), m_login);

    m_startUrl = new QLineEdit(this);
    m_startUrl->setPlaceholderText(QStringLiteral("https://my-company.awsapps.com/start"));
    m_startUrl->setAccessibleName(tr("AWS access portal URL"));
    form->addRow(tr("Portal &URL:"), m_startUrl);
    m_region = new QComboBox(this);
    m_region->setEditable(true);
    m_region->setAccessibleName(tr("IAM Identity Center region"));
    // Where Identity Center instances most often live; any region name can be typed.
    m_region->addItems({QStringLiteral("us-east-1"), QStringLiteral("us-east-2"), QStringLiteral("us-west-2"),
                        QStringLiteral("eu-west-1"), QStringLiteral("eu-central-1"), QStringLiteral("ap-southeast-2"),
                        QStringLiteral("ap-northeast-1")});
    form->addRow(tr("&Region:"), m_region);
    layout->addLayout(form);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("fleetLoginProblem"));
    m_problem->setWordWrap(true);
    layout->addWidget(m_problem);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Open"));
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleDescription(
        tr("Open a Fleet tab that reads every account of this login"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleDescription(tr("Close without opening a fleet"));
    layout->addWidget(m_buttons);

    connect(m_login, &QComboBox::currentIndexChanged, this, &FleetLoginDialog::update);
    connect(m_startUrl, &QLineEdit::textChanged, this, &FleetLoginDialog::update);
    connect(m_region, &QComboBox::currentTextChanged, this, &FleetLoginDialog::update);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        emit loginChosen(chosenLogin());
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    update();
}

FleetLogin FleetLoginDialog::chosenLogin() const
{
    FleetLogin login = m_logins.value(m_login->currentIndex());
    if (login.kind == FleetLogin::Kind::StartUrl) {
        login.startUrl = m_startUrl->text().trimmed();
        login.region = m_region->currentText().trimmed();
    }
    return login;
}

void FleetLoginDialog::update()
{
    const bool typed = chosenLogin().kind == FleetLogin::Kind::StartUrl;
    m_startUrl->setEnabled(typed);
    m_region->setEnabled(typed);
    const QString problem = typed ? FleetLogin::checkStartUrl(m_startUrl->text(), m_region->currentText()) : QString();
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace flowdesk
