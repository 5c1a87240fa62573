// flowdesk-cli end to end: the real executable against a real flowdesk-sim process over
// loopback HTTP (every request SigV4-checked by the simulator), in a private HOME so the audit
// log and settings are the test's own. What is checked against what the CLI cannot influence:
// the demo scenario file (flow names), the simulator's request log (what was really sent), the
// audit log read back by the app's own reader and History model, and an AppFlowClient of the
// test's own (the runs' status after a cancel).
#include <AppFlowClient.h>
#include <AuditEntryModel.h>
#include <AuditLogReader.h>
#include <CredentialSource.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace flowdesk;
using namespace Qt::StringLiterals;

namespace {

const QString kAccessKey = u"AKIACLIENDTOEND00001"_s;
const QString kSecret = u"cli/end-to-end/secret/0123456789abcdef"_s;

QString binary(const QString &name)
{
    return qEnvironmentVariable("FLOWDESK_BIN_DIR") + u'/' + name;
}

// flowdesk-sim in its own process; the first stdout line names its URL.
class SimProcess
{
public:
    explicit SimProcess(const QString &requestLog, const QStringList &extra = {})
    {
        m_process.setProgram(binary(u"flowdesk-sim"_s));
        m_process.setArguments(QStringList{u"--access-key-id"_s, kAccessKey, u"--secret-access-key"_s,
                                           kSecret, u"--log-requests"_s, requestLog}
                               + extra);
        m_process.start();
        if (!m_process.waitForStarted(10000))
            return;
        while (!m_process.canReadLine() && m_process.waitForReadyRead(10000)) {
        }
        const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
        m_url = line.section(u' ', -1);
    }
    ~SimProcess()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    QString url() const { return m_url; }
    bool ok() const { return m_url.startsWith(u"http://127.0.0.1:"_s); }

private:
    QProcess m_process;
    QString m_url;
};

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TstCliEndToEnd : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    std::unique_ptr<SimProcess> m_sim;

    QString requestLogPath() const { return m_home.filePath(u"requests.jsonl"_s); }
    QString auditLogPath() const { return m_home.filePath(u"data/Flowdesk/Flowdesk/audit-log.jsonl"_s); }

