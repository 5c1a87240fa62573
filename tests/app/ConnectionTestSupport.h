#pragma once

// Helpers for the ConnectionFactory tests: a temporary HOME with real-format AWS CLI files,
// simulators playing the shared test scenario with a request log, and waiting for a
// connection's ListFlows.

#include "Connection.h"
#include "ConnectionFactory.h"
#include "SimulatorFixture.h" // testScenario()

#include <AppFlowClient.h>
#include <Simulator.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <memory>
#include <optional>

namespace flowdesk::test {

// The flows of testScenario(), sorted: what every successful ListFlows must return.
inline QStringList scenarioFlowNames()
{
    return {QStringLiteral("orders-sync"), QStringLiteral("sf-bulk-accounts"),
            QStringLiteral("zendesk-tickets")};
}

// A fake HOME with ~/.aws/ in it. environment() holds HOME and a fixed PATH only: nothing of
// the shell's AWS_* variables (or anything else) leaks into a test.
class TemporaryAwsHome
{
public:
    TemporaryAwsHome()
    {
        QDir(m_dir.path()).mkpath(QStringLiteral(".aws/sso/cache"));
        m_environment.insert(QStringLiteral("HOME"), m_dir.path());
        m_environment.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
    }

    bool isValid() const { return m_dir.isValid(); }
    QString path(const QString &relative = {}) const
    {
        return relative.isEmpty() ? m_dir.path() : m_dir.filePath(relative);
    }
    QString configPath() const { return path(QStringLiteral(".aws/config")); }
    QString credentialsPath() const { return path(QStringLiteral(".aws/credentials")); }

    bool write(const QString &relative, const QByteArray &content) const
    {
        QFile file(path(relative));
        QDir().mkpath(QFileInfo(file).absolutePath());
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        return file.write(content) == content.size();
    }
    bool writeConfig(const QByteArray &content) const { return write(QStringLiteral(".aws/config"), content); }
    bool writeCredentials(const QByteArray &content) const
    {
        return write(QStringLiteral(".aws/credentials"), content);
    }
    // An executable shell script (for credential_process); returns its path.
    QString writeScript(const QString &relative, const QByteArray &body) const
    {
        if (!write(relative, "#!/bin/sh\n" + body))
            return {};
        QFile::setPermissions(path(relative), QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                  | QFileDevice::ExeOwner);
        return path(relative);
    }
    // An IAM Identity Center token where the AWS CLI keeps it after `aws sso login`:
    // ~/.aws/sso/cache/<sha1 of the sso_session name, or of the start URL for legacy
    // profiles>.json. The name is computed here, not taken from the product, so a product
    // looking elsewhere fails the test.
    bool writeSsoToken(const QString &sessionOrStartUrl, const QString &startUrl,
                       const QString &accessToken, const QString &expiresAt) const
    {
        const QByteArray hash = QCryptographicHash::hash(sessionOrStartUrl.toUtf8(),
                                                         QCryptographicHash::Sha1).toHex();
        const QJsonObject token{{QStringLiteral("startUrl"), startUrl},
                                {QStringLiteral("region"), QStringLiteral("us-east-1")},
                                {QStringLiteral("accessToken"), accessToken},
                                {QStringLiteral("expiresAt"), expiresAt},
                                {QStringLiteral("clientId"), QStringLiteral("cli-client-id")},
                                {QStringLiteral("clientSecret"), QStringLiteral("cli-client-secret")},
                                {QStringLiteral("registrationExpiresAt"),
                                 QStringLiteral("2099-01-01T00:00:00Z")},
                                {QStringLiteral("refreshToken"), QStringLiteral("cli-refresh-token")}};
        return write(QStringLiteral(".aws/sso/cache/") + QString::fromLatin1(hash)
                         + QStringLiteral(".json"),
                     QJsonDocument(token).toJson());
    }

    QProcessEnvironment &environment() { return m_environment; }

private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_environment;
};

// A simulator on loopback playing testScenario() with a fresh secret, writing its request log
// (JSON Lines: operation, accessKeyId, status, errorCode) to a temporary file.
class LoggingSimulator
{
public:
    explicit LoggingSimulator(sim::SimulatorConfig config = {})
    {
        QFile scenario(m_dir.filePath(QStringLiteral("scenario.json")));
        if (scenario.open(QIODevice::WriteOnly))
            scenario.write(QJsonDocument(testScenario()).toJson());
        scenario.close();
        config.scenario = scenario.fileName();
        if (config.secretAccessKey.isEmpty())
            config.secretAccessKey = QStringLiteral("sim/") + QUuid::createUuid().toString(QUuid::Id128);
        config.requestLogPath = m_dir.filePath(QStringLiteral("requests.jsonl"));
        m_simulator = std::make_unique<sim::Simulator>(config);
        m_listening = m_simulator->listen();
    }

    bool ok() const { return m_listening; }
    QString error() const { return m_simulator->errorString(); }
    sim::Simulator &simulator() { return *m_simulator; }
    QUrl url() const { return m_simulator->url(); }
    QString accessKeyId() const { return m_simulator->config().accessKeyId; }
    QString secretAccessKey() const { return m_simulator->config().secretAccessKey; }
    QString sessionToken() const { return m_simulator->config().sessionToken; }
    QString requestLogPath() const { return m_dir.filePath(QStringLiteral("requests.jsonl")); }

