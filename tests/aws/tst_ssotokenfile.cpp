// The IAM Identity Center token cache as botocore (the AWS CLI v2) reads and writes it: a token
// Flowdesk renewed must keep working for `aws`. The layout is checked byte for byte against a
// fixed example and against Python's own json.dumps, and botocore itself (Debian's
// python3-botocore, which awscli brings) reads the written file when it is installed.
#include "SsoTokenFile.h"

#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowdesk::aws;

namespace {

SsoToken example()
{
    SsoToken token;
    token.startUrl = QStringLiteral("https://corp.awsapps.com/start");
    token.region = QStringLiteral("eu-west-1");
    token.accessToken = QStringLiteral("aoaAAAAAGb/x+y=");
    token.expiresAt = QDateTime(QDate(2026, 12, 4), QTime(17, 30, 5, 750), Qt::UTC);
    token.clientId = QStringLiteral("client-123");
    token.clientSecret = QStringLiteral("secret\"with\\quote");
    token.registrationExpiresAt = QStringLiteral("2027-03-01T09:00:00Z");
    token.refreshToken = QStringLiteral("Atzr|refré\n");
    return token;
}

// Runs python3 with `script`; empty optional when python3 is not installed.
std::optional<QByteArray> python(const QString &script, const QStringList &arguments = {})
{
    const QString python3 = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python3.isEmpty())
        return std::nullopt;
    QProcess process;
    process.start(python3, QStringList{QStringLiteral("-c"), script} + arguments);
    if (!process.waitForFinished(30000) || process.exitCode() != 0)
        return QByteArray("python3 failed: " + process.readAllStandardError());
    return process.readAllStandardOutput();
}

} // namespace