    QProcessEnvironment environment(const QString &secret = kSecret) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &key : env.keys()) {
            if (key.startsWith(u"AWS_"_s))
                env.remove(key);
        }
        env.insert(u"HOME"_s, m_home.path());
        env.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"data"_s));
        env.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s));
        env.insert(u"AWS_ACCESS_KEY_ID"_s, kAccessKey);
        env.insert(u"AWS_SECRET_ACCESS_KEY"_s, secret);
        env.insert(u"AWS_REGION"_s, u"us-east-1"_s);
        env.insert(u"FLOWDESK_LANGUAGE"_s, u"en"_s);
        return env;
    }

    Run cli(const QStringList &arguments, const QString &url, const QProcessEnvironment &env) const
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.setProgram(binary(u"flowdesk-cli"_s));
        process.setArguments(QStringList{u"--endpoint-url"_s, url} + arguments);
        process.setStandardInputFile(QProcess::nullDevice()); // a pipe, not a terminal
        process.start();
        Run run;
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            run.err = u"timed out"_s;
            return run;
        }
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }
    Run cli(const QStringList &arguments) const { return cli(arguments, m_sim->url(), environment()); }

    // Operations the simulator answered (or dropped), in order, from its own request log.
    QStringList operationsSent() const
    {
        QStringList operations;
        QFile file(requestLogPath());
        if (!file.open(QIODevice::ReadOnly))
            return operations;
        while (!file.atEnd())
            operations << QJsonDocument::fromJson(file.readLine()).object().value(u"operation"_s).toString();
        return operations;
    }

    QJsonArray json(const Run &run) const { return QJsonDocument::fromJson(run.out.toUtf8()).array(); }

    // Active runs as the CLI lists them (flow → IDs), for the cancel tests.
    QList<QPair<QString, QString>> activeRuns() const
    {
        QList<QPair<QString, QString>> runs;
        const Run run = cli({u"active"_s, u"--output"_s, u"json"_s});
        for (const QJsonValue &value : json(run)) {
            const QJsonObject object = value.toObject();
            if (object.value(u"status"_s) == u"InProgress"_s)
                runs.append({object.value(u"flow"_s).toString(), object.value(u"executionId"_s).toString()});
        }
        return runs;
    }

    // The status the simulator reports for a run, read by a client of the test's own.
    QString statusOf(const QString &flow, const QString &executionId) const
    {
        aws::StaticCredentialSource credentials(aws::Credentials{kAccessKey, kSecret, {}, {}}, u"test"_s);
        appflow::AppFlowClientConfig config;
        config.endpoint = QUrl(m_sim->url());
        config.region = u"us-east-1"_s;
        appflow::AppFlowClient client(config, &credentials);
        QString status;
        bool done = false;
        QObject context;
        client.describeFlowExecutionRecords(
            flow, {}, &context,
            [&](const QList<appflow::ExecutionRecord> &page) {
                for (const appflow::ExecutionRecord &record : page) {
                    if (record.executionId == executionId)
                        status = record.executionStatusText;
                }
                return status.isEmpty() ? appflow::AppFlowClient::PageAction::Continue
                                        : appflow::AppFlowClient::PageAction::Stop;
            },
            [&](const appflow::AppFlowResult<appflow::AppFlowClient::ExecutionRecordsSummary> &) { done = true; });
        if (!QTest::qWaitFor([&] { return done; }, 20000))
            return u"(no answer)"_s;
        return status;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY2(QFile::exists(binary(u"flowdesk-cli"_s)), "FLOWDESK_BIN_DIR must name the build's bin/");
        m_sim = std::make_unique<SimProcess>(requestLogPath());
        QVERIFY2(m_sim->ok(), "flowdesk-sim did not start");
    }

    // QtCore and QtNetwork only: no display needed, ever.
    void linksNoGuiLibrary()
    {
        QProcess readelf;
        readelf.start(u"readelf"_s, {u"-d"_s, binary(u"flowdesk-cli"_s)});
        QVERIFY(readelf.waitForFinished(20000));
        const QString needed = QString::fromUtf8(readelf.readAllStandardOutput());
        QVERIFY2(needed.contains(u"libQt6Core"_s), qPrintable(needed));
        QVERIFY2(needed.contains(u"libQt6Network"_s), qPrintable(needed));
        QVERIFY2(!needed.contains(u"libQt6Gui"_s), qPrintable(needed));
        QVERIFY2(!needed.contains(u"libQt6Widgets"_s), qPrintable(needed));
    }

    void flowsInEveryFormat()
    {
        // The simulator's own definition of its flows: the demo scenario file.
        QFile scenario(qEnvironmentVariable("FLOWDESK_SOURCE_DIR") + u"/app/sim/scenarios/demo.json"_s);
        QVERIFY(scenario.open(QIODevice::ReadOnly));
        QStringList expected;
        for (const QJsonValue &flow : QJsonDocument::fromJson(scenario.readAll()).object().value(u"flows"_s).toArray())
            expected << flow.toObject().value(u"flowName"_s).toString();
        expected.sort();
        QVERIFY(expected.size() >= 5);

        const Run asJson = cli({u"flows"_s, u"--output"_s, u"json"_s});
        QCOMPARE(asJson.exitCode, 0);
        QStringList names;
        for (const QJsonValue &value : json(asJson)) {
            const QJsonObject flow = value.toObject();
            names << flow.value(u"flow"_s).toString();
            QCOMPARE(flow.value(u"region"_s).toString(), u"us-east-1"_s);
            QCOMPARE(flow.value(u"account"_s).toString(), u"123456789012"_s);
            const QString lastRun = flow.value(u"lastRunAt"_s).toString();
            QVERIFY2(lastRun.isEmpty() || QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"_s).match(lastRun).hasMatch(),
                     qPrintable(lastRun));
        }
        names.sort();
        QCOMPARE(names, expected);
        QVERIFY2(asJson.err.isEmpty(), qPrintable(asJson.err)); // nothing but data, and no noise

        const Run asCsv = cli({u"flows"_s, u"--output"_s, u"csv"_s});
        QCOMPARE(asCsv.exitCode, 0);
        const QStringList lines = asCsv.out.trimmed().split(QRegularExpression(u"\r?\n"_s));
        QCOMPARE(lines.size(), expected.size() + 1);
        const QStringList header = lines.first().split(u',');
        const int flowColumn = header.indexOf(u"flow"_s);
        QVERIFY2(flowColumn >= 0, qPrintable(lines.first()));
        QStringList fromCsv;
        for (const QString &line : lines.mid(1))
            fromCsv << line.split(u',').value(flowColumn);
        fromCsv.sort();
        QCOMPARE(fromCsv, expected);

        const Run asTable = cli({u"flows"_s, u"--filter"_s, expected.first()});
        QCOMPARE(asTable.exitCode, 0);
        QVERIFY2(asTable.out.contains(expected.first()), qPrintable(asTable.out));
        QVERIFY2(!asTable.out.contains(expected.last()), qPrintable(asTable.out));
    }

    void activeRunsAreInProgressWithIsoTimes()
    {
        const Run run = cli({u"active"_s, u"--output"_s, u"json"_s});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray runs = json(run);
        QVERIFY(!runs.isEmpty());
        const QRegularExpression iso(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"_s);
        for (const QJsonValue &value : runs) {
            const QJsonObject object = value.toObject();
            for (const QString &key : {u"account"_s, u"region"_s, u"flow"_s, u"executionId"_s, u"status"_s, u"startedAt"_s})
                QVERIFY2(object.contains(key), qPrintable(key));
            QVERIFY(object.value(u"records"_s).isDouble());
            QVERIFY(object.value(u"bytes"_s).isDouble());
            QVERIFY2(iso.match(object.value(u"startedAt"_s).toString()).hasMatch(), qPrintable(object.value(u"startedAt"_s).toString()));
            const QString status = object.value(u"status"_s).toString();
            QVERIFY2(status == u"InProgress" || status == u"CancelStarted", qPrintable(status));
        }
        // The same runs again through `runs FLOW --active`.
        const QString flow = runs.first().toObject().value(u"flow"_s).toString();
        const Run ofOneFlow = cli({u"runs"_s, flow, u"--active"_s, u"--output"_s, u"json"_s});
        QCOMPARE(ofOneFlow.exitCode, 0);
        QSet<QString> expected, listed;
        for (const QJsonValue &value : runs) {
            if (value.toObject().value(u"flow"_s) == flow)
                expected << value.toObject().value(u"executionId"_s).toString();
        }
        for (const QJsonValue &value : json(ofOneFlow))
            listed << value.toObject().value(u"executionId"_s).toString();
        QCOMPARE(listed, expected);
    }

    // On a pipe nothing is asked and nothing is sent without --yes; --dry-run sends nothing.
    void refusesWithoutYesAndDryRunSendsNothing()
    {
        const auto runs = activeRuns();
        QVERIFY(!runs.isEmpty());
        const int cancelsBefore = int(operationsSent().count(u"CancelFlowExecutions"_s));

        const Run refused = cli({u"cancel"_s, runs.first().first, runs.first().second});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(u"--yes"_s), qPrintable(refused.err));
        QVERIFY2(refused.err.contains(u"charged"_s), qPrintable(refused.err)); // the facts first

        const Run dryRun = cli({u"cancel"_s, runs.first().first, u"--all"_s, u"--dry-run"_s});
        QCOMPARE(dryRun.exitCode, 0);
        QVERIFY2(dryRun.err.contains(u"cannot be undone"_s), qPrintable(dryRun.err));

        QCOMPARE(int(operationsSent().count(u"CancelFlowExecutions"_s)), cancelsBefore);
        QCOMPARE(statusOf(runs.first().first, runs.first().second), u"InProgress"_s);
    }

    // --yes: sent, answered, recorded with "via", and the app's History shows it as the CLI's.
    void cancelIsSentRecordedAndShownInHistory()
    {
        const auto runs = activeRuns();
        QVERIFY(!runs.isEmpty());
        const auto [flow, id] = runs.first();
        const Run run = cli({u"cancel"_s, flow, id, u"--yes"_s, u"--output"_s, u"json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonArray outcomes = json(run);
        QCOMPARE(outcomes.size(), 1);
        QCOMPARE(outcomes.first().toObject().value(u"executionId"_s).toString(), id);
        QCOMPARE(outcomes.first().toObject().value(u"result"_s).toString(), u"CancelStarted"_s);
        QVERIFY(!outcomes.first().toObject().value(u"requestId"_s).toString().isEmpty());
        QVERIFY(operationsSent().contains(u"CancelFlowExecutions"_s));
        const QString status = statusOf(flow, id);
        QVERIFY2(status == u"CancelStarted" || status == u"Canceled", qPrintable(status));

        audit::AuditLogReader reader(auditLogPath());
        QVERIFY2(reader.load(), qPrintable(auditLogPath()));
        QList<audit::AuditEntry> mine;
        for (const audit::AuditEntry &entry : reader.entries()) {
            if (entry.executionIds.contains(id))
                mine << entry;
        }
        QCOMPARE(mine.size(), 2);
        QCOMPARE(mine.at(0).type, audit::AuditEntry::Type::Intent);
        QCOMPARE(mine.at(1).type, audit::AuditEntry::Type::Result);
        QCOMPARE(mine.at(0).via, u"flowdesk-cli"_s);
        QCOMPARE(mine.at(1).requestIds.size(), 1);

        AuditEntryModel model;
        model.setEntries(reader.entries());
        bool shown = false;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString by = model.index(row, AuditEntryModel::ConfirmedByColumn).data().toString();
            if (model.entryAt(row).executionIds.contains(id))
                shown = by.endsWith(u"(flowdesk-cli)"_s);
        }
        QVERIFY(shown);

        const Run history = cli({u"history"_s, u"--flow"_s, flow, u"--output"_s, u"json"_s});
        QCOMPARE(history.exitCode, 0);
        QVERIFY(history.out.contains(id));
    }

    // cancel --all-flows --older-than D: every flow's runs in progress for longer than D, one
    // request per flow, the same facts (per flow: the batch-API line) and the same audit log.
    void cancelAcrossFlowsOlderThan()
    {
        // What should go: the runs in progress that started more than 10 minutes ago, per the
        // CLI's own listing (the dry run must name exactly these).
        const Run listed = cli({u"active"_s, u"--older-than"_s, u"10m"_s, u"--output"_s, u"json"_s});
        QCOMPARE(listed.exitCode, 0);
        QSet<QString> expected, flows;
        for (const QJsonValue &value : json(listed)) {
            if (value.toObject().value(u"status"_s) == u"InProgress"_s) {
                expected << value.toObject().value(u"executionId"_s).toString();
                flows << value.toObject().value(u"flow"_s).toString();
            }
        }
        QVERIFY2(flows.size() >= 2, "the demo scenario should have old runs in two flows or more");
        const int cancelsBefore = int(operationsSent().count(u"CancelFlowExecutions"_s));

        const Run dryRun = cli({u"cancel"_s, u"--all-flows"_s, u"--older-than"_s, u"10m"_s, u"--dry-run"_s, u"--output"_s, u"json"_s});
        QCOMPARE(dryRun.exitCode, 0);
        QSet<QString> planned;
        for (const QJsonValue &value : json(dryRun))
            planned << value.toObject().value(u"executionId"_s).toString();
        QCOMPARE(planned, expected);
        QVERIFY2(dryRun.err.contains(u"in %1 flows"_s.arg(flows.size())), qPrintable(dryRun.err));
        QVERIFY2(dryRun.err.contains(u"Bulk API 2.0"_s), qPrintable(dryRun.err)); // a Salesforce flow's batch fact
        QCOMPARE(int(operationsSent().count(u"CancelFlowExecutions"_s)), cancelsBefore);

        const Run refused = cli({u"cancel"_s, u"--all-flows"_s, u"--older-than"_s, u"10m"_s});
        QCOMPARE(refused.exitCode, 2);
        QCOMPARE(int(operationsSent().count(u"CancelFlowExecutions"_s)), cancelsBefore);

        // --no-wait: batch-API runs take minutes to reach Canceled (they finish their batch).
        const Run sent = cli({u"cancel"_s, u"--all-flows"_s, u"--older-than"_s, u"10m"_s, u"--yes"_s, u"--no-wait"_s, u"--output"_s, u"json"_s});
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.err));
        QSet<QString> cancelled;
        for (const QJsonValue &value : json(sent)) {
            QCOMPARE(value.toObject().value(u"result"_s).toString(), u"CancelStarted"_s);
            cancelled << value.toObject().value(u"executionId"_s).toString();
        }
        QCOMPARE(cancelled, expected);
        // One request per flow (each ≤ 100 IDs), each with its own intent and result.
        QCOMPARE(int(operationsSent().count(u"CancelFlowExecutions"_s)), cancelsBefore + int(flows.size()));
        audit::AuditLogReader reader(auditLogPath());
        QVERIFY(reader.load());
        QSet<QString> intentsFor;
        for (const audit::AuditEntry &entry : reader.entries()) {
            if (entry.type == audit::AuditEntry::Type::Intent && flows.contains(entry.flowName)
                && QSet<QString>(entry.executionIds.cbegin(), entry.executionIds.cend()).intersects(expected))
                intentsFor << entry.flowName;
        }
        QCOMPARE(intentsFor, flows);

        QCOMPARE(cli({u"cancel"_s, u"--all-flows"_s, u"zendesk-tickets-to-s3"_s, u"--all"_s}).exitCode, 2);
        QCOMPARE(cli({u"cancel"_s, u"--all-flows"_s, u"--all"_s, u"--deactivate"_s}).exitCode, 2);
    }

    // The prompt on a terminal: for --all the flow name must be typed, as in the dialog.
    void terminalPromptAsksForTheFlowName()
    {
        const auto runs = activeRuns();
        QVERIFY(!runs.isEmpty());
        const QString flow = runs.first().first;
        const auto typed = [&](const QByteArray &answer) {
            int master = -1;
            const pid_t child = ::forkpty(&master, nullptr, nullptr, nullptr);
            if (child == 0) {
                const QProcessEnvironment env = environment();
                QList<QByteArray> storage;
                for (const QString &entry : env.toStringList())
                    storage << entry.toLocal8Bit();
                std::vector<char *> envp;
                for (QByteArray &entry : storage)
                    envp.push_back(entry.data());
                envp.push_back(nullptr);
                QByteArray program = binary(u"flowdesk-cli"_s).toLocal8Bit();
                QByteArray endpoint = m_sim->url().toLocal8Bit();
                QByteArray flowName = flow.toLocal8Bit();
                char endpointFlag[] = "--endpoint-url", cancel[] = "cancel", all[] = "--all";
                char *argv[] = {program.data(), endpointFlag, endpoint.data(), cancel, flowName.data(), all, nullptr};
                ::execve(program.constData(), argv, envp.data());
                ::_exit(127);
            }
            QByteArray transcript;
            bool answered = false;
            QDeadlineTimer deadline(60000);
            char buffer[4096];
            for (;;) {
                if (deadline.hasExpired())
                    break;
                fd_set readable;
                FD_ZERO(&readable);
                FD_SET(master, &readable);
                timeval wait{0, 200000};
                if (::select(master + 1, &readable, nullptr, nullptr, &wait) <= 0)
                    continue;
                const ssize_t n = ::read(master, buffer, sizeof buffer);
                if (n <= 0)
                    break; // EIO once the child has exited
                transcript.append(buffer, n);
                if (!answered && transcript.contains("type the flow name")) {
                    [[maybe_unused]] const ssize_t w = ::write(master, answer.constData(), size_t(answer.size()));
                    answered = true;
                }
            }
            ::close(master);
            int status = 0;
            ::waitpid(child, &status, 0);
            return std::make_pair(WIFEXITED(status) ? WEXITSTATUS(status) : -1, transcript);
        };

        const int cancelsBefore = int(operationsSent().count(u"CancelFlowExecutions"_s));
        const auto [wrongExit, wrongTranscript] = typed("yes\n");
        QVERIFY2(wrongTranscript.contains("nothing was sent"), wrongTranscript.constData());
        QVERIFY(wrongExit != 0);
        QCOMPARE(int(operationsSent().count(u"CancelFlowExecutions"_s)), cancelsBefore);

        const auto [rightExit, rightTranscript] = typed(flow.toUtf8() + '\n');
        QVERIFY2(rightExit == 0, rightTranscript.constData());
        QCOMPARE(int(operationsSent().count(u"CancelFlowExecutions"_s)), cancelsBefore + 1);
    }

    // bash completion (packaging/linux/completions): commands, options, and flow names read
    // through flowdesk-cli itself for the connection on the line.
    void bashCompletionOffersCommandsAndFlowNames()
    {
        const QString script = qEnvironmentVariable("FLOWDESK_SOURCE_DIR")
                               + u"/packaging/linux/completions/flowdesk-cli.bash"_s;
        const auto complete = [&](const QStringList &words) {
            QProcess bash;
            QProcessEnvironment env = environment();
            env.insert(u"PATH"_s, qEnvironmentVariable("FLOWDESK_BIN_DIR") + u':' + env.value(u"PATH"_s));
            bash.setProcessEnvironment(env);
            QString quoted;
            for (const QString &word : words)
                quoted += u" '"_s + word + u'\'';
            bash.start(u"bash"_s, {u"-c"_s, u"source \"$0\"; COMP_WORDS=(%1); COMP_CWORD=%2; _flowdesk_cli; "
                                             "printf '%s\\n' \"${COMPREPLY[@]}\""_s.arg(quoted).arg(words.size() - 1),
                                   script});
            bash.waitForFinished(60000);
            return QString::fromUtf8(bash.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        };
        const QStringList commands = complete({u"flowdesk-cli"_s, u"ca"_s});
        QCOMPARE(commands, QStringList{u"cancel"_s});
        const QStringList flows = complete({u"flowdesk-cli"_s, u"--endpoint-url"_s, m_sim->url(), u"cancel"_s, u"zendesk-t"_s});
        QVERIFY2(flows == QStringList{u"zendesk-tickets-to-s3"_s}, qPrintable(flows.join(u"|"_s)));
        const QStringList options = complete({u"flowdesk-cli"_s, u"cancel"_s, u"zendesk-tickets-to-s3"_s, u"--dr"_s});
        QCOMPARE(options, QStringList{u"--dry-run"_s});
    }

    // Both completions offer every option `--help` documents (a new flag cannot be forgotten
    // in one of them), and both scripts parse in their shell.
    void completionsKnowEveryOptionOfHelp()
    {
        QProcess help;
        help.setProcessEnvironment(environment());
        help.start(binary(u"flowdesk-cli"_s), {u"--help"_s});
        QVERIFY(help.waitForFinished(20000));
        const QString text = QString::fromUtf8(help.readAllStandardOutput() + help.readAllStandardError());
        QSet<QString> options;
        static const QRegularExpression option(u"--[a-z][a-z-]*[a-z]"_s);
        for (auto it = option.globalMatch(text); it.hasNext();)
            options.insert(it.next().captured());
        QVERIFY2(options.size() >= 15, qPrintable(text));
        const QString dir = qEnvironmentVariable("FLOWDESK_SOURCE_DIR") + u"/packaging/linux/completions/"_s;
        for (const QString &file : {u"flowdesk-cli.bash"_s, u"_flowdesk-cli"_s}) {
            QFile script(dir + file);
            QVERIFY2(script.open(QIODevice::ReadOnly), qPrintable(script.fileName()));
            const QString body = QString::fromUtf8(script.readAll());
            for (const QString &name : std::as_const(options)) {
                const QRegularExpression word(QRegularExpression::escape(name) + u"(?![a-z-])"_s);
                QVERIFY2(body.contains(word), qPrintable(file + u" lacks "_s + name));
            }
            const QString shell = file.endsWith(u".bash"_s) ? u"bash"_s : u"zsh"_s;
            QProcess check;
            check.start(shell, {u"-n"_s, script.fileName()});
            QVERIFY2(check.waitForFinished(20000), qPrintable(shell + u" is needed (./dev deps installs it)"_s));
            QVERIFY2(check.exitStatus() == QProcess::NormalExit && check.exitCode() == 0,
                     qPrintable(shell + u" -n "_s + file + u": "_s + QString::fromUtf8(check.readAllStandardError())));
        }
    }

    // watch: a run that already has a final status is reported at once with the status the
    // simulator gives it; an ID the flow never had is named and exits 1. runs in CSV reads back
    // to the same runs as its JSON.
    void watchAndRunsAsCsv()
    {
        const QString flow = u"zendesk-tickets-to-s3"_s;
        const Run asJson = cli({u"runs"_s, flow, u"--output"_s, u"json"_s});
        QCOMPARE(asJson.exitCode, 0);
        QString finished;
        QSet<QString> fromJson;
        for (const QJsonValue &value : json(asJson)) {
            fromJson << value.toObject().value(u"executionId"_s).toString();
            if (finished.isEmpty() && value.toObject().value(u"status"_s) == u"Successful"_s)
                finished = value.toObject().value(u"executionId"_s).toString();
        }
        QVERIFY(!finished.isEmpty());

        const Run asCsv = cli({u"runs"_s, flow, u"--output"_s, u"csv"_s});
        QCOMPARE(asCsv.exitCode, 0);
        const QStringList lines = asCsv.out.trimmed().split(QRegularExpression(u"\r?\n"_s));
        const int idColumn = lines.first().split(u',').indexOf(u"executionId"_s);
        QVERIFY2(idColumn >= 0, qPrintable(lines.first()));
        QSet<QString> fromCsv;
        for (const QString &line : lines.mid(1))
            fromCsv << line.split(u',').value(idColumn);
        QCOMPARE(fromCsv, fromJson);

        const Run watched = cli({u"watch"_s, flow, finished, u"--output"_s, u"json"_s});
        QVERIFY2(watched.exitCode == 0, qPrintable(watched.err));
        const QJsonArray rows = json(watched);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().toObject().value(u"executionId"_s).toString(), finished);
        QCOMPARE(rows.first().toObject().value(u"status"_s).toString(), statusOf(flow, finished));

        const Run unknown = cli({u"watch"_s, flow, u"no-such-execution-id"_s});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains(u"no-such-execution-id"_s), qPrintable(unknown.err));
    }

    // Each exit code the man page promises, from a real cause.
    void exitCodes()
    {
        QCOMPARE(cli({u"flows"_s, u"--frobnicate"_s}).exitCode, 2);
        const Run typo = cli({u"runs"_s, u"no-such-flow"_s});
        QCOMPARE(typo.exitCode, 2);
        QVERIFY2(typo.err.contains(u"no flow named"_s), qPrintable(typo.err));
        QVERIFY2(typo.err.contains(u"flowdesk-cli flows"_s), qPrintable(typo.err));

        const Run badKey = cli({u"flows"_s}, m_sim->url(), environment(u"not-the-secret"_s));
        QCOMPARE(badKey.exitCode, 3);

        // A finished run cannot be cancelled: AppFlow says so in invalidExecutions → 1.
        const Run all = cli({u"runs"_s, u"zendesk-tickets-to-s3"_s, u"--output"_s, u"json"_s});
        QString finished;
        for (const QJsonValue &value : json(all)) {
            if (value.toObject().value(u"status"_s) == u"Successful"_s)
                finished = value.toObject().value(u"executionId"_s).toString();
        }
        QVERIFY(!finished.isEmpty());
        const Run notCancellable = cli({u"cancel"_s, u"zendesk-tickets-to-s3"_s, finished, u"--yes"_s});
        QCOMPARE(notCancellable.exitCode, 1);

        // Throttled on every attempt → 4.
        SimProcess throttling(m_home.filePath(u"throttled.jsonl"_s), {u"--throttle-rate"_s, u"1"_s});
        QVERIFY(throttling.ok());
        const Run throttled = cli({u"flows"_s}, throttling.url(), environment());
        QCOMPARE(throttled.exitCode, 4);
        QVERIFY2(throttled.err.contains(u"Throttling"_s), qPrintable(throttled.err));
    }

    // Ctrl-C while a cancel is out: the CLI waits for the answer, records it, exits 130.
    void interruptMidCancelStillRecordsTheAnswer()
    {
        SimProcess slow(m_home.filePath(u"slow.jsonl"_s), {u"--latency-ms"_s, u"1500"_s});
        QVERIFY(slow.ok());
        const Run active = cli({u"active"_s, u"--output"_s, u"json"_s}, slow.url(), environment());
        QString flow, id;
        for (const QJsonValue &value : json(active)) {
            if (value.toObject().value(u"status"_s) == u"InProgress"_s) {
                flow = value.toObject().value(u"flow"_s).toString();
                id = value.toObject().value(u"executionId"_s).toString();
            }
        }
        QVERIFY(!id.isEmpty());

        QProcess process;
        process.setProcessEnvironment(environment());
        process.setProgram(binary(u"flowdesk-cli"_s));
        process.setArguments({u"--endpoint-url"_s, slow.url(), u"cancel"_s, flow, id, u"--yes"_s});
        process.setStandardInputFile(QProcess::nullDevice());
        process.start();
        QVERIFY(process.waitForStarted());
        // The facts are printed after the run was read (one slow answer) and before the cancel
        // is sent; the cancel's answer then takes 1.5 s more. Interrupt in between.
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += process.readAllStandardError()).contains("Before you cancel"), 20000);
        QTest::qWait(500);
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(20000));
        err += process.readAllStandardError();
        QCOMPARE(process.exitCode(), 130);
        QVERIFY2(err.contains("Interrupted"), err.constData());

        audit::AuditLogReader reader(auditLogPath());
        QVERIFY(reader.load());
        int intents = 0, results = 0;
        for (const audit::AuditEntry &entry : reader.entries()) {
            // The same seed gives the same run IDs in every simulator: count this one's only.
            if (!entry.executionIds.contains(id) || entry.endpoint != slow.url())
                continue;
            ++(entry.type == audit::AuditEntry::Type::Intent ? intents : results);
        }
        QCOMPARE(intents, 1);
        QCOMPARE(results, 1); // the answer that came after Ctrl-C is on record
    }
};

QTEST_MAIN(TstCliEndToEnd)
#include "tst_cli_endtoend.moc"
