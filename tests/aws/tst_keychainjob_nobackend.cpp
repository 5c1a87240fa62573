// Without a Secret Service (no D-Bus session bus to reach one), a keychain job must fail with a
// message that names what is missing and what to run — not hang and not fall back to storing
// the secret in a plain file. The bus address is pointed at nowhere before Qt starts.
#include "KeychainJob.h"

#include <QElapsedTimer>
#include <QtTest>

using flowdesk::aws::KeychainJob;
using flowdesk::aws::KeychainResult;

class TstKeychainJobNoBackend : public QObject
{
    Q_OBJECT

private slots:
    void missingSecretServiceIsNamed_data()
    {
        QTest::addColumn<int>("operation");
        QTest::newRow("read") << 0;
        QTest::newRow("write") << 1;
    }

    void missingSecretServiceIsNamed()
    {
        QFETCH(int, operation);
        KeychainJob *job = operation == 0
            ? KeychainJob::read(QStringLiteral("Flowdesk-test"), QStringLiteral("test/nobackend"))
            : KeychainJob::write(QStringLiteral("Flowdesk-test"), QStringLiteral("test/nobackend"),
                                 QByteArrayLiteral("not-stored"));
        KeychainResult result;
        bool done = false;
        QObject::connect(job, &KeychainJob::finished, [&](const KeychainResult &r) {
            result = r;
            done = true;
        });
        job->start();
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        QVERIFY(result.status != KeychainResult::Status::Ok);
        QVERIFY2(result.errorMessage.contains(QStringLiteral("Secret Service")), qPrintable(result.errorMessage));
        QVERIFY2(result.errorMessage.contains(QStringLiteral("gnome-keyring")), qPrintable(result.errorMessage));
    }
};

int main(int argc, char *argv[])
{
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/flowdesk-no-bus");
    QCoreApplication app(argc, argv);
    TstKeychainJobNoBackend test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keychainjob_nobackend.moc"
