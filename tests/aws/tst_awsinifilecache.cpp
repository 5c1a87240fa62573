// AwsIniFileCache: each version of an AWS file is parsed once, a change (size, mtime, or bytes
// rewritten within one tick of the file clock) is seen at the next read, and what is not a
// readable regular file is never cached. Also AwsConfig over a 10,000-profile file.
#include "AwsConfig.h"
#include "AwsIniFileCache.h"
#include "CredentialTestSupport.h"

#include <QDateTime>

#include <sys/stat.h>

using flowdesk::aws::AwsConfig;
using flowdesk::aws::AwsIniFile;
using flowdesk::aws::AwsIniFileCache;
using flowdesk::aws::test::AwsHome;

namespace {

QString regionOf(const AwsIniFile &file, const QString &profile)
{
    const auto *section = file.section(QStringLiteral("profile"), profile);
    return section ? section->value(QStringLiteral("region")) : QStringLiteral("<no section>");
}

// Moves the file's modification time, as a tool that keeps times (rsync -t, touch -d) would.
void setModified(const QString &path, const QDateTime &when)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(when, QFileDevice::FileModificationTime));
}

} // namespace

class TstAwsIniFileCache : public QObject
{
    Q_OBJECT

private slots:
    void sameContentIsParsedOnce()
    {
        AwsHome home;
        home.writeConfig("[profile a]\nregion = eu-west-1\n");
        const QString path = home.path(QStringLiteral(".aws/config"));
        AwsIniFileCache cache;
        for (int i = 0; i < 5; ++i)
            QCOMPARE(regionOf(cache.get(path, AwsIniFile::Kind::Config), QStringLiteral("a")),
                     QStringLiteral("eu-west-1"));
        QCOMPARE(cache.parseCount(), 1);

        // The same file through a link is the same file: no second parse, and the link's path
        // is the one its answer names.
        const QString link = home.path(QStringLiteral("link-to-config"));
        QVERIFY(QFile::link(path, link));
        const AwsIniFile viaLink = cache.get(link, AwsIniFile::Kind::Config);
        QCOMPARE(viaLink.fileName(), link);
        QCOMPARE(regionOf(viaLink, QStringLiteral("a")), QStringLiteral("eu-west-1"));
        QCOMPARE(cache.parseCount(), 1);
        // Read as a credentials file it means something else: parsed on its own.
        cache.get(path, AwsIniFile::Kind::Credentials);
        QCOMPARE(cache.parseCount(), 2);
    }

    void sizeChangeIsSeen()
    {
        AwsHome home;
        home.writeConfig("[profile a]\nregion = eu-west-1\n");
        const QString path = home.path(QStringLiteral(".aws/config"));
        AwsIniFileCache cache;
        cache.get(path, AwsIniFile::Kind::Config);
        const QDateTime modified = QFileInfo(path).lastModified();
        home.writeConfig("[profile a]\nregion = ap-southeast-2\n");
        setModified(path, modified); // only the size tells
        QCOMPARE(regionOf(cache.get(path, AwsIniFile::Kind::Config), QStringLiteral("a")),
                 QStringLiteral("ap-southeast-2"));
        QCOMPARE(cache.parseCount(), 2);
    }

    void mtimeChangeIsSeen()
    {
        AwsHome home;
        home.writeConfig("[profile a]\nregion = eu-west-1\n");
        const QString path = home.path(QStringLiteral(".aws/config"));
        setModified(path, QDateTime::currentDateTimeUtc().addSecs(-3600));
        AwsIniFileCache cache;
        cache.get(path, AwsIniFile::Kind::Config);
        home.writeConfig("[profile a]\nregion = eu-west-2\n"); // same size
        setModified(path, QDateTime::currentDateTimeUtc().addSecs(-1800));
        QCOMPARE(regionOf(cache.get(path, AwsIniFile::Kind::Config), QStringLiteral("a")),
                 QStringLiteral("eu-west-2"));
        QCOMPARE(cache.parseCount(), 2);
    }

