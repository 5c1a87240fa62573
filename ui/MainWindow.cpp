#include "MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

namespace flowdesk {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Flowdesk"));
    resize(1200, 760);

    auto *placeholder = new QLabel(tr("No connection yet."), this);
    placeholder->setObjectName(QStringLiteral("emptyStateLabel"));
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);

    createMenus();
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->setObjectName(QStringLiteral("fileMenu"));
    QAction *quitAction = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setObjectName(QStringLiteral("quitAction"));
    quitAction->setShortcut(QKeySequence::Quit);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->setObjectName(QStringLiteral("helpMenu"));
    QAction *aboutAction = helpMenu->addAction(tr("&About Flowdesk"), this, &MainWindow::showAbout);
    aboutAction->setObjectName(QStringLiteral("aboutAction"));
}

void MainWindow::showAbout()
{
    // Non-modal: an About box must never block auto-refresh or an error bar.
    auto *box = new QMessageBox(QMessageBox::Information, tr("About Flowdesk"),
                                tr("<b>Flowdesk %1</b><p>Administer Amazon AppFlow flows and their runs.</p>"
                                   "<p>Qt %2, %3 build.</p>")
                                    .arg(QCoreApplication::applicationVersion(),
                                         QString::fromLatin1(qVersion()),
                                         QStringLiteral(FLOWDESK_BUILD_TYPE)),
                                QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace flowdesk
