// The Connections sidebar on real widgets, reading real-format AWS CLI files from a temporary
// folder (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE).
#include "ConnectionCatalogTree.h"
#include "ConnectionsSidebar.h"
#include "Translations.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using flowdesk::ConnectionsSidebar;
using flowdesk::models::ConnectionChoice;
using Kind = flowdesk::models::ConnectionInfo::Kind;

class TstConnectionsSidebar : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    void writeFile(const QString &name, const QByteArray &content)
    {
        QFile file(m_dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }

    QTreeWidgetItem *item(ConnectionsSidebar &sidebar, const QString &text)
    {
        const auto found = sidebar.tree()->findItems(text, Qt::MatchExactly | Qt::MatchRecursive);
        return found.isEmpty() ? nullptr : found.first();
    }

    // The sidebar reads the files off the UI thread; wait for the list asked for last.
    static bool waitForList(ConnectionsSidebar &sidebar)
    {
        return QTest::qWaitFor([&] { return !sidebar.isLoading(); }, 20000);
    }

private slots:
    void initTestCase()
    {
        flowdesk::installTranslations();
        QVERIFY(m_dir.isValid());
        writeFile(QStringLiteral("config"),
                  "[default]\nregion = eu-west-1\n\n[profile prod]\nregion = ap-northeast-1\n\n"
                  "[profile broken]\nrole_arn = arn:aws:iam::123456789012:role/x\n");
        writeFile(QStringLiteral("credentials"),
                  "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n\n"
                  "[prod]\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\naws_secret_access_key = y\n");
        qputenv("AWS_CONFIG_FILE", m_dir.filePath(QStringLiteral("config")).toLocal8Bit());
        qputenv("AWS_SHARED_CREDENTIALS_FILE", m_dir.filePath(QStringLiteral("credentials")).toLocal8Bit());
        for (const char *name : {"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
                                 "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"})
            qunsetenv(name);
    }

    // Profiles and the demo are listed; the AWS CLI's default profile is selected and the
    // region follows it; Open emits the choice; a broken profile says why and cannot be opened.
    void listsOpensAndExplains()
    {
        ConnectionsSidebar sidebar;
        sidebar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&sidebar));
        QVERIFY(waitForList(sidebar));
        QVERIFY(item(sidebar, QStringLiteral("default")));
        QVERIFY(item(sidebar, QStringLiteral("prod")));
        QVERIFY(item(sidebar, QStringLiteral("Built-in simulator")));
        auto *region = sidebar.findChild<QComboBox *>(QStringLiteral("sidebarRegionComboBox"));
        auto *open = sidebar.findChild<QPushButton *>(QStringLiteral("sidebarOpenButton"));
        QCOMPARE(sidebar.tree()->currentItem(), item(sidebar, QStringLiteral("default")));
        QCOMPARE(region->currentText(), QStringLiteral("eu-west-1"));

        sidebar.tree()->setCurrentItem(item(sidebar, QStringLiteral("prod")));
        QCOMPARE(region->currentText(), QStringLiteral("ap-northeast-1"));
        region->setCurrentText(QStringLiteral("us-west-2")); // the picker overrides the default
        QSignalSpy chosen(&sidebar, &ConnectionsSidebar::connectionChosen);
        QTest::mouseClick(open, Qt::LeftButton);
        QCOMPARE(chosen.size(), 1);
        const auto choice = chosen.first().first().value<ConnectionChoice>();
        QCOMPARE(choice.kind, Kind::Profile);
        QCOMPARE(choice.name, QStringLiteral("prod"));
        QCOMPARE(choice.region, QStringLiteral("us-west-2"));
        QVERIFY(choice.endpoint.isEmpty());

        // Double-click opens too (itemActivated).
        sidebar.tree()->setCurrentItem(item(sidebar, QStringLiteral("Built-in simulator")));
        emit sidebar.tree()->itemActivated(sidebar.tree()->currentItem(), 0);
        QCOMPARE(chosen.size(), 2);
        QCOMPARE(chosen.last().first().value<ConnectionChoice>().kind, Kind::Demo);

        sidebar.tree()->setCurrentItem(item(sidebar, QStringLiteral("broken")));
        QVERIFY(!open->isEnabled());
        QVERIFY(!sidebar.findChild<QLabel *>(QStringLiteral("sidebarNoteLabel"))->text().isEmpty());
        QVERIFY(!sidebar.choice());
    }

    // The sidebar is there before the profiles are read: the demo is listed and the profiles'
    // group says it is loading; when the list comes, a choice made meanwhile is kept, and
    // otherwise the AWS CLI's default profile is selected.
    void opensBeforeTheProfilesAreRead()
    {
        {
            ConnectionsSidebar sidebar;
            // No event has been processed yet, so the list cannot have been delivered.
            QVERIFY(sidebar.isLoading());
            QVERIFY(item(sidebar, QStringLiteral("Loading profiles…")));
            QVERIFY(item(sidebar, QStringLiteral("Built-in simulator")));
            QVERIFY(!item(sidebar, QStringLiteral("default")));
            QVERIFY(!sidebar.choice());
            QSignalSpy loaded(&sidebar, &ConnectionsSidebar::catalogLoaded);
            QVERIFY(loaded.wait(20000));
            QCOMPARE(loaded.size(), 1);
            QVERIFY(!item(sidebar, QStringLiteral("Loading profiles…")));
            QCOMPARE(sidebar.tree()->currentItem(), item(sidebar, QStringLiteral("default")));
        }
        ConnectionsSidebar sidebar;
        sidebar.tree()->setCurrentItem(item(sidebar, QStringLiteral("Built-in simulator")));
        QVERIFY(waitForList(sidebar));
        QVERIFY(item(sidebar, QStringLiteral("prod")));
        QCOMPARE(sidebar.tree()->currentItem(), item(sidebar, QStringLiteral("Built-in simulator")));
        QCOMPARE(sidebar.choice()->kind, Kind::Demo);
    }

    // Open connections are shown in bold, and only those.
    void marksOpenConnections()
    {
        ConnectionsSidebar sidebar;
        sidebar.setOpenConnections({{Kind::Profile, QStringLiteral("prod")}});
        QVERIFY(waitForList(sidebar));
        QVERIFY(item(sidebar, QStringLiteral("prod"))->font(0).bold());
        QVERIFY(!item(sidebar, QStringLiteral("default"))->font(0).bold());
        QSignalSpy loaded(&sidebar, &ConnectionsSidebar::catalogLoaded);
        sidebar.reload(); // the marks survive a reload of the files
        QVERIFY(loaded.wait(20000));
        QVERIFY(item(sidebar, QStringLiteral("prod"))->font(0).bold());
        sidebar.setOpenConnections({});
        QVERIFY(!item(sidebar, QStringLiteral("prod"))->font(0).bold());
    }
};

QTEST_MAIN(TstConnectionsSidebar)
#include "tst_connectionssidebar.moc"
