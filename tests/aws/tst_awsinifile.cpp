#include "AwsIniFile.h"

#include <QTemporaryDir>
#include <QtTest>

using flowdesk::aws::AwsIniFile;

class TstAwsIniFile : public QObject
{
    Q_OBJECT

private slots:
    void parsesProfilesSessionsAndServices()
    {
        const QByteArray text = "# leading comment\n"
                                "; another\n"
                                "[default]\n"
                                "region = eu-west-1   # inline comment\n"
                                "output=json\n"
                                "\n"
                                "[profile prod]\r\n"
                                "role_arn = arn:aws:iam::123456789012:role/ops\r\n"
                                "source_profile = default ; why\r\n"
                                "services = local\r\n"
                                "  [sso-session  corp ]  # comment after header\n"
                                "sso_start_url = https://corp.awsapps.com/start#/\n"
                                "[services local]\n"
                                "appflow =\n"
                                "  endpoint_url = http://127.0.0.1:4566\n"
                                "\n"
                                "  region = us-east-1\n"
                                "sts =\n"
                                "\tendpoint_url = http://localhost:1\n";
        const AwsIniFile file = AwsIniFile::parse(text, AwsIniFile::Kind::Config,
                                                  QStringLiteral("config"));
        QVERIFY2(file.isValid(), qPrintable(file.errorString()));
        QCOMPARE(file.names(QStringLiteral("profile")),
                 QStringList({QStringLiteral("default"), QStringLiteral("prod")}));

        const auto *def = file.section(QStringLiteral("profile"), QStringLiteral("default"));
        QVERIFY(def);
        QCOMPARE(def->value(QStringLiteral("region")), QStringLiteral("eu-west-1"));
        QCOMPARE(def->value(QStringLiteral("output")), QStringLiteral("json"));
        QCOMPARE(def->line, 3);

        const auto *prod = file.section(QStringLiteral("profile"), QStringLiteral("prod"));
        QVERIFY(prod);
        QCOMPARE(prod->value(QStringLiteral("role_arn")),
                 QStringLiteral("arn:aws:iam::123456789012:role/ops"));
        QCOMPARE(prod->value(QStringLiteral("source_profile")), QStringLiteral("default"));

        const auto *sso = file.section(QStringLiteral("sso-session"), QStringLiteral("corp"));
        QVERIFY(sso);
        // '#' glued to text is part of the value (start URLs end in "#/").
        QCOMPARE(sso->value(QStringLiteral("sso_start_url")),
                 QStringLiteral("https://corp.awsapps.com/start#/"));

        const auto *services = file.section(QStringLiteral("services"), QStringLiteral("local"));
        QVERIFY(services);
        QCOMPARE(services->subSections.value(QStringLiteral("appflow"))
                     .value(QStringLiteral("endpoint_url")),
                 QStringLiteral("http://127.0.0.1:4566"));
        QCOMPARE(services->subSections.value(QStringLiteral("appflow")).value(QStringLiteral("region")),
                 QStringLiteral("us-east-1"));
        QCOMPARE(services->subSections.value(QStringLiteral("sts")).value(QStringLiteral("endpoint_url")),
                 QStringLiteral("http://localhost:1"));
    }

    void credentialsFileSectionsAreProfileNames()
    {
        const AwsIniFile file = AwsIniFile::parse("[default]\naws_access_key_id = A\n"
                                                  "[profile x]\naws_access_key_id = B\n",
                                                  AwsIniFile::Kind::Credentials,
                                                  QStringLiteral("credentials"));
        QVERIFY(file.isValid());
        // The CLI takes credentials-file section names literally.
        QVERIFY(file.section(QStringLiteral("profile"), QStringLiteral("profile x")));
        QVERIFY(!file.section(QStringLiteral("profile"), QStringLiteral("x")));
    }

    void repeatedSectionsMergeLaterWins()
    {
        const AwsIniFile file = AwsIniFile::parse("[default]\na = 1\nb = 2\n[profile default]\n"
                                                  "b = 3\n",
                                                  AwsIniFile::Kind::Config, QStringLiteral("c"));
        QVERIFY(file.isValid());
        const auto *s = file.section(QStringLiteral("profile"), QStringLiteral("default"));
        QCOMPARE(s->value(QStringLiteral("a")), QStringLiteral("1"));
        QCOMPARE(s->value(QStringLiteral("b")), QStringLiteral("3"));
    }

    void continuationLinesJoinValues()
    {
        const AwsIniFile file = AwsIniFile::parse("[default]\nca = first\n  second\n",
                                                  AwsIniFile::Kind::Config, QStringLiteral("c"));
        QVERIFY(file.isValid());
        QCOMPARE(file.section(QStringLiteral("profile"), QStringLiteral("default"))
                     ->value(QStringLiteral("ca")),
                 QStringLiteral("first\nsecond"));
    }

    void brokenFilesNameFileAndLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("unclosed header") << QByteArray("[default]\na = 1\n[profile x\n") << 3
                                         << QStringLiteral("closing ']'");
        QTest::newRow("setting before section") << QByteArray("# c\nregion = x\n") << 2
                                                << QStringLiteral("before the first [section]");
        QTest::newRow("no equals") << QByteArray("[default]\nwJalrXUtnFEMI/K7MDENG\n") << 2
                                   << QStringLiteral("expected 'key = value'");
        QTest::newRow("empty header") << QByteArray("[ ]\n") << 1 << QStringLiteral("no name");
        QTest::newRow("text after header") << QByteArray("[default] x\n") << 1
                                           << QStringLiteral("after the section header");
        QTest::newRow("empty key") << QByteArray("[default]\n= v\n") << 2
                                   << QStringLiteral("no name before");
        QTest::newRow("stray indent") << QByteArray("[default]\n  a = 1\n") << 2
                                      << QStringLiteral("indented line");
        QTest::newRow("bad sub-setting") << QByteArray("[services s]\nappflow =\n  junk\n") << 3
                                         << QStringLiteral("inside the indented settings");
        QTest::newRow("profile with two names") << QByteArray("[profile a b]\n") << 1
                                                << QStringLiteral("exactly one name");
    }

    void brokenFilesNameFileAndLine()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(QString, fragment);
        const AwsIniFile file = AwsIniFile::parse(text, AwsIniFile::Kind::Config,
                                                  QStringLiteral("/home/u/.aws/config"));
        QVERIFY(!file.isValid());
        QVERIFY(file.sections().isEmpty());
        const QString error = file.errorString();
        QVERIFY2(error.contains(QStringLiteral("/home/u/.aws/config, line %1:").arg(line)),
                 qPrintable(error));
        QVERIFY2(error.contains(fragment), qPrintable(error));
        // The offending text (possibly a secret) is never quoted back.
        QVERIFY(!error.contains(QStringLiteral("wJalrXUtnFEMI")));
    }

    void missingFileIsEmptyAndValid()
    {
        QTemporaryDir dir;
        const AwsIniFile file = AwsIniFile::load(dir.filePath(QStringLiteral("nope")),
                                                 AwsIniFile::Kind::Config);
        QVERIFY(file.isValid());
        QVERIFY(!file.exists());
        QVERIFY(file.sections().isEmpty());
    }

    void fileOfExactlyTheCapIsRead()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config"));
        QByteArray text = "[default]\nregion = eu-west-1\n#";
        text += QByteArray(AwsIniFile::kMaxFileSize - text.size() - 1, 'x') + '\n';
        QCOMPARE(text.size(), AwsIniFile::kMaxFileSize);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
        f.close();
        const AwsIniFile file = AwsIniFile::load(path, AwsIniFile::Kind::Config);
        QVERIFY2(file.isValid(), qPrintable(file.errorString()));
        QCOMPARE(file.section(QStringLiteral("profile"), QStringLiteral("default"))->value(QStringLiteral("region")),
                 QStringLiteral("eu-west-1"));

        QVERIFY(f.open(QIODevice::Append));
        f.write("\n");
        f.close();
        const AwsIniFile tooBig = AwsIniFile::load(path, AwsIniFile::Kind::Config);
        QVERIFY(!tooBig.isValid());
        QVERIFY2(tooBig.errorString().contains(QStringLiteral("at most 4 MiB")), qPrintable(tooBig.errorString()));
    }

    void danglingLinkIsLikeAMissingFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config"));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("gone")), path));
        const AwsIniFile file = AwsIniFile::load(path, AwsIniFile::Kind::Config);
        QVERIFY(file.isValid());
        QVERIFY(!file.exists());
    }

    void linkToARegularFileIsFollowed()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("real")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[profile linked]\nregion = us-east-2\n");
        f.close();
        const QString path = dir.filePath(QStringLiteral("config"));
        QVERIFY(QFile::link(f.fileName(), path));
        const AwsIniFile file = AwsIniFile::load(path, AwsIniFile::Kind::Config);
        QVERIFY2(file.isValid(), qPrintable(file.errorString()));
        QVERIFY(file.section(QStringLiteral("profile"), QStringLiteral("linked")));
    }

    void unreadableFileIsAnError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[default]\n");
        f.close();
        QVERIFY(f.setPermissions(QFileDevice::Permissions()));
        if (QFile(path).open(QIODevice::ReadOnly))
            QSKIP("running as root: permissions do not stop reading");
        const AwsIniFile file = AwsIniFile::load(path, AwsIniFile::Kind::Config);
        QVERIFY(!file.isValid());
        QVERIFY2(file.errorString().contains(path), qPrintable(file.errorString()));
    }
};

QTEST_GUILESS_MAIN(TstAwsIniFile)
#include "tst_awsinifile.moc"
