// ConnectionCatalog against real-format AWS CLI files in a temporary HOME: profiles from both
// files, broken profiles and a broken file explained, environment credentials as their own
// entry, default regions; and the AppFlow region table against the shared reference.
#include "AwsIniFileCache.h"
#include "ConnectionCatalog.h"
#include "ConnectionCatalogLoader.h"
#include "CredentialTestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QThread>
#include <QtTest>

using flowdesk::models::ConnectionCatalog;
using flowdesk::models::ConnectionCatalogEntry;
using flowdesk::models::ConnectionCatalogLoader;
using flowdesk::models::ConnectionInfo;
using flowdesk::aws::test::AwsHome;

namespace {

const ConnectionCatalogEntry *find(const ConnectionCatalog &catalog, ConnectionInfo::Kind kind,
                                   const QString &name)
{
    for (const ConnectionCatalogEntry &entry : catalog.entries()) {
        if (entry.kind == kind && entry.name == name)
            return &entry;
    }
    return nullptr;
}

} // namespace

class TstConnectionCatalog : public QObject
{
    Q_OBJECT

private slots:
    // Every profile is checked against one reading of the files: 2,000 profiles (roles whose
    // source is a keys profile, and keys profiles) cost two parses, not one per profile.
    void checksEveryProfileAgainstOneReading()
    {
        AwsHome home;
        QByteArray config;
        QByteArray credentials;
        constexpr int kPairs = 1000;
        for (int i = 0; i < kPairs; ++i) {
            const QByteArray n = QByteArray::number(i);
            config += "[profile role" + n + "]\nrole_arn = arn:aws:iam::123456789012:role/r" + n
                + "\nsource_profile = keys" + n + "\nregion = eu-west-1\n";
            credentials += "[keys" + n + "]\naws_access_key_id = AKIA" + n
                + "\naws_secret_access_key = S" + n + "\n";
        }
        config += "[profile orphan]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = ghost\n";
        home.writeConfig(config);
        home.writeCredentials(credentials);
        const int before = flowdesk::aws::AwsIniFileCache::instance().parseCount();
        const ConnectionCatalog catalog = ConnectionCatalog::load(home.env());
        QCOMPARE(flowdesk::aws::AwsIniFileCache::instance().parseCount() - before, 2);
        QCOMPARE(catalog.entries().size(), 2 * kPairs + 1);
        QStringList broken;
        for (const ConnectionCatalogEntry &entry : catalog.entries()) {
            if (entry.isBroken())
                broken << entry.name;
        }
        QCOMPARE(broken, QStringList{QStringLiteral("orphan")});
        QCOMPARE(find(catalog, ConnectionInfo::Kind::Profile, QStringLiteral("role999"))->region,
                 QStringLiteral("eu-west-1"));
    }

    // The loader reads on another thread and delivers on this one; a newer load supersedes an
    // older one, whose result is never delivered.
    void loaderDeliversOnItsThreadAndTheLatestOnly()
    {
        AwsHome home;
        home.writeCredentials("[first]\naws_access_key_id = A\naws_secret_access_key = S\n");
        ConnectionCatalogLoader loader;
        QSignalSpy loaded(&loader, &ConnectionCatalogLoader::loaded);
        QThread *deliveredOn = nullptr;
        ConnectionCatalog catalog;
        connect(&loader, &ConnectionCatalogLoader::loaded, this,
                [&](const ConnectionCatalog &delivered) {
                    deliveredOn = QThread::currentThread();
                    catalog = delivered;
                });
        loader.load(home.env(), {});
        QVERIFY(loader.isLoading());
        home.writeCredentials("[second]\naws_access_key_id = A\naws_secret_access_key = S\n");
        loader.load(home.env(), {flowdesk::aws::StoredAccount{QStringLiteral("acct"), {}, {}, {}, false}});
        QVERIFY(loaded.wait(20000));
        QTest::qWait(200); // a superseded result would arrive about now
        QCOMPARE(loaded.size(), 1);
        QVERIFY(!loader.isLoading());
        QCOMPARE(deliveredOn, QThread::currentThread());
        QVERIFY(find(catalog, ConnectionInfo::Kind::Profile, QStringLiteral("second")));
        QVERIFY(!find(catalog, ConnectionInfo::Kind::Profile, QStringLiteral("first")));
        QVERIFY(find(catalog, ConnectionInfo::Kind::StoredAccount, QStringLiteral("acct")));
    }

