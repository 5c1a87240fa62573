#pragma once

#include <QMainWindow>

namespace flowdesk {

// The main window: a menu bar, a toolbar and (from the "Main window" work on) the flows and
// runs views. Everything it shows comes from models; it owns no network or keychain code.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

private:
    void createMenus();
    void showAbout();
};

} // namespace flowdesk
