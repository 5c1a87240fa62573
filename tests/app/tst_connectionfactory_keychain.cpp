// Flowdesk's own accounts through ConnectionFactory, against the real Secret Service that
// `./dev test` starts (gnome-keyring in a private D-Bus session; label keychain) and a real
// QSettings file: added, used for ListFlows against the simulator, edited, renamed and removed
// (with their keychain entries). And the proof that no secret lands anywhere but the
// keychain: after add → open → ListFlows → cancel (with its audit log) with every logging
// category on, neither the secret nor the session token is in the settings file, any log
// message or the audit file.
#include "ConnectionTestSupport.h"
#include "StoredAccountsFixture.h"

#include "CancelController.h"
#include "ConnectionChoice.h"

#include <KeychainJob.h>
#include <StoredAccounts.h>

#include <QDirIterator>
#include <QLoggingCategory>
#include <QMutex>
#include <QSettings>

using flowdesk::ConnectionAttempt;
using flowdesk::ConnectionFactory;
using flowdesk::ConnectionServices;
using flowdesk::aws::KeychainJob;
using flowdesk::aws::KeychainResult;
using flowdesk::aws::StoredAccount;
using flowdesk::aws::StoredAccounts;
using flowdesk::models::CancelController;
using flowdesk::models::ConnectionChoice;
using flowdesk::test::LoggingSimulator;
using flowdesk::test::SimulatorProcess;
using flowdesk::test::TemporaryAwsHome;
using flowdesk::test::firstError;
using flowdesk::test::listFlows;
using flowdesk::test::scenarioFlowNames;
using flowdesk::test::withOperation;
using Kind = flowdesk::models::ConnectionInfo::Kind;

