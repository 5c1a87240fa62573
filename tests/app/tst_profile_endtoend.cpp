// The real programs end to end: `flowdesk-sim --log-requests FILE` with known keys, and
// `flowdesk --profile X --endpoint-url http://127.0.0.1:PORT --startup-probe` on the offscreen
// platform with a temporary HOME whose ~/.aws/credentials holds those keys under [X]. The
// simulator's request log shows who signed what, so it proves the app listed the flows with
// profile X's credentials; a wrong secret must be refused without the app crashing or hanging.
#include "ConnectionTestSupport.h"

using flowdesk::test::SimulatorProcess;
using flowdesk::test::TemporaryAwsHome;
using flowdesk::test::scenarioFlowNames;
using flowdesk::test::withOperation;

class TstProfileEndToEnd : public QObject
{
    Q_OBJECT

private:
    struct Run {
        bool finished = false;
        int exitCode = -1; // -2: crashed
        QString out;
        QString err;
    };

    static QString flowdeskExecutable()
    {
        return qEnvironmentVariable("FLOWDESK_BIN_DIR") + QStringLiteral("/flowdesk");
    }

    // The app with nothing of the caller's environment but the sanitizer settings (the dev
    // preset's suppressions must reach the child too).
    static Run runFlowdesk(TemporaryAwsHome &home, const QStringList &arguments,
                           const QProcessEnvironment &extra = {})
    {
        QProcessEnvironment environment = home.environment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path(QStringLiteral("runtime")));
        QDir().mkpath(home.path(QStringLiteral("runtime")));
        QFile::setPermissions(home.path(QStringLiteral("runtime")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        for (const char *name : {"ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS"}) {
            if (qEnvironmentVariableIsSet(name))
                environment.insert(QLatin1String(name), qEnvironmentVariable(name));
        }
        for (const QString &key : extra.keys())
            environment.insert(key, extra.value(key));

        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(flowdeskExecutable(), arguments);
        Run run;
        // Generous: an ASan build on a busy 2-core machine; the probe quits right after the
        // first refresh, so a hang is a failure, not slowness.
        run.finished = process.waitForFinished(90000);
        if (!run.finished) {
            process.kill();
            process.waitForFinished(5000);
        }
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }

    static QStringList probeArguments(const QString &profile, const QUrl &endpoint)
    {
        return {QStringLiteral("--profile"), profile, QStringLiteral("--endpoint-url"),
                endpoint.toString(), QStringLiteral("--startup-probe")};
    }

    static QString describe(const Run &run)
    {
        return QStringLiteral("exit %1\n--- stdout\n%2\n--- stderr\n%3")
            .arg(run.exitCode)
            .arg(run.out, run.err.right(4000));
    }

    static QByteArray keys(const QString &accessKeyId, const QString &secret)
    {
        return "aws_access_key_id = " + accessKeyId.toUtf8() + "\naws_secret_access_key = "
            + secret.toUtf8() + "\n";
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(flowdeskExecutable()), qPrintable(flowdeskExecutable()));
        QVERIFY2(QFileInfo::exists(SimulatorProcess::executable()), qPrintable(SimulatorProcess::executable()));
    }

    void profileListsFlowsSignedWithItsKeys()
    {
        SimulatorProcess::Options options;
        options.accessKeyId = QStringLiteral("AKIAPROFILEX00000001");
        const SimulatorProcess sim(options);
        QVERIFY2(sim.ok(), qPrintable(sim.error()));

        TemporaryAwsHome home;
        // A default profile with other keys: only --profile X can make the requests succeed.
        QVERIFY(home.writeCredentials("[default]\n" + keys(QStringLiteral("AKIADEFAULT000000001"), QStringLiteral("other"))
                                      + "\n[X]\n" + keys(options.accessKeyId, options.secretAccessKey)));
        QVERIFY(home.writeConfig("[default]\nregion = us-east-1\n\n[profile X]\nregion = us-east-1\n"));

        const Run run = runFlowdesk(home, probeArguments(QStringLiteral("X"), sim.url()));
        QVERIFY2(run.finished, qPrintable(u"flowdesk did not quit after the probe\n" + describe(run)));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.out.contains(QStringLiteral("startup-probe: first populated paint after ")),
                 qPrintable(describe(run)));
        QVERIFY2(run.out.contains(QStringLiteral("startup-probe: refreshed after ")), qPrintable(describe(run)));
        QVERIFY2(!run.out.contains(QStringLiteral("refresh failed")), qPrintable(describe(run)));