    // The request log's entries written since the last call.
    QList<QJsonObject> newRequests()
    {
        QList<QJsonObject> entries;
        QFile file(requestLogPath());
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
            return entries;
        file.seek(m_logRead);
        for (QByteArray line = file.readLine(); !line.isEmpty(); line = file.readLine())
            entries << QJsonDocument::fromJson(line).object();
        m_logRead = file.pos();
        return entries;
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<sim::Simulator> m_simulator;
    bool m_listening = false;
    qint64 m_logRead = 0;
};

// The real flowdesk-sim executable (FLOWDESK_BIN_DIR, set by flowdesk_add_test) playing
// testScenario() with the given keys on a random loopback port, logging every request
// (--log-requests). Out of process, so whatever it logs about the requests it receives never
// mixes with the messages of the client under test.
class SimulatorProcess
{
public:
    struct Options {
        QString accessKeyId = QStringLiteral("AKIAFLOWDESKSIMPROC1");
        QString secretAccessKey = QStringLiteral("simproc/") + QUuid::createUuid().toString(QUuid::Id128);
        QString sessionToken;
        double speed = 1;
    };

    explicit SimulatorProcess(const Options &options)
        : m_options(options)
    {
        QFile scenario(m_dir.filePath(QStringLiteral("scenario.json")));
        if (!scenario.open(QIODevice::WriteOnly)
            || scenario.write(QJsonDocument(testScenario()).toJson()) <= 0) {
            m_error = QStringLiteral("cannot write ") + scenario.fileName();
            return;
        }
        scenario.close();
        QStringList arguments{QStringLiteral("--access-key-id"), options.accessKeyId,
                              QStringLiteral("--scenario"), scenario.fileName(),
                              QStringLiteral("--speed"), QString::number(options.speed),
                              QStringLiteral("--log-requests"), requestLogPath()};
        if (!options.sessionToken.isEmpty())
            arguments << QStringLiteral("--session-token") << options.sessionToken;
        // The secret through the environment, as the README suggests, not the command line
        // (where `ps` would show it).
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("FLOWDESK_SIM_SECRET_ACCESS_KEY"), options.secretAccessKey);
        m_process.setProcessEnvironment(environment);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(executable(), arguments);
        if (!m_process.waitForStarted(20000)) {
            m_error = executable() + QStringLiteral(": ") + m_process.errorString();
            return;
        }
        // "flowdesk-sim listening on http://127.0.0.1:PORT", flushed at once.
        QByteArray output;
        QElapsedTimer timer;
        timer.start();
        while (!output.contains('\n') && timer.elapsed() < 30000
               && m_process.state() == QProcess::Running) {
            m_process.waitForReadyRead(1000);
            output += m_process.readAllStandardOutput();
        }
        const QByteArray prefix = "flowdesk-sim listening on ";
        const QByteArray line = output.left(output.indexOf('\n')).trimmed();
        if (!line.startsWith(prefix)) {
            m_error = QStringLiteral("flowdesk-sim did not say where it listens: \"%1\" %2")
                          .arg(QString::fromUtf8(output),
                               QString::fromUtf8(m_process.readAllStandardError()));
            return;
        }
        m_url = QUrl(QString::fromUtf8(line.mid(prefix.size())));
    }

    ~SimulatorProcess()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }

    static QString executable()
    {
        return qEnvironmentVariable("FLOWDESK_BIN_DIR") + QStringLiteral("/flowdesk-sim");
    }

    bool ok() const { return m_error.isEmpty() && m_url.isValid(); }
    QString error() const { return m_error; }
    QUrl url() const { return m_url; }
    const Options &options() const { return m_options; }
    QString requestLogPath() const { return m_dir.filePath(QStringLiteral("requests.jsonl")); }
    QList<QJsonObject> requests() const
    {
        QList<QJsonObject> entries;
        QFile file(requestLogPath());
        if (file.open(QIODevice::ReadOnly | QIODevice::Text)) {
            for (QByteArray line = file.readLine(); !line.isEmpty(); line = file.readLine())
                entries << QJsonDocument::fromJson(line).object();
        }
        return entries;
    }

private:
    Options m_options;
    QTemporaryDir m_dir;
    QProcess m_process;
    QUrl m_url;
    QString m_error;
};

inline QList<QJsonObject> withOperation(const QList<QJsonObject> &entries, const QString &operation)
{
    QList<QJsonObject> matching;
    for (const QJsonObject &entry : entries) {
        if (entry.value(QStringLiteral("operation")).toString() == operation)
            matching << entry;
    }
    return matching;
}

// What one ListFlows through a connection gave: the sorted flow names, or the error.
struct Listing {
    bool answered = false;
    bool ok = false;
    QStringList flowNames;
    appflow::AppFlowError error;
    QString errorText() const { return answered ? error.toString() : QStringLiteral("<no answer>"); }
};

// Waits (test code only) for ListFlows, following every page.
inline Listing listFlows(models::Connection *connection, int timeoutMs = 30000)
{
    Listing listing;
    QObject context;
    connection->client()->listFlows(
        &context, [&](const appflow::AppFlowResult<QList<appflow::FlowDefinition>> &result) {
            listing.answered = true;
            listing.ok = result.ok();
            if (result.ok()) {
                for (const appflow::FlowDefinition &flow : result.value())
                    listing.flowNames << flow.flowName;
                listing.flowNames.sort();
            } else {
                listing.error = result.error();
            }
        });
    (void)QTest::qWaitFor([&] { return listing.answered; }, timeoutMs); // answered says if it did
    return listing;
}

// What the user sees when a connection cannot be used: the factory's error, else the first
// request's. Empty when both worked. Deletes the connection.
inline QString firstError(const ConnectionAttempt &attempt)
{
    if (!attempt.connection)
        return attempt.error.isEmpty() ? QStringLiteral("<failed without a message>") : attempt.error;
    const std::unique_ptr<models::Connection> connection(attempt.connection);
    const Listing listing = listFlows(connection.get());
    return listing.ok ? QString() : listing.errorText();
}

} // namespace flowdesk::test
