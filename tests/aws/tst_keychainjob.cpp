// Talks to the real Secret Service that `./dev test` starts (gnome-keyring in a private D-Bus
// session): nothing here is mocked.
#include "KeychainJob.h"

#include <QSignalSpy>
#include <QUuid>
#include <QtTest>

using flowdesk::aws::KeychainJob;
using flowdesk::aws::KeychainResult;

class TstKeychainJob : public QObject
{
    Q_OBJECT

private:
    const QString m_service = QStringLiteral("Flowdesk-test");

    static KeychainResult finish(KeychainJob *job)
    {
        KeychainResult result;
        bool done = false;
        QObject::connect(job, &KeychainJob::finished, [&](const KeychainResult &r) {
            result = r;
            done = true;
        });
        job->start();
        // QTRY_* cannot return a value from a helper, so wait explicitly (test code only).
        QElapsedTimer timer;
        timer.start();
        while (!done && timer.elapsed() < 20000)
            QTest::qWait(20);
        if (!done)
            result.errorMessage = QStringLiteral("keychain job did not finish in 20 s");
        return result;
    }

    QString uniqueKey() const
    {
        return QStringLiteral("test/") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    }

private slots:
    void initTestCase()
    {
        if (!qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"))
            QFAIL("No D-Bus session: run the tests through `./dev test`, which starts one with "
                  "an unlocked gnome-keyring.");
    }

    void writeReadDeleteRoundTrip()
    {
        const QString key = uniqueKey();
        const QByteArray secret = QByteArrayLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\x01\xff");

        KeychainResult written = finish(KeychainJob::write(m_service, key, secret));
        QVERIFY2(written.ok(), qPrintable(written.errorMessage));

        KeychainResult read = finish(KeychainJob::read(m_service, key));
        QVERIFY2(read.ok(), qPrintable(read.errorMessage));
        QCOMPARE(read.secret, secret);

        KeychainResult removed = finish(KeychainJob::remove(m_service, key));
        QVERIFY2(removed.ok(), qPrintable(removed.errorMessage));

        KeychainResult gone = finish(KeychainJob::read(m_service, key));
        QCOMPARE(gone.status, KeychainResult::Status::NotFound);
        QVERIFY(gone.secret.isEmpty());
    }

    void overwriteReplacesSecret()
    {
        const QString key = uniqueKey();
        QVERIFY(finish(KeychainJob::write(m_service, key, "first")).ok());
        QVERIFY(finish(KeychainJob::write(m_service, key, "second")).ok());
        QCOMPARE(finish(KeychainJob::read(m_service, key)).secret, QByteArray("second"));
        QVERIFY(finish(KeychainJob::remove(m_service, key)).ok());
    }

    void readingNothingIsNotFound()
    {
        const KeychainResult result = finish(KeychainJob::read(m_service, uniqueKey()));
        QCOMPARE(result.status, KeychainResult::Status::NotFound);
    }

    void deletingNothingSucceeds()
    {
        QVERIFY(finish(KeychainJob::remove(m_service, uniqueKey())).ok());
    }

    void jobDeletesItself()
    {
        QPointer<KeychainJob> job = KeychainJob::read(m_service, uniqueKey());
        finish(job);
        QTRY_VERIFY(job.isNull());
    }
};

QTEST_GUILESS_MAIN(TstKeychainJob)
#include "tst_keychainjob.moc"