    void listsProfilesFromBothFiles()
    {
        AwsHome home;
        home.writeConfig("[default]\nregion = eu-west-1\n\n"
                         "[profile prod]\nregion = us-west-2\nrole_arn = arn:aws:iam::123456789012:role/ops\n"
                         "source_profile = default\n\n"
                         "[profile tools]\ncredential_process = /bin/echo {}\n");
        home.writeCredentials("[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                              "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n\n"
                              "[keys-only]\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\n"
                              "aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\n"
                              "aws_session_token = FwoGZXIvYXdzEXAMPLE\n");
        const ConnectionCatalog catalog = ConnectionCatalog::load(home.env());
        QVERIFY2(catalog.configError().isEmpty(), qPrintable(catalog.configError()));
        QStringList names;
        for (const auto &entry : catalog.entries())
            names << entry.name;
        QCOMPARE(names, (QStringList{QStringLiteral("default"), QStringLiteral("prod"),
                                     QStringLiteral("tools"), QStringLiteral("keys-only")}));
        for (const auto &entry : catalog.entries()) {
            QCOMPARE(entry.kind, ConnectionInfo::Kind::Profile);
            QVERIFY2(!entry.isBroken(), qPrintable(entry.name + u": " + entry.note));
            QCOMPARE(entry.displayName, entry.name);
        }
        QCOMPARE(find(catalog, ConnectionInfo::Kind::Profile, QStringLiteral("default"))->region,
                 QStringLiteral("eu-west-1"));
        QCOMPARE(find(catalog, ConnectionInfo::Kind::Profile, QStringLiteral("prod"))->region,
                 QStringLiteral("us-west-2"));
        QCOMPARE(find(catalog, ConnectionInfo::Kind::Profile, QStringLiteral("prod"))->regionSource,
                 QStringLiteral("profile prod"));
        // No region anywhere: empty, so the dialog can say so instead of inventing one.
        QVERIFY(find(catalog, ConnectionInfo::Kind::Profile, QStringLiteral("tools"))->region.isEmpty());
        QCOMPARE(catalog.defaultProfileName(), QStringLiteral("default"));
        // No AWS_ACCESS_KEY_ID: no environment entry.
        QVERIFY(!find(catalog, ConnectionInfo::Kind::Environment, {}));
    }

    void regionFallsBackToTheEnvironment()
    {
        AwsHome home;
        home.writeCredentials("[plain]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                              "aws_secret_access_key = secret\n");
        home.env().insert(QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("ap-south-1"));
        ConnectionCatalog catalog = ConnectionCatalog::load(home.env());
        QCOMPARE(catalog.entries().value(0).region, QStringLiteral("ap-south-1"));
        QCOMPARE(catalog.entries().value(0).regionSource, QStringLiteral("AWS_DEFAULT_REGION"));
        home.env().insert(QStringLiteral("AWS_REGION"), QStringLiteral("sa-east-1"));
        catalog = ConnectionCatalog::load(home.env());
        QCOMPARE(catalog.entries().value(0).region, QStringLiteral("sa-east-1"));
        QCOMPARE(catalog.entries().value(0).regionSource, QStringLiteral("AWS_REGION"));
    }

    void brokenProfilesCarryANote()
    {
        AwsHome home;
        home.writeConfig("[profile orphan-role]\nrole_arn = arn:aws:iam::123456789012:role/x\n"
                         "source_profile = missing\n\n"
                         "[profile half-sso]\nsso_start_url = https://example.awsapps.com/start\n\n"
                         "[profile region-only]\nregion = eu-west-1\n");
        home.writeCredentials("[half-keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n");
        const ConnectionCatalog catalog = ConnectionCatalog::load(home.env());
        QCOMPARE(catalog.entries().size(), 4);
        const auto *orphan = find(catalog, ConnectionInfo::Kind::Profile, QStringLiteral("orphan-role"));
        QVERIFY(orphan && orphan->isBroken());
        QVERIFY2(orphan->note.contains(QStringLiteral("missing")), qPrintable(orphan->note));
        const auto *sso = find(catalog, ConnectionInfo::Kind::Profile, QStringLiteral("half-sso"));
        QVERIFY(sso && sso->isBroken());
        QVERIFY2(sso->note.contains(QStringLiteral("sso_account_id")), qPrintable(sso->note));
        const auto *keys = find(catalog, ConnectionInfo::Kind::Profile, QStringLiteral("half-keys"));
        QVERIFY(keys && keys->isBroken());
        QVERIFY2(keys->note.contains(QStringLiteral("aws_secret_access_key")), qPrintable(keys->note));
        const auto *regionOnly = find(catalog, ConnectionInfo::Kind::Profile, QStringLiteral("region-only"));
        QVERIFY(regionOnly && regionOnly->isBroken());
        QCOMPARE(regionOnly->region, QStringLiteral("eu-west-1"));
    }

    void brokenFileIsExplainedAndOtherEntriesRemain()
    {
        AwsHome home;
        home.writeConfig("[profile ok]\nregion = eu-west-1\n[profile broken\nregion = x\n");
        home.env().insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIAIOSFODNN7EXAMPLE"));
        home.env().insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("secret"));
        const ConnectionCatalog catalog = ConnectionCatalog::load(home.env());
        QVERIFY(!catalog.configError().isEmpty());
        QVERIFY2(catalog.configError().contains(home.path(QStringLiteral(".aws/config")))
                     && catalog.configError().contains(QStringLiteral("line 3")),
                 qPrintable(catalog.configError()));
        // The environment still works, so it is still offered.
        QCOMPARE(catalog.entries().size(), 1);
        QCOMPARE(catalog.entries().first().kind, ConnectionInfo::Kind::Environment);
        QVERIFY(catalog.defaultProfileName().isEmpty());
    }