        const QList<QJsonObject> requests = sim.requests();
        const QList<QJsonObject> listings = withOperation(requests, QStringLiteral("ListFlows"));
        QVERIFY2(!listings.isEmpty(), "the simulator logged no ListFlows");
        for (const QJsonObject &entry : listings) {
            QCOMPARE(entry.value(QStringLiteral("accessKeyId")).toString(), options.accessKeyId);
            QCOMPARE(entry.value(QStringLiteral("status")).toInt(), 200);
        }
        // The listed flows reached the app: it asked for the runs of each of them, with X's key.
        QStringList described;
        for (const QJsonObject &entry : withOperation(requests, QStringLiteral("DescribeFlowExecutionRecords"))) {
            QCOMPARE(entry.value(QStringLiteral("accessKeyId")).toString(), options.accessKeyId);
            QCOMPARE(entry.value(QStringLiteral("status")).toInt(), 200);
            const QString flow = entry.value(QStringLiteral("flowName")).toString();
            if (!described.contains(flow))
                described << flow;
        }
        described.sort();
        QCOMPARE(described, scenarioFlowNames());
    }

    // role_arn + source_profile end to end: the app assumes the role at the simulator's STS
    // (AWS_ENDPOINT_URL_STS) with the source keys and lists with the role's keys.
    void roleProfileEndToEnd()
    {
        SimulatorProcess::Options options;
        options.accessKeyId = QStringLiteral("AKIAPROFILEBASE00001");
        const SimulatorProcess sim(options);
        QVERIFY2(sim.ok(), qPrintable(sim.error()));

        TemporaryAwsHome home;
        QVERIFY(home.writeCredentials("[base]\n" + keys(options.accessKeyId, options.secretAccessKey)));
        QVERIFY(home.writeConfig("[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/FlowdeskOperator\n"
                                 "source_profile = base\nregion = us-east-1\n"));
        QProcessEnvironment sts;
        sts.insert(QStringLiteral("AWS_ENDPOINT_URL_STS"), sim.url().toString());
        const Run run = runFlowdesk(home, probeArguments(QStringLiteral("ops"), sim.url()), sts);
        QVERIFY2(run.finished && run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.out.contains(QStringLiteral("startup-probe: first populated paint after ")),
                 qPrintable(describe(run)));
        QVERIFY2(!run.out.contains(QStringLiteral("refresh failed")), qPrintable(describe(run)));

        const QList<QJsonObject> requests = sim.requests();
        const QList<QJsonObject> assumed = withOperation(requests, QStringLiteral("sts:AssumeRole"));
        QCOMPARE(assumed.size(), 1);
        QCOMPARE(assumed.first().value(QStringLiteral("accessKeyId")).toString(), options.accessKeyId);
        QCOMPARE(assumed.first().value(QStringLiteral("status")).toInt(), 200);
        const QList<QJsonObject> listings = withOperation(requests, QStringLiteral("ListFlows"));
        QVERIFY(!listings.isEmpty());
        const QString roleKey = listings.first().value(QStringLiteral("accessKeyId")).toString();
        QVERIFY2(roleKey.startsWith(QLatin1String("ASIA")), qPrintable(roleKey));
        QCOMPARE(listings.first().value(QStringLiteral("status")).toInt(), 200);
    }

    // A wrong secret: the simulator refuses the signature, the app still starts, reports the
    // failed refresh and quits when the probe ends.
    void wrongSecretIsRefusedAndTheAppStillQuits()
    {
        SimulatorProcess::Options options;
        options.accessKeyId = QStringLiteral("AKIAPROFILEX00000002");
        const SimulatorProcess sim(options);
        QVERIFY2(sim.ok(), qPrintable(sim.error()));

        TemporaryAwsHome home;
        QVERIFY(home.writeCredentials("[X]\n" + keys(options.accessKeyId, QStringLiteral("not-") + options.secretAccessKey)));
        QVERIFY(home.writeConfig("[profile X]\nregion = us-east-1\n"));

        const Run run = runFlowdesk(home, probeArguments(QStringLiteral("X"), sim.url()));
        QVERIFY2(run.finished, qPrintable(u"flowdesk did not quit after the probe\n" + describe(run)));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.out.contains(QStringLiteral("startup-probe: refreshed after ")), qPrintable(describe(run)));
        QVERIFY2(run.out.contains(QStringLiteral("(refresh failed)")), qPrintable(describe(run)));
        QVERIFY2(!run.out.contains(QStringLiteral("first populated paint")), qPrintable(describe(run)));
        // What the app logged names the refusal.
        QVERIFY2(run.err.contains(QStringLiteral("InvalidSignatureException")), qPrintable(describe(run)));

        const QList<QJsonObject> listings = withOperation(sim.requests(), QStringLiteral("ListFlows"));
        QVERIFY2(!listings.isEmpty(), "the simulator logged no ListFlows");
        for (const QJsonObject &entry : listings) {
            QCOMPARE(entry.value(QStringLiteral("accessKeyId")).toString(), options.accessKeyId);
            QCOMPARE(entry.value(QStringLiteral("status")).toInt(), 403);
            QCOMPARE(entry.value(QStringLiteral("errorCode")).toString(), QStringLiteral("InvalidSignatureException"));
        }
    }
};

QTEST_GUILESS_MAIN(TstProfileEndToEnd)
#include "tst_profile_endtoend.moc"
