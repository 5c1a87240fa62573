#include "AwsConfig.h"
#include "AwsIniFile.h"
#include "CredentialTestSupport.h"

#include <QElapsedTimer>

#include <chrono>
#include <fcntl.h>
#include <future>
#include <sys/stat.h>
#include <unistd.h>

using flowdesk::aws::AwsConfig;
using flowdesk::aws::test::AwsHome;

class TstAwsConfig : public QObject
{
    Q_OBJECT

private slots:
    void mergesConfigAndCredentialsFiles()
    {
        AwsHome home;
        home.writeConfig("[default]\nregion = eu-west-1\naws_access_key_id = FROMCONFIG\n"
                         "[profile prod]\nregion = us-east-2\nservices = s\n"
                         "[services s]\nappflow =\n  endpoint_url = http://127.0.0.1:9\n");
        home.writeCredentials("[default]\naws_access_key_id = FROMCREDS\n"
                              "aws_secret_access_key = S\n[only-creds]\naws_access_key_id = X\n");
        const AwsConfig config = AwsConfig::load(home.env());
        QVERIFY2(config.isValid(), qPrintable(config.errorString()));
        QCOMPARE(config.configPath(), home.path(QStringLiteral(".aws/config")));
        QCOMPARE(config.credentialsPath(), home.path(QStringLiteral(".aws/credentials")));

        const auto def = config.profile(QStringLiteral("default"));
        QVERIFY(def);
        QCOMPARE(def->value(QStringLiteral("region")), QStringLiteral("eu-west-1"));
        // The credentials file wins for keys in both, as in the CLI.
        QCOMPARE(def->value(QStringLiteral("aws_access_key_id")), QStringLiteral("FROMCREDS"));
        QCOMPARE(def->fileOf(QStringLiteral("aws_access_key_id")), config.credentialsPath());
        QCOMPARE(def->fileOf(QStringLiteral("region")), config.configPath());

        const auto prod = config.profile(QStringLiteral("prod"));
        QVERIFY(prod);
        QCOMPARE(prod->services.value(QStringLiteral("appflow")).value(QStringLiteral("endpoint_url")),
                 QStringLiteral("http://127.0.0.1:9"));

        QVERIFY(config.profile(QStringLiteral("only-creds")));
        QVERIFY(!config.profile(QStringLiteral("missing")));
        QCOMPARE(config.profileNames(),
                 QStringList({QStringLiteral("default"), QStringLiteral("prod"),
                              QStringLiteral("only-creds")}));
    }

