// A connection opened from the command line (--region, --endpoint-url, environment keys) is
// closed and opened again from the Connections sidebar and from the Open connection dialog:
// the real parser, ConnectionFactory, MainWindow and an in-process simulator with a request log.
// The reopened connection must talk to the same simulator in the same region (it used to go to
// https://appflow.us-east-1.amazonaws.com with the same keys), and the sidebar must say so.
#include "CommandLine.h"
#include "ConnectionCatalogTree.h"
#include "ConnectionChoice.h"
#include "ConnectionDialog.h"
#include "ConnectionFactory.h"
#include "ConnectionPage.h"
#include "ConnectionTestSupport.h"
#include "ConnectionsSidebar.h"
#include "FlowListModel.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "RefreshController.h"
#include "Translations.h"

#include <StoredAccounts.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using flowdesk::ConnectionFactory;
using flowdesk::MainWindow;
using flowdesk::test::LoggingSimulator;
using Kind = flowdesk::models::ConnectionInfo::Kind;

namespace {
const QString kRegion = QStringLiteral("eu-west-2"); // not the default: it must be kept too
} // namespace

class TstReopenConnection : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<LoggingSimulator> m_sim;
    std::unique_ptr<QSettings> m_accountSettings;
    std::unique_ptr<flowdesk::aws::StoredAccounts> m_accounts;
    std::unique_ptr<ConnectionFactory> m_factory;
    std::unique_ptr<MainWindow> m_window;

    // The page of the only open connection; null on timeout.
    flowdesk::ConnectionPage *openedPage()
    {
        return QTest::qWaitFor([&] { return m_window->pages().size() == 1; }, 10000)
            ? m_window->pages().first()
            : nullptr;
    }

    // ListFlows requests the simulator answered since the last call, signed with its keys.
    int servedListFlows()
    {
        int served = 0;
        for (const QJsonObject &entry :
             flowdesk::test::withOperation(m_sim->newRequests(), QStringLiteral("ListFlows"))) {
            if (entry.value(QStringLiteral("accessKeyId")).toString() == m_sim->accessKeyId()
                && entry.value(QStringLiteral("status")).toInt() == 200)
                ++served;
        }
        return served;
    }

    // The open connection goes to the simulator, in kRegion, and the simulator answers its
    // ListFlows (its request log, signed with its keys).
    void verifyConnectedToTheSimulator(flowdesk::ConnectionPage *page)
    {
        QVERIFY2(page, qPrintable(m_window->messageBar()->text()));
        const flowdesk::models::ConnectionInfo &info = page->connection()->info();
        QCOMPARE(info.kind, Kind::Environment);
        QCOMPARE(info.endpoint, m_sim->url());
        QCOMPARE(info.region, kRegion);
        QTRY_VERIFY_WITH_TIMEOUT(page->refreshController()->flows()->rowCount() == 3
                                     && !page->refreshController()->isBusy(), 20000);
        QVERIFY(servedListFlows() >= 1);
    }