class TstSsoTokenFile : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void parsesWhatTheCliWrites()
    {
        const std::optional<SsoToken> token = SsoTokenFile::parse(
            "{\"startUrl\": \"https://corp.awsapps.com/start\", \"region\": \"eu-west-1\", \"accessToken\": \"tok\","
            " \"expiresAt\": \"2026-12-04T17:30:05Z\", \"clientId\": \"c\", \"clientSecret\": \"s\","
            " \"registrationExpiresAt\": \"2027-03-01T09:00:00Z\", \"refreshToken\": \"r\"}");
        QVERIFY(token);
        QCOMPARE(token->accessToken, QStringLiteral("tok"));
        QCOMPARE(token->expiresAt, QDateTime(QDate(2026, 12, 4), QTime(17, 30, 5), Qt::UTC));
        QVERIFY(token->canRefresh(QDateTime(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC)));
        QVERIFY(!token->canRefresh(QDateTime(QDate(2027, 3, 2), QTime(0, 0), Qt::UTC))); // registration over
        // CLI v1's "…UTC" and a legacy file without a registration: read, not renewable.
        const std::optional<SsoToken> v1 =
            SsoTokenFile::parse("{\"accessToken\": \"tok\", \"expiresAt\": \"2019-11-14T04:05:45UTC\"}");
        QVERIFY(v1);
        QCOMPARE(v1->expiresAt, QDateTime(QDate(2019, 11, 14), QTime(4, 5, 45), Qt::UTC));
        QVERIFY(!v1->canRefresh(QDateTime(QDate(2019, 1, 1), QTime(0, 0), Qt::UTC)));
        QVERIFY(!SsoTokenFile::parse("{\"expiresAt\": \"2026-12-04T17:30:05Z\"}"));
        QVERIFY(!SsoTokenFile::parse("{\"accessToken\": "));
        QVERIFY(!SsoTokenFile::parse("[]"));
    }

    void serializesAsBotocore()
    {
        const QByteArray expected =
            "{\"startUrl\": \"https://corp.awsapps.com/start\", \"region\": \"eu-west-1\", "
            "\"accessToken\": \"aoaAAAAAGb/x+y=\", \"expiresAt\": \"2026-12-04T17:30:05Z\", "
            "\"clientId\": \"client-123\", \"clientSecret\": \"secret\\\"with\\\\quote\", "
            "\"registrationExpiresAt\": \"2027-03-01T09:00:00Z\", \"refreshToken\": \"Atzr|refr\\u00e9\\n\"}";
        QCOMPARE(SsoTokenFile::serialize(example()), expected);
        // Without a refresh token in CreateToken's answer, botocore writes none.
        SsoToken withoutRefresh = example();
        withoutRefresh.refreshToken.clear();
        QVERIFY(!SsoTokenFile::serialize(withoutRefresh).contains("refreshToken"));
    }

    // Python's json.dumps of the same dict, in botocore's key order, gives the same bytes.
    void matchesPythonJsonDumps()
    {
        const SsoToken token = example();
        const auto dumped = python(
            QStringLiteral("import json, sys; keys = ['startUrl', 'region', 'accessToken', 'expiresAt', "
                           "'clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken']; "
                           "sys.stdout.write(json.dumps(dict(zip(keys, sys.argv[1:]))))"),
            {token.startUrl, token.region, token.accessToken, QStringLiteral("2026-12-04T17:30:05Z"),
             token.clientId, token.clientSecret, token.registrationExpiresAt, token.refreshToken});
        if (!dumped)
            QSKIP("python3 is not installed; serializesAsBotocore checks the layout");
        QCOMPARE(SsoTokenFile::serialize(token), *dumped);
    }

    // Written atomically, owner-only even over a world-readable file, and nothing left behind.
    void writesAtomicallyForTheOwnerOnly()
    {
        const QString path = m_dir.filePath(QStringLiteral("0ad374308c5a4e22f723adf10145eafad7c4031c.json"));
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("{\"accessToken\": \"old\"}");
        old.close();
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                                | QFileDevice::ReadOther));
        QCOMPARE(SsoTokenFile::write(path, example()), QString());
        struct stat status {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &status), 0);
        QCOMPARE(status.st_mode & 0777, 0600u);
        QFile written(path);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(written.readAll(), SsoTokenFile::serialize(example()));
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), QStringList{QFileInfo(path).fileName()});
        // A folder that cannot be written: said, with the file's name.
        const QString error = SsoTokenFile::write(QStringLiteral("/proc/flowdesk-no-such/x.json"), example());
        QVERIFY2(error.contains(QStringLiteral("/proc/flowdesk-no-such/x.json")), qPrintable(error));
    }

    // botocore's own loader reads what Flowdesk wrote (when python3-botocore is installed).
    void botocoreReadsTheWrittenFile()
    {
        const QString cacheDir = m_dir.filePath(QStringLiteral("sso-cache"));
        QVERIFY(QDir().mkpath(cacheDir));
        // sha1("my-sso"), the file `aws sso login --sso-session my-sso` uses.
        QCOMPARE(SsoTokenFile::write(QDir(cacheDir).filePath(QStringLiteral("0ad374308c5a4e22f723adf10145eafad7c4031c.json")),
                                     example()),
                 QString());
        const auto probe = python(QStringLiteral("import botocore"));
        if (!probe || probe->startsWith("python3 failed"))
            QSKIP("botocore is not installed (python3-botocore); the byte-for-byte checks stand for it");
        const auto loaded = python(
            QStringLiteral("import sys\n"
                           "from botocore.utils import JSONFileCache, SSOTokenLoader\n"
                           "import dateutil.parser\n"
                           "token = SSOTokenLoader(cache=JSONFileCache(sys.argv[1]))('https://corp.awsapps.com/start', "
                           "session_name='my-sso')\n"
                           "print(token['accessToken'], dateutil.parser.parse(token['expiresAt']).isoformat(), "
                           "token['refreshToken'].strip(), token['clientSecret'])"),
            {cacheDir});
        QVERIFY(loaded);
        QCOMPARE(QString::fromUtf8(*loaded).trimmed(),
                 QStringLiteral("aoaAAAAAGb/x+y= 2026-12-04T17:30:05+00:00 Atzr|refré secret\"with\\quote"));
    }
};

QTEST_GUILESS_MAIN(TstSsoTokenFile)
#include "tst_ssotokenfile.moc"