    void honoursFileVariables()
    {
        AwsHome home;
        home.write(QStringLiteral("elsewhere/cfg"), "[profile a]\nregion = ap-south-1\n");
        home.write(QStringLiteral("elsewhere/creds"), "[a]\naws_access_key_id = K\n");
        home.writeConfig("[profile ignored]\n");
        home.env().insert(QStringLiteral("AWS_CONFIG_FILE"), home.path(QStringLiteral("elsewhere/cfg")));
        // "~" expands to the HOME of the given environment.
        home.env().insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"),
                          QStringLiteral("~/elsewhere/creds"));
        const AwsConfig config = AwsConfig::load(home.env());
        QVERIFY(config.isValid());
        QCOMPARE(config.credentialsPath(), home.path(QStringLiteral("elsewhere/creds")));
        const auto a = config.profile(QStringLiteral("a"));
        QVERIFY(a);
        QCOMPARE(a->value(QStringLiteral("region")), QStringLiteral("ap-south-1"));
        QCOMPARE(a->value(QStringLiteral("aws_access_key_id")), QStringLiteral("K"));
        QVERIFY(!config.profile(QStringLiteral("ignored")));
    }

    void defaultProfileName()
    {
        AwsHome home;
        QCOMPARE(AwsConfig::load(home.env()).defaultProfileName(), QStringLiteral("default"));
        home.env().insert(QStringLiteral("AWS_DEFAULT_PROFILE"), QStringLiteral("older"));
        QCOMPARE(AwsConfig::load(home.env()).defaultProfileName(), QStringLiteral("older"));
        home.env().insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("newer"));
        QCOMPARE(AwsConfig::load(home.env()).defaultProfileName(), QStringLiteral("newer"));
    }

    void noFilesIsValidAndEmpty()
    {
        AwsHome home;
        const AwsConfig config = AwsConfig::load(home.env());
        QVERIFY(config.isValid());
        QVERIFY(config.profileNames().isEmpty());
    }

    void brokenFileIsReportedWithLine()
    {
        AwsHome home;
        home.writeConfig("[default]\nregion = x\n");
        home.writeCredentials("[default]\naws_access_key_id = A\n[broken\n");
        const AwsConfig config = AwsConfig::load(home.env());
        QVERIFY(!config.isValid());
        QVERIFY2(config.errorString().contains(config.credentialsPath() + QStringLiteral(", line 3")),
                 qPrintable(config.errorString()));
    }

    // ~/.aws/config or credentials that is not a regular file, or is huge: an error naming the
    // file and what is wrong, quickly, without blocking and without reading it.
    void hostileFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("what");
        QTest::newRow("config links to /dev/zero") << QStringLiteral(".aws/config")
                                                   << QStringLiteral("is a device, not a regular file");
        QTest::newRow("credentials link to /dev/urandom")
            << QStringLiteral(".aws/credentials") << QStringLiteral("is a device, not a regular file");
        QTest::newRow("config is a FIFO") << QStringLiteral(".aws/config")
                                          << QStringLiteral("is a named pipe (FIFO), not a regular file");
        QTest::newRow("credentials is a folder") << QStringLiteral(".aws/credentials")
                                                 << QStringLiteral("is a folder, not a regular file");
        QTest::newRow("config of 5 MiB") << QStringLiteral(".aws/config")
                                         << QStringLiteral("is 5.0 MiB; Flowdesk reads AWS config and "
                                                           "credentials files of at most 4 MiB");
    }
    void hostileFiles()
    {
        QFETCH(QString, file);
        QFETCH(QString, what);
        AwsHome home;
        const QString path = home.path(file);
        const QByteArray native = QFile::encodeName(path);
        const QString row = QString::fromUtf8(QTest::currentDataTag());
        if (row.contains(QStringLiteral("/dev/zero")))
            QVERIFY(QFile::link(QStringLiteral("/dev/zero"), path));
        else if (row.contains(QStringLiteral("/dev/urandom")))
            QVERIFY(QFile::link(QStringLiteral("/dev/urandom"), path));
        else if (row.contains(QStringLiteral("FIFO")))
            QCOMPARE(::mkfifo(native.constData(), 0600), 0);
        else if (row.contains(QStringLiteral("folder")))
            QVERIFY(QDir().mkpath(path));
        else
            home.write(file, "[default]\nregion = eu-west-1\n" + QByteArray(5 * 1024 * 1024, '#'));
        // The other file is fine and stays readable.
        const QString other = file.endsWith(QStringLiteral("config")) ? QStringLiteral(".aws/credentials")
                                                                     : QStringLiteral(".aws/config");
        home.write(other, "[default]\nregion = eu-west-1\n");

        // In a thread, so that a load that blocks on the FIFO fails this test instead of hanging it.
        QElapsedTimer timer;
        timer.start();
        auto loading = std::async(std::launch::async, [&] { return AwsConfig::load(home.env()); });
        if (loading.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
            // Unblock the reader (a writer that closes at once: end of file) before failing.
            const int writer = ::open(native.constData(), O_WRONLY | O_NONBLOCK);
            if (writer >= 0)
                ::close(writer);
            loading.wait();
            QFAIL("loading the AWS config blocked");
        }
        const AwsConfig config = loading.get();
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!config.isValid());
        QVERIFY2(config.errorString().contains(path), qPrintable(config.errorString()));
        QVERIFY2(config.errorString().contains(what), qPrintable(config.errorString()));
        if (row.contains(QStringLiteral("/dev/")))
            QVERIFY2(config.errorString().contains(QStringLiteral("it is a link to /dev/")),
                     qPrintable(config.errorString()));
    }

    void ssoSessionLookup()
    {
        AwsHome home;
        home.writeConfig("[sso-session corp]\nsso_region = eu-west-1\n");
        const AwsConfig config = AwsConfig::load(home.env());
        QVERIFY(config.ssoSession(QStringLiteral("corp")));
        QCOMPARE(config.ssoSession(QStringLiteral("corp"))->value(QStringLiteral("sso_region")),
                 QStringLiteral("eu-west-1"));
        QVERIFY(!config.ssoSession(QStringLiteral("other")));
    }
};

QTEST_GUILESS_MAIN(TstAwsConfig)
#include "tst_awsconfig.moc"
