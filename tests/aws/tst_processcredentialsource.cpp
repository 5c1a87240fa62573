// Runs real child processes (small shell scripts written to a temporary folder).
#include "CredentialTestSupport.h"
#include "ProcessCredentialSource.h"

using namespace flowdesk::aws;
using namespace std::chrono_literals;

class TstProcessCredentialSource : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString script(const QString &name, const QByteArray &body)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write("#!/bin/sh\n" + body);
        file.close();
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner
                            | QFileDevice::ExeOwner);
        return path;
    }

    static QString quoted(const QString &path) { return u'"' + path + u'"'; }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void validOutput()
    {
        const QString path = script(QStringLiteral("ok.sh"),
                                    "echo '{\"Version\": 1, \"AccessKeyId\": \"ASIAPROC\", "
                                    "\"SecretAccessKey\": \"sek\", \"SessionToken\": \"tok\", "
                                    "\"Expiration\": \"2099-05-06T07:08:09Z\"}'\n");
        ProcessCredentialSource source(quoted(path), QStringLiteral("p"));
        Credentials c;
        FETCH_OK(&source, c);
        QCOMPARE(c.accessKeyId, QStringLiteral("ASIAPROC"));
        QCOMPARE(c.secretAccessKey, QStringLiteral("sek"));
        QCOMPARE(c.sessionToken, QStringLiteral("tok"));
        QCOMPARE(c.expiration, QDateTime(QDate(2099, 5, 6), QTime(7, 8, 9), Qt::UTC));
    }

    void argumentsAndEnvironmentArePassed()
    {
        const QString path = script(QStringLiteral("args.sh"),
                                    "printf '{\"Version\":1,\"AccessKeyId\":\"%s\","
                                    "\"SecretAccessKey\":\"%s\"}' \"$1\" \"$FLOWDESK_T\"\n");
        ProcessCredentialSource source(quoted(path) + QStringLiteral(" \"two words\""),
                                       QStringLiteral("p"));
        QProcessEnvironment env;
        env.insert(QStringLiteral("FLOWDESK_T"), QStringLiteral("fromenv"));
        source.setEnvironment(env);
        Credentials c;
        FETCH_OK(&source, c);
        QCOMPARE(c.accessKeyId, QStringLiteral("two words"));
        QCOMPARE(c.secretAccessKey, QStringLiteral("fromenv"));
        QVERIFY(!c.expiration.isValid());
    }

    void failureShowsExitCodeAndStderr()
    {
        const QString path = script(QStringLiteral("fail.sh"),
                                    "echo 'partial stdout'\n"
                                    "echo 'SSO session expired, run login' >&2\nexit 3\n");
        ProcessCredentialSource source(quoted(path), QStringLiteral("broken"));
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(QStringLiteral("exit code 3")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("SSO session expired, run login")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("'broken'")), qPrintable(error));
    }

    void hangingCommandTimesOut()
    {
        const QString path = script(QStringLiteral("hang.sh"), "exec sleep 30\n");
        ProcessCredentialSource source(quoted(path), QStringLiteral("slow"));
        source.setTimeout(300ms);
        QElapsedTimer timer;
        timer.start();
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(timer.elapsed() < 10000, "the timeout did not stop the command");
        QVERIFY2(error.contains(QStringLiteral("did not finish within")), qPrintable(error));
        // A new request starts a fresh run (and times out again) rather than hanging forever.
        FETCH_ERROR(&source, error);
        QVERIFY(error.contains(QStringLiteral("did not finish within")));
    }

    // A command that never stops printing is killed at the 1 MiB limit, not buffered until
    // the timeout (it used to take 2.35 GB for 1 GiB of output).
    void endlessOutputIsStoppedAtTheLimit()
    {
        ProcessCredentialSource source(QStringLiteral("yes"), QStringLiteral("flood"));
        source.setTimeout(60s);
        QElapsedTimer timer;
        timer.start();
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(timer.elapsed() < 10000, "the output limit did not stop the command");
        QVERIFY2(error.contains(QStringLiteral("credential_process of profile 'flood'")),
                 qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("more than 1 MiB")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("was stopped")), qPrintable(error));
        // The output itself is never put into the message.
        QVERIFY(!error.contains(QStringLiteral("y\ny")));
    }

    void outputJustBelowTheLimitIsRead()
    {
        // Valid JSON padded with spaces to exactly 1 MiB.
        const QString path = script(
            QStringLiteral("big.sh"),
            "json='{\"Version\":1,\"AccessKeyId\":\"BIG\",\"SecretAccessKey\":\"S\"}'\n"
            "printf '%s' \"$json\"\n"
            "head -c $((1048576 - ${#json})) /dev/zero | tr '\\0' ' '\n");
        ProcessCredentialSource source(quoted(path), QStringLiteral("big"));
        Credentials c;
        FETCH_OK(&source, c);
        QCOMPARE(c.accessKeyId, QStringLiteral("BIG"));
    }

    void oneByteBeyondTheLimitIsRefused()
    {
        // Ends at once: the limit may be found while reading or only after the exit.
        ProcessCredentialSource source(QStringLiteral("head -c 1048577 /dev/zero"),
                                       QStringLiteral("over"));
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(QStringLiteral("more than 1 MiB")), qPrintable(error));
        // The source is usable again afterwards.
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(QStringLiteral("more than 1 MiB")), qPrintable(error));
    }

    void floodOfErrorOutputKeepsOnlyItsEnd()
    {
        const QString path = script(QStringLiteral("stderr.sh"),
                                    "head -c 3000000 /dev/zero | tr '\\0' x >&2\n"
                                    "echo ' the last words' >&2\nexit 4\n");
        ProcessCredentialSource source(quoted(path), QStringLiteral("chatty"));
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(QStringLiteral("exit code 4")), qPrintable(error.left(300)));
        QVERIFY(error.contains(QStringLiteral("the last words")));
        QVERIFY2(error.size() < 3000, qPrintable(QString::number(error.size())));
    }

    void garbageOutput_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("not json") << QByteArray("echo 'AKIA wJalr-secret-ish hello'\n")
                                  << QStringLiteral("not a JSON object");
        QTest::newRow("json array") << QByteArray("echo '[1,2]'\n") << QStringLiteral("not a JSON object");
        QTest::newRow("nothing") << QByteArray("true\n") << QStringLiteral("printed nothing");
        QTest::newRow("no version")
            << QByteArray("echo '{\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\"}'\n")
            << QStringLiteral("\"Version\": 1");
        QTest::newRow("version 2")
            << QByteArray("echo '{\"Version\":2,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\"}'\n")
            << QStringLiteral("\"Version\": 1");
        QTest::newRow("no secret") << QByteArray("echo '{\"Version\":1,\"AccessKeyId\":\"A\"}'\n")
                                   << QStringLiteral("without SecretAccessKey");
        QTest::newRow("bad expiration")
            << QByteArray("echo '{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\","
                          "\"Expiration\":\"soon\"}'\n")
            << QStringLiteral("not an ISO 8601");
        QTest::newRow("already expired")
            << QByteArray("echo '{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\","
                          "\"Expiration\":\"2001-01-01T00:00:00Z\"}'\n")
            << QStringLiteral("already expired");
    }

    void garbageOutput()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, fragment);
        const QString path = script(QStringLiteral("garbage.sh"), body);
        ProcessCredentialSource source(quoted(path), QStringLiteral("g"));
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(fragment), qPrintable(error));
        // Standard output may be a secret: never echoed back.
        QVERIFY(!error.contains(QStringLiteral("wJalr-secret-ish")));
    }

    void missingProgram()
    {
        ProcessCredentialSource source(m_dir.filePath(QStringLiteral("does-not-exist")),
                                       QStringLiteral("m"));
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(QStringLiteral("could not be started")), qPrintable(error));
    }

    void emptyCommand()
    {
        ProcessCredentialSource source(QStringLiteral("   "), QStringLiteral("e"));
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(QStringLiteral("is empty")), qPrintable(error));
    }

    void unclosedQuoteNamesProfileAndSetting()
    {
        ProcessCredentialSource source(QStringLiteral("sh -c 'printf x"), QStringLiteral("quoting"));
        QString error;
        FETCH_ERROR(&source, error);
        QVERIFY2(error.contains(QStringLiteral("credential_process of profile 'quoting'")),
                 qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("single quote at character 7 is never closed")),
                 qPrintable(error));
    }

    void wordsAreSplitWithShellRules()
    {
        const QString path = script(QStringLiteral("words.sh"),
                                    "printf '{\"Version\":1,\"AccessKeyId\":\"%s|%s|%s\","
                                    "\"SecretAccessKey\":\"%s\"}' \"$1\" \"$2\" \"$3\" \"$#\"\n");
        // An empty word, a single-quoted word with spaces, an escaped space.
        ProcessCredentialSource source(u'\'' + path + QStringLiteral("' '' 'a b' c\\ d"),
                                       QStringLiteral("p"));
        Credentials c;
        FETCH_OK(&source, c);
        QCOMPARE(c.accessKeyId, QStringLiteral("|a b|c d"));
        QCOMPARE(c.secretAccessKey, QStringLiteral("3"));
    }

    void concurrentRequestsShareOneRun()
    {
        const QString counter = m_dir.filePath(QStringLiteral("runs"));
        const QString path = script(
            QStringLiteral("count.sh"),
            "echo run >> \"" + counter.toUtf8() + "\"\nsleep 0.2\n"
            "echo '{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\"}'\n");
        ProcessCredentialSource source(quoted(path), QStringLiteral("c"));
        int answers = 0;
        QObject context;
        for (int i = 0; i < 3; ++i)
            source.requestCredentials(&context, [&](const CredentialsResult &r) {
                QVERIFY(r.ok());
                ++answers;
            });
        QTRY_COMPARE(answers, 3);
        QFile runs(counter);
        QVERIFY(runs.open(QIODevice::ReadOnly));
        QCOMPARE(runs.readAll().count("run"), 1);
    }

    void destroyedContextGetsNoCallback()
    {
        const QString path = script(QStringLiteral("slow-ok.sh"),
                                    "sleep 0.2\necho '{\"Version\":1,\"AccessKeyId\":\"A\","
                                    "\"SecretAccessKey\":\"S\"}'\n");
        ProcessCredentialSource source(quoted(path), QStringLiteral("d"));
        bool called = false;
        auto *context = new QObject;
        source.requestCredentials(context, [&](const CredentialsResult &) { called = true; });
        delete context;
        // A second caller proves the run finished.
        const auto answer = flowdesk::aws::test::fetch(&source);
        QVERIFY(answer && answer->ok());
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TstProcessCredentialSource)
#include "tst_processcredentialsource.moc"