private slots:
    void initTestCase()
    {
        flowdesk::installTranslations();
        QCoreApplication::setOrganizationName(QStringLiteral("FlowdeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_reopenconnection"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        flowdesk::sim::SimulatorConfig config;
        config.region = kRegion;
        m_sim = std::make_unique<LoggingSimulator>(config);
        QVERIFY2(m_sim->ok(), qPrintable(m_sim->error()));

        // Environment credentials only: no AWS CLI files, no profile, region or endpoint
        // setting that could send the connection to the simulator by another way. The sidebar
        // and the dialog read the process environment, so it is set here.
        qputenv("AWS_CONFIG_FILE", m_dir.filePath(QStringLiteral("no-config")).toLocal8Bit());
        qputenv("AWS_SHARED_CREDENTIALS_FILE", m_dir.filePath(QStringLiteral("no-credentials")).toLocal8Bit());
        for (const char *name : {"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
                                 "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_APPFLOW", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
                                 "AWS_SESSION_TOKEN"})
            qunsetenv(name);
        qputenv("AWS_ACCESS_KEY_ID", m_sim->accessKeyId().toLatin1());
        qputenv("AWS_SECRET_ACCESS_KEY", m_sim->secretAccessKey().toLatin1());
        if (!m_sim->sessionToken().isEmpty())
            qputenv("AWS_SESSION_TOKEN", m_sim->sessionToken().toLatin1());

        m_accountSettings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("accounts.ini")),
                                                        QSettings::IniFormat);
        m_accounts = std::make_unique<flowdesk::aws::StoredAccounts>(m_accountSettings.get());
        m_factory = std::make_unique<ConnectionFactory>(
            flowdesk::ConnectionServices{m_accounts.get(), nullptr, QProcessEnvironment::systemEnvironment()});
    }

    void cleanupTestCase()
    {
        m_window.reset();
        QSettings().clear();
    }

    void keepsTheCommandLineEndpointWhenReopened()
    {
        // As main.cpp does: the command line's connection first, then the window's requests.
        const flowdesk::CommandLineRequest request = flowdesk::parseCommandLine(
            {QStringLiteral("flowdesk"), QStringLiteral("--region"), kRegion,
             QStringLiteral("--endpoint-url"), m_sim->url().toString()});
        QCOMPARE(request.action, flowdesk::CommandLineRequest::Action::RunGui);
        const flowdesk::ConnectionAttempt attempt = m_factory->open(request);
        QVERIFY2(attempt.connection, qPrintable(attempt.error));
        m_window = std::make_unique<MainWindow>();
        m_window->setStoredAccounts(m_accounts.get());
        connect(m_window.get(), &MainWindow::connectionRequested, m_window.get(),
                [this](const flowdesk::models::ConnectionChoice &choice) {
                    const flowdesk::ConnectionAttempt opened = m_factory->open(choice);
                    if (opened.connection)
                        m_window->addConnection(opened.connection);
                    else
                        m_window->showConnectionError(opened.error);
                });
        m_window->setConnection(attempt.connection);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        flowdesk::ConnectionPage *page = openedPage();
        verifyConnectedToTheSimulator(page);
        if (QTest::currentTestFailed())
            return;

        // Closed, then double-clicked in the sidebar.
        QVERIFY(m_window->closeConnection(page));
        QVERIFY(m_window->pages().isEmpty());
        flowdesk::ConnectionsSidebar *sidebar = m_window->connectionsSidebar();
        flowdesk::ConnectionCatalogTree *tree = sidebar->tree();
        QVERIFY(tree->selectEntry(Kind::Environment, QString()));
        // The sidebar says where it will go: region picker, note and the entry's tooltip.
        QCOMPARE(sidebar->findChild<QComboBox *>(QStringLiteral("sidebarRegionComboBox"))->currentText(), kRegion);
        const QString note = sidebar->findChild<QLabel *>(QStringLiteral("sidebarNoteLabel"))->text();
        QVERIFY2(note.contains(m_sim->url().toString()), qPrintable(note));
        QVERIFY2(tree->currentItem()->toolTip(0).contains(m_sim->url().toString()),
                 qPrintable(tree->currentItem()->toolTip(0)));
        const auto choice = sidebar->choice();
        QVERIFY(choice);
        QCOMPARE(choice->endpoint, m_sim->url());
        QCOMPARE(choice->region, kRegion);
        tree->scrollToItem(tree->currentItem());
        const QPoint where = tree->visualItemRect(tree->currentItem()).center();
        // A double-click as item views see one: the press, then the double-click.
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, where);
        QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, where);
        page = openedPage();
        verifyConnectedToTheSimulator(page);
        if (QTest::currentTestFailed())
            return;

        // Closed, then opened again from File → Open connection, which fills in the same.
        QVERIFY(m_window->closeConnection(page));
        m_window->openConnectionDialogAt(Kind::Environment, QString());
        auto *dialog = m_window->findChild<flowdesk::ConnectionDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("endpointLineEdit"))->text(),
                 m_sim->url().toString());
        QCOMPARE(dialog->findChild<QComboBox *>(QStringLiteral("regionComboBox"))->currentText(), kRegion);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        page = openedPage();
        verifyConnectedToTheSimulator(page);
    }
};

QTEST_MAIN(TstReopenConnection)
#include "tst_reopenconnection.moc"