    void environmentCredentialsAreTheirOwnEntry()
    {
        AwsHome home;
        home.env().insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIAIOSFODNN7EXAMPLE"));
        home.env().insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("secret"));
        home.env().insert(QStringLiteral("AWS_REGION"), QStringLiteral("eu-central-1"));
        ConnectionCatalog catalog = ConnectionCatalog::load(home.env());
        QCOMPARE(catalog.entries().size(), 1);
        const ConnectionCatalogEntry entry = catalog.entries().first();
        QCOMPARE(entry.kind, ConnectionInfo::Kind::Environment);
        QVERIFY(entry.name.isEmpty());
        QCOMPARE(entry.displayName, QStringLiteral("Environment credentials"));
        QCOMPARE(entry.region, QStringLiteral("eu-central-1"));
        QVERIFY(!entry.isBroken());

        // Half a pair is listed as broken (the chain would refuse it), not silently skipped.
        home.env().remove(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
        catalog = ConnectionCatalog::load(home.env());
        QCOMPARE(catalog.entries().size(), 1);
        QVERIFY(catalog.entries().first().isBroken());
        QVERIFY2(catalog.entries().first().note.contains(QStringLiteral("AWS_SECRET_ACCESS_KEY")),
                 qPrintable(catalog.entries().first().note));
    }

    void noConfigurationMeansNoEntries()
    {
        AwsHome home;
        const ConnectionCatalog catalog = ConnectionCatalog::load(home.env());
        QVERIFY(catalog.entries().isEmpty());
        QVERIFY(catalog.configError().isEmpty());
    }

    void regionTableMatchesTheReference()
    {
        const QString path = QStringLiteral(FLOWDESK_SHARED_DIR "/reference/appflow/endpoints-appflow.json");
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly),
                 qPrintable(QStringLiteral("The shared reference %1 is missing: %2 (clone shared/ "
                                           "beside the repository)").arg(path, file.errorString())));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
        QVERIFY2(document.isObject(), qPrintable(error.errorString()));
        QStringList reference;
        for (const QJsonValue &value : document.object().value(QStringLiteral("regions")).toArray())
            reference << value.toString();
        QVERIFY(reference.size() >= 16);
        reference.sort();
        QCOMPARE(ConnectionCatalog::appFlowRegions(), reference);
        for (const QString &region : reference)
            QVERIFY(ConnectionCatalog::isAppFlowRegion(region));
        QVERIFY(!ConnectionCatalog::isAppFlowRegion(QStringLiteral("fips-us-east-1")));
        QVERIFY(!ConnectionCatalog::isAppFlowRegion(QStringLiteral("eu-north-1")));
        QVERIFY(!ConnectionCatalog::isAppFlowRegion({}));
    }
};

QTEST_GUILESS_MAIN(TstConnectionCatalog)
#include "tst_connectioncatalog.moc"
