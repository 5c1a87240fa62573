#pragma once

#include <FleetLogin.h>

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace flowdesk {

// File → Open IAM Identity Center fleet…: which login to read as a fleet. Lists the
// [sso-session]s and legacy sso_start_url profiles of ~/.aws/config, "Start URL and region"
// (for a login the AWS CLI has not been set up for: the fields open, and Open stays disabled
// with the reason shown until both are usable), and the demo fleet.
class FleetLoginDialog : public QDialog
{
    Q_OBJECT

public:
    // `configPath` only for the words ("the sso-sessions of ~/.aws/config").
    FleetLoginDialog(const QList<models::FleetLogin> &logins, const QString &configPath, QWidget *parent = nullptr);

    models::FleetLogin chosenLogin() const;

    QComboBox *loginBox() const { return m_login; }
    QLineEdit *startUrlEdit() const { return m_startUrl; }
    QComboBox *regionBox() const { return m_region; }
    QLabel *problemLabel() const { return m_problem; }

signals:
    void loginChosen(const flowdesk::models::FleetLogin &login);

private:
    void update();

    QList<models::FleetLogin> m_logins; // the login box's items, in order (start URL, demo last)
    QComboBox *m_login = nullptr;
    QLineEdit *m_startUrl = nullptr;
    QComboBox *m_region = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace flowdesk