    // Written twice within one tick of the file clock, same size, same inode: the stamp cannot
    // tell, the bytes do (the file is "racy" while its times are recent).
    void rewriteWithinOneClockTickIsSeen()
    {
        AwsHome home;
        const QString path = home.path(QStringLiteral(".aws/config"));
        AwsIniFileCache cache;
        for (const char *region : {"eu-west-1", "eu-west-2", "eu-west-3"}) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(QByteArray("[profile a]\nregion = ") + region + '\n');
            file.close();
            QCOMPARE(regionOf(cache.get(path, AwsIniFile::Kind::Config), QStringLiteral("a")),
                     QLatin1String(region));
        }
        QCOMPARE(cache.parseCount(), 3);
        // Unchanged bytes are compared, not parsed again.
        cache.get(path, AwsIniFile::Kind::Config);
        QCOMPARE(cache.parseCount(), 3);
    }

    void whatIsNotARegularFileIsNeverCached()
    {
        AwsHome home;
        AwsIniFileCache cache;
        const QString missing = home.path(QStringLiteral(".aws/config"));
        const AwsIniFile absent = cache.get(missing, AwsIniFile::Kind::Config);
        QVERIFY(absent.isValid());
        QVERIFY(!absent.exists());

        const QString fifo = home.path(QStringLiteral("fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const AwsIniFile pipe = cache.get(fifo, AwsIniFile::Kind::Config); // must not block
        QVERIFY(!pipe.isValid());
        QVERIFY2(pipe.errorString().contains(QStringLiteral("named pipe")), qPrintable(pipe.errorString()));
        QCOMPARE(cache.parseCount(), 0);

        // A missing file that appears is read at once.
        home.writeConfig("[profile late]\nregion = us-west-2\n");
        QCOMPARE(regionOf(cache.get(missing, AwsIniFile::Kind::Config), QStringLiteral("late")),
                 QStringLiteral("us-west-2"));
    }

    void brokenFileKeepsItsMessageAndIsFixedByAnEdit()
    {
        AwsHome home;
        home.writeConfig("[profile a\n");
        const QString path = home.path(QStringLiteral(".aws/config"));
        AwsIniFileCache cache;
        QVERIFY(!cache.get(path, AwsIniFile::Kind::Config).isValid());
        const AwsIniFile again = cache.get(path, AwsIniFile::Kind::Config);
        QVERIFY2(again.errorString().contains(path + QStringLiteral(", line 1")),
                 qPrintable(again.errorString()));
        home.writeConfig("[profile a]\n");
        QVERIFY(cache.get(path, AwsIniFile::Kind::Config).isValid());
    }

    // 10,000 profiles: every one found, in file order, with its own values, repeated sections
    // merged, and the credentials file's profiles after the config file's.
    void tenThousandProfiles()
    {
        AwsHome home;
        QByteArray config;
        QByteArray credentials;
        constexpr int kProfiles = 10000;
        for (int i = 0; i < kProfiles; ++i) {
            const QByteArray name = "p" + QByteArray::number(i);
            config += "[profile " + name + "]\nregion = r" + QByteArray::number(i) + "\n";
            if (i % 2 == 0)
                credentials += "[" + name + "]\naws_access_key_id = K" + QByteArray::number(i)
                    + "\naws_secret_access_key = S\n";
        }
        config += "[profile p42]\noutput = json\n"; // a repeated section continues the first
        credentials += "[only-in-credentials]\naws_access_key_id = X\n";
        home.writeConfig(config);
        home.writeCredentials(credentials);

        const int parsesBefore = AwsIniFileCache::instance().parseCount();
        const AwsConfig loaded = AwsConfig::load(home.env());
        QVERIFY2(loaded.isValid(), qPrintable(loaded.errorString()));
        const QStringList names = loaded.profileNames();
        QCOMPARE(names.size(), kProfiles + 1);
        QCOMPARE(names.first(), QStringLiteral("p0"));
        QCOMPARE(names.at(9999), QStringLiteral("p9999"));
        QCOMPARE(names.last(), QStringLiteral("only-in-credentials"));
        for (int i : {0, 1, 42, 5001, 9998, 9999}) {
            const auto profile = loaded.profile(QStringLiteral("p%1").arg(i));
            QVERIFY(profile);
            QCOMPARE(profile->value(QStringLiteral("region")), QStringLiteral("r%1").arg(i));
            QCOMPARE(profile->has(QStringLiteral("aws_access_key_id")), i % 2 == 0);
        }
        QCOMPARE(loaded.profile(QStringLiteral("p42"))->value(QStringLiteral("output")),
                 QStringLiteral("json"));
        QVERIFY(!loaded.profile(QStringLiteral("p10000")));

        // Loading again (every connection and check does) parses nothing.
        for (int i = 0; i < 20; ++i)
            QCOMPARE(AwsConfig::load(home.env()).profileNames().size(), kProfiles + 1);
        QCOMPARE(AwsIniFileCache::instance().parseCount() - parsesBefore, 2);
    }
};

QTEST_GUILESS_MAIN(TstAwsIniFileCache)
#include "tst_awsinifilecache.moc"