namespace {

// Every Qt message of the process (any thread), with its category.
QMutex g_logMutex;
QStringList g_log;
void captureMessage(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    const QMutexLocker lock(&g_logMutex);
    g_log << QString::fromUtf8(context.category ? context.category : "default") + u": " + message;
}

// Turns on every logging category (debug included) and captures all messages until destroyed.
class LogCapture
{
public:
    LogCapture()
    {
        {
            const QMutexLocker lock(&g_logMutex);
            g_log.clear();
        }
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
        m_previous = qInstallMessageHandler(captureMessage);
    }
    ~LogCapture()
    {
        qInstallMessageHandler(m_previous);
        QLoggingCategory::setFilterRules(QString());
    }
    QStringList messages() const
    {
        const QMutexLocker lock(&g_logMutex);
        return g_log;
    }

private:
    QtMessageHandler m_previous = nullptr;
};

// Where in `places` (name → bytes) any of `secrets` occurs, as it is or in the encodings a
// careless write would produce (percent-encoded, base64, hex). Empty when nowhere.
QStringList leaks(const QMap<QString, QByteArray> &places, const QStringList &secrets)
{
    QStringList found;
    for (const QString &secret : secrets) {
        const QByteArray raw = secret.toUtf8();
        const QList<QByteArray> forms{raw, QUrl::toPercentEncoding(secret), raw.toBase64(),
                                      raw.toHex()};
        for (auto it = places.cbegin(); it != places.cend(); ++it) {
            for (const QByteArray &form : forms) {
                if (it.value().contains(form)) {
                    found << it.key();
                    break;
                }
            }
        }
    }
    return found;
}

QByteArray contentOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TstConnectionFactoryKeychain : public QObject
{
    Q_OBJECT

private:
    // Its keychain service is of this run only: nothing of a developer's keyring is touched.
    flowdesk::test::StoredAccountsFixture m_fixture{QStringLiteral("Flowdesk-conntest-")};
    std::unique_ptr<LoggingSimulator> m_sim;

    QString settingsPath() const { return m_fixture.settingsPath(); }

    StoredAccount account(const QString &name) const
    {
        StoredAccount a;
        a.name = name;
        a.accessKeyId = m_sim->accessKeyId();
        a.region = QStringLiteral("us-east-1");
        a.endpoint = m_sim->url();
        return a;
    }

    template<typename Start>
    static QString await(Start start)
    {
        return flowdesk::test::StoredAccountsFixture::await(start);
    }

    QString save(const StoredAccount &a, const QString &secret, const QString &token = {})
    {
        return m_fixture.save(a, secret, token);
    }

    ConnectionAttempt open(const QString &name, const QUrl &endpoint = {})
    {
        TemporaryAwsHome home; // no AWS files and no AWS variables: only the keychain can help
        ConnectionServices services;
        services.accounts = &m_fixture.accounts();
        services.environment = home.environment();
        ConnectionChoice choice;
        choice.kind = Kind::StoredAccount;
        choice.name = name;
        choice.region = QStringLiteral("us-east-1");
        choice.endpoint = endpoint; // empty: the account's own endpoint
        return ConnectionFactory(services).open(choice);
    }

    // The in-progress runs of `flow`, as the app would find them (DescribeFlowExecutionRecords).
    static QList<flowdesk::appflow::ExecutionRecord> inProgressRuns(flowdesk::models::Connection *connection,
                                                                  const QString &flow)
    {
        QList<flowdesk::appflow::ExecutionRecord> runs;
        bool done = false;
        QObject context;
        connection->client()->describeFlowExecutionRecords(
            flow, {}, &context,
            [&](const QList<flowdesk::appflow::ExecutionRecord> &page) {
                for (const auto &run : page) {
                    if (run.executionStatus == flowdesk::appflow::ExecutionStatus::InProgress)
                        runs << run;
                }
                return flowdesk::appflow::AppFlowClient::PageAction::Continue;
            },
            [&](const auto &) { done = true; });
        if (!QTest::qWaitFor([&] { return done; }, 30000))
            qWarning("DescribeFlowExecutionRecords did not answer");
        return runs;
    }

    // Opens the account, checks what the connection says about itself and lists the flows.
    void openAndList(const QString &name)
    {
        const ConnectionAttempt attempt = open(name);
        const std::unique_ptr<flowdesk::models::Connection> connection(attempt.connection);
        QVERIFY2(connection, qPrintable(attempt.error));
        QCOMPARE(connection->info().kind, Kind::StoredAccount);
        QCOMPARE(connection->info().name, name);
        QCOMPARE(connection->info().endpoint, m_sim->url());
        const auto listing = listFlows(connection.get());
        QVERIFY2(listing.ok, qPrintable(listing.errorText()));
        QCOMPARE(listing.flowNames, scenarioFlowNames());
        const auto signedBy = withOperation(m_sim->newRequests(), QStringLiteral("ListFlows"));
        QVERIFY(!signedBy.isEmpty());
        QCOMPARE(signedBy.last().value(QStringLiteral("accessKeyId")).toString(), m_sim->accessKeyId());
    }

private slots:
    void initTestCase()
    {
        if (!qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"))
            QFAIL("No D-Bus session: run the tests through `./dev test`, which starts one with "
                  "an unlocked gnome-keyring.");
        QVERIFY(m_fixture.ok());
        flowdesk::sim::SimulatorConfig config;
        // Letters and digits only, so a plain byte search finds it in any file.
        config.secretAccessKey = QStringLiteral("SECRETx") + QUuid::createUuid().toString(QUuid::Id128);
        config.sessionToken = QStringLiteral("TOKENx") + QUuid::createUuid().toString(QUuid::Id128);
        m_sim = std::make_unique<LoggingSimulator>(config);
        QVERIFY2(m_sim->ok(), qPrintable(m_sim->error()));
    }

    void init()
    {
        m_fixture.reset();
        m_sim->newRequests();
    }

    void cleanup() { m_fixture.removeAll(); }

    void addUseEditRemove()
    {
        const QString name = QStringLiteral("ops-sim");
        QCOMPARE(save(account(name), m_sim->secretAccessKey(), m_sim->sessionToken()), QString());
        QCOMPARE(m_fixture.keychainStatus(StoredAccounts::secretKeyEntry(name)), KeychainResult::Status::Ok);
        openAndList(name);
        if (QTest::currentTestFailed())
            return;

        // Edited to another secret: a new connection signs with it, and the simulator refuses.
        QCOMPARE(await([&](QObject *c, StoredAccounts::Done d) {
                     m_fixture.accounts().edit(name, account(name), QStringLiteral("rotated-away"), std::nullopt, c, d);
                 }),
                 QString());
        const QString refused = firstError(open(name));
        QVERIFY2(refused.contains(QStringLiteral("InvalidSignatureException")), qPrintable(refused));

        // Edited back to the right secret (the stored session token kept): listing works again.
        QCOMPARE(await([&](QObject *c, StoredAccounts::Done d) {
                     m_fixture.accounts().edit(name, account(name), m_sim->secretAccessKey(), std::nullopt, c, d);
                 }),
                 QString());
        openAndList(name);
        if (QTest::currentTestFailed())
            return;

        // Renamed: the keychain entries move along; the old name is gone.
        const QString renamed = QStringLiteral("ops-sim-renamed");
        QCOMPARE(await([&](QObject *c, StoredAccounts::Done d) {
                     m_fixture.accounts().edit(name, account(renamed), std::nullopt, std::nullopt, c, d);
                 }),
                 QString());
        openAndList(renamed);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(firstError(open(name)).contains(QStringLiteral("no Flowdesk account named")));
        QCOMPARE(m_fixture.keychainStatus(StoredAccounts::secretKeyEntry(name)), KeychainResult::Status::NotFound);
        QCOMPARE(m_fixture.keychainStatus(StoredAccounts::sessionTokenEntry(name)), KeychainResult::Status::NotFound);

        // Removed: opening fails clearly, and the keychain entries are deleted.
        QCOMPARE(await([&](QObject *c, StoredAccounts::Done d) { m_fixture.accounts().remove(renamed, c, d); }),
                 QString());
        const ConnectionAttempt gone = open(renamed);
        const std::unique_ptr<flowdesk::models::Connection> unexpected(gone.connection);
        QVERIFY(!unexpected);
        QVERIFY2(gone.error.contains(QStringLiteral("no Flowdesk account named \u201cops-sim-renamed\u201d")),
                 qPrintable(gone.error));
        QCOMPARE(m_fixture.keychainStatus(StoredAccounts::secretKeyEntry(renamed)), KeychainResult::Status::NotFound);
        QCOMPARE(m_fixture.keychainStatus(StoredAccounts::sessionTokenEntry(renamed)), KeychainResult::Status::NotFound);
        QVERIFY(!contentOf(settingsPath()).contains("ops-sim"));
    }

    // A chosen endpoint other than the account's own is checked like any other.
    void accountEndpointRules()
    {
        QCOMPARE(save(account(QStringLiteral("ops-sim")), m_sim->secretAccessKey(), m_sim->sessionToken()),
                 QString());
        const QString error
            = firstError(open(QStringLiteral("ops-sim"), QUrl(QStringLiteral("http://appflow.example.com"))));
        QVERIFY2(error.contains(QStringLiteral("Account \u201cops-sim\u201d")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("Refusing")), qPrintable(error));
    }

    // The simulator runs as its own process here, so nothing it might print can be mistaken
    // for a line of the client's.
    void noSecretInSettingsLogsOrAudit()
    {
        SimulatorProcess::Options options;
        options.secretAccessKey = QStringLiteral("SECRETy") + QUuid::createUuid().toString(QUuid::Id128);
        options.sessionToken = QStringLiteral("TOKENy") + QUuid::createUuid().toString(QUuid::Id128);
        options.speed = 100; // cancelled runs settle within a tenth of a second
        const SimulatorProcess sim(options);
        QVERIFY2(sim.ok(), qPrintable(sim.error()));
        const QStringList secrets{options.secretAccessKey, options.sessionToken};

        const QString name = QStringLiteral("leak-check");
        const QString flow = QStringLiteral("orders-sync");
        const QString auditPath = QDir(m_fixture.dirPath()).filePath(QStringLiteral("audit-log.jsonl"));
        QFile::remove(auditPath);
        QStringList messages;
        {
            const LogCapture capture;
            StoredAccount stored = account(name);
            stored.accessKeyId = options.accessKeyId;
            stored.endpoint = sim.url();
            QCOMPARE(save(stored, options.secretAccessKey, options.sessionToken), QString());

            const ConnectionAttempt attempt = open(name);
            const std::unique_ptr<flowdesk::models::Connection> connection(attempt.connection);
            QVERIFY2(connection, qPrintable(attempt.error));
            const auto listing = listFlows(connection.get());
            QVERIFY2(listing.ok, qPrintable(listing.errorText()));
            QCOMPARE(listing.flowNames, scenarioFlowNames());

            CancelController::Target target;
            target.flowName = flow;
            target.runs = inProgressRuns(connection.get(), flow);
            QVERIFY(!target.runs.isEmpty());
            CancelController controller(connection->client(), connection->info(), auditPath);
            controller.setPollIntervals(50, 200);
            QSignalSpy settled(&controller, &CancelController::settled);
            controller.start({target});
            QTRY_COMPARE_WITH_TIMEOUT(settled.count(), 1, 20000);
            QCOMPARE(controller.outcomes()->count(flowdesk::models::CancelOutcomeModel::Result::CancelStarted),
                     target.runs.size());
            messages = capture.messages();
        }
        m_fixture.settings().sync();

        // Each place holds what it should, so looking there for the secrets means something.
        const QByteArray settings = contentOf(settingsPath());
        QVERIFY2(settings.contains(options.accessKeyId.toUtf8()), settings.constData());
        const QByteArray audit = contentOf(auditPath);
        QVERIFY2(audit.contains(name.toUtf8()), audit.constData()); // the audit names the account
        QVERIFY2(audit.contains(flow.toUtf8()), audit.constData());
        const QString log = messages.join(u'\n');
        QVERIFY2(log.contains(QStringLiteral("flowdesk.appflow")), "nothing of the client was logged");
        QVERIFY2(log.contains(QStringLiteral("CancelFlowExecutions")), "the cancel was not logged");
        // The simulator saw the requests signed with this account's key (and checked the token).
        const auto cancels = withOperation(sim.requests(), QStringLiteral("CancelFlowExecutions"));
        QVERIFY(!cancels.isEmpty());
        QCOMPARE(cancels.first().value(QStringLiteral("status")).toInt(), 200);
        QCOMPARE(cancels.first().value(QStringLiteral("accessKeyId")).toString(), options.accessKeyId);

        QMap<QString, QByteArray> places{{QStringLiteral("settings file"), settings},
                                         {QStringLiteral("audit log"), audit}};
        // Each leaking log message is named (secrets masked) so the culprit can be found.
        for (const QString &message : std::as_const(messages)) {
            if (!leaks({{QStringLiteral("message"), message.toUtf8()}}, secrets).isEmpty()) {
                QString masked = message;
                for (const QString &secret : secrets)
                    masked.replace(secret, QStringLiteral("<SECRET>"));
                places.insert(QStringLiteral("log message \"%1\"").arg(masked.left(300)), message.toUtf8());
            }
        }
        // And every other file in the test's folder and in the folder of this process's
        // default QSettings file (where a stray QSettings() would write).
        const QString nativeSettings = QFileInfo(QSettings().fileName()).absolutePath();
        for (const QString &root : {m_fixture.dirPath(), nativeSettings}) {
            QDirIterator files(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (files.hasNext()) {
                const QString path = files.next();
                if (!path.contains(QLatin1String("/keyrings/")) && QFileInfo(path).size() < (4 << 20))
                    places.insert(path, contentOf(path));
            }
        }
        const QStringList found = leaks(places, secrets);
        QVERIFY2(found.isEmpty(), qPrintable(u"a secret was found in: " + found.join(u", ")));
    }

    // The control: the same check does catch a secret in the settings file or in a log line,
    // so the test above cannot pass by looking in the wrong place.
    void leakCheckCatchesALeak()
    {
        const QString secret = m_sim->secretAccessKey();
        m_fixture.settings().setValue(QStringLiteral("accounts/careless/secretAccessKey"), secret);
        m_fixture.settings().sync();
        QMap<QString, QByteArray> places{{QStringLiteral("settings file"), contentOf(settingsPath())}};
        QCOMPARE(leaks(places, {secret}), QStringList{QStringLiteral("settings file")});
        m_fixture.settings().remove(QStringLiteral("accounts/careless"));

        QStringList messages;
        {
            const LogCapture capture;
            QLoggingCategory category("flowdesk.test");
            qCDebug(category) << "signing with" << secret.toUtf8().toBase64();
            messages = capture.messages();
        }
        places = {{QStringLiteral("log messages"), messages.join(u'\n').toUtf8()}};
        QCOMPARE(leaks(places, {secret}), QStringList{QStringLiteral("log messages")});
    }
};

QTEST_GUILESS_MAIN(TstConnectionFactoryKeychain)
#include "tst_connectionfactory_keychain.moc"
