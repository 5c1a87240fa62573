// The Preferences dialog on real widgets: fields show what was saved, OK emits what was typed,
// the result survives a QSettings round trip, and a wrong proxy is explained in place.
// applyProxy() is checked against Qt's process-wide proxy state.
#include "Preferences.h"
#include "PreferencesDialog.h"
#include "Translations.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using flowdesk::Preferences;
using flowdesk::PreferencesDialog;

Q_DECLARE_METATYPE(flowdesk::Preferences)

namespace {

template<typename T>
T *child(QWidget *dialog, const char *name)
{
    auto *widget = dialog->findChild<T *>(QLatin1String(name));
    if (!widget)
        qWarning("no child %s", name);
    return widget;
}

// Replaces a field's text as a user would: select all, type.
void retype(QWidget *field, const QString &text)
{
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    if (text.isEmpty())
        QTest::keyClick(field, Qt::Key_Delete);
    else
        QTest::keyClicks(field, text);
}

// On the indicator, where a user clicks: a check box or radio button reacts to clicks on its
// indicator and label only, not on the empty rest of its row.
void clickIndicator(QAbstractButton *button)
{
    QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(8, button->height() / 2));
}

void clickOk(QWidget *dialog)
{
    QTest::mouseClick(child<QDialogButtonBox>(dialog, "preferencesButtonBox")->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
}

} // namespace

class TstPreferencesDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        flowdesk::installTranslations();
        qRegisterMetaType<Preferences>();
        QVERIFY(m_dir.isValid());
    }

    void cleanup()
    {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }

    void defaultsAreSafe()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("empty.ini")), QSettings::IniFormat);
        const Preferences loaded = Preferences::load(settings);
        QCOMPARE(loaded, Preferences());
        QVERIFY(loaded.requireTypedConfirmation);
        QVERIFY(loaded.useSystemProxy);
        QCOMPARE(loaded.autoRefreshSeconds, 10);
    }

    void roundTripsThroughSettings()
    {
        const QString path = m_dir.filePath(QStringLiteral("roundtrip.ini"));
        Preferences saved;
        saved.autoRefreshSeconds = 20;
        {
            QSettings settings(path, QSettings::IniFormat);
            saved.save(settings);
        }
        QSettings settings(path, QSettings::IniFormat);
        QPointer<PreferencesDialog> dialog = new PreferencesDialog(Preferences::load(settings));
        QSignalSpy changed(dialog.data(), &PreferencesDialog::preferencesChanged);
        dialog->open();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));

        // The fields show what was saved.
        auto *language = child<QComboBox>(dialog, "languageComboBox");
        QCOMPARE(language->currentData().toString(), QStringLiteral("system"));
        auto *autoRefresh = child<QSpinBox>(dialog, "autoRefreshSpinBox");
        QCOMPARE(autoRefresh->value(), 20);
        QCOMPARE(autoRefresh->text(), QStringLiteral("20 s"));
        QCOMPARE(child<QSpinBox>(dialog, "requestTimeoutSpinBox")->value(), 30);
        QCOMPARE(child<QSpinBox>(dialog, "concurrencySpinBox")->value(), 8);
        QVERIFY(child<QCheckBox>(dialog, "typedConfirmationCheckBox")->isChecked());
        QVERIFY(child<QRadioButton>(dialog, "systemProxyRadioButton")->isChecked());
        QVERIFY(!child<QLineEdit>(dialog, "proxyHostLineEdit")->isEnabled());

        // Change everything with the keyboard and the mouse.
        QCOMPARE(QApplication::focusWidget(), language); // the first field has the focus
        QTest::keyClick(language, Qt::Key_End); // the last language: Deutsch
        QCOMPARE(language->currentText(), QStringLiteral("Deutsch"));
        retype(autoRefresh, QStringLiteral("0"));
        QCOMPARE(autoRefresh->value(), 0);
        retype(child<QSpinBox>(dialog, "requestTimeoutSpinBox"), QStringLiteral("45"));
        retype(child<QSpinBox>(dialog, "concurrencySpinBox"), QStringLiteral("4"));
        clickIndicator(child<QCheckBox>(dialog, "typedConfirmationCheckBox"));
        clickIndicator(child<QRadioButton>(dialog, "manualProxyRadioButton"));
        QVERIFY(child<QLineEdit>(dialog, "proxyHostLineEdit")->isEnabled());
        retype(child<QLineEdit>(dialog, "proxyHostLineEdit"), QStringLiteral("proxy.corp.example"));
        retype(child<QLineEdit>(dialog, "proxyPortLineEdit"), QStringLiteral("3128"));

        clickOk(dialog);
        QCOMPARE(changed.count(), 1);
        QTRY_VERIFY(dialog.isNull()); // closed and deleted itself

        Preferences expected;
        expected.language = QStringLiteral("de");
        expected.autoRefreshSeconds = 0;
        expected.requestTimeoutSeconds = 45;
        expected.maxConcurrentRequests = 4;
        expected.requireTypedConfirmation = false;
        expected.useSystemProxy = false;
        expected.proxyHost = QStringLiteral("proxy.corp.example");
        expected.proxyPort = 3128;
        const auto emitted = changed.at(0).at(0).value<Preferences>();
        QCOMPARE(emitted, expected);

        // As the main window does with it: save, then read back in a fresh QSettings.
        emitted.save(settings);
        settings.sync();
        QCOMPARE(settings.status(), QSettings::NoError);
        QSettings reread(path, QSettings::IniFormat);
        QCOMPARE(Preferences::load(reread), expected);
    }

    // The language chosen decides the next start (startupUiLanguage reads the same key), unless
    // FLOWDESK_LANGUAGE says otherwise; a value no build knows reads as the system's language.
    void languageChoiceDecidesTheNextStart()
    {
        const QString path = m_dir.filePath(QStringLiteral("language.ini"));
        QSettings settings(path, QSettings::IniFormat);
        Preferences chosen;
        chosen.language = QStringLiteral("de");
        chosen.save(settings);
        const QByteArray environment = qgetenv("FLOWDESK_LANGUAGE");
        qunsetenv("FLOWDESK_LANGUAGE");
        const auto restore = qScopeGuard([&] { qputenv("FLOWDESK_LANGUAGE", environment); });
        QCOMPARE(flowdesk::startupUiLanguage(settings), flowdesk::UiLanguage::German);
        qputenv("FLOWDESK_LANGUAGE", "en");
        QCOMPARE(flowdesk::startupUiLanguage(settings), flowdesk::UiLanguage::English);
        qunsetenv("FLOWDESK_LANGUAGE");
        settings.setValue(QStringLiteral("preferences/language"), QStringLiteral("fr"));
        QCOMPARE(Preferences::load(settings).language, QStringLiteral("system"));
        QCOMPARE(flowdesk::startupUiLanguage(settings), flowdesk::UiLanguage::System);
    }

    void rejectsAnIncompleteProxyInPlace_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("port");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("focused");
        QTest::newRow("no host") << QString() << QStringLiteral("3128")
                                 << QStringLiteral("host name or IP address") << QStringLiteral("proxyHostLineEdit");
        QTest::newRow("scheme") << QStringLiteral("http://proxy:3128") << QStringLiteral("3128")
                                << QStringLiteral("without “http://”") << QStringLiteral("proxyHostLineEdit");
        QTest::newRow("space") << QStringLiteral("proxy corp") << QStringLiteral("3128")
                               << QStringLiteral("cannot contain spaces") << QStringLiteral("proxyHostLineEdit");
        QTest::newRow("no port") << QStringLiteral("proxy") << QString()
                                 << QStringLiteral("from 1 to 65535") << QStringLiteral("proxyPortLineEdit");
        QTest::newRow("port 0") << QStringLiteral("proxy") << QStringLiteral("0")
                                << QStringLiteral("from 1 to 65535") << QStringLiteral("proxyPortLineEdit");
        QTest::newRow("port too big") << QStringLiteral("proxy") << QStringLiteral("65536")
                                      << QStringLiteral("from 1 to 65535") << QStringLiteral("proxyPortLineEdit");
    }

    void rejectsAnIncompleteProxyInPlace()
    {
        QFETCH(QString, host);
        QFETCH(QString, port);
        QFETCH(QString, message);
        QFETCH(QString, focused);

        QPointer<PreferencesDialog> dialog = new PreferencesDialog(Preferences());
        QSignalSpy changed(dialog.data(), &PreferencesDialog::preferencesChanged);
        dialog->open();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        clickIndicator(child<QRadioButton>(dialog, "manualProxyRadioButton"));
        retype(child<QLineEdit>(dialog, "proxyHostLineEdit"), host);
        retype(child<QLineEdit>(dialog, "proxyPortLineEdit"), port);
        auto *error = child<QLabel>(dialog, "proxyErrorLabel");
        QVERIFY(!error->isVisible());

        clickOk(dialog);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible()); // stays open
        QCOMPARE(changed.count(), 0);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(message), qPrintable(error->text()));
        QTRY_COMPARE(QApplication::focusWidget()->objectName(), focused);

        // Typing clears the message; choosing the system proxy makes OK work again.
        QTest::keyClicks(child<QLineEdit>(dialog, "proxyHostLineEdit"), QStringLiteral("x"));
        QVERIFY(!error->isVisible());
        clickIndicator(child<QRadioButton>(dialog, "systemProxyRadioButton"));
        clickOk(dialog);
        QCOMPARE(changed.count(), 1);
        QVERIFY(changed.at(0).at(0).value<Preferences>().useSystemProxy);
        QTRY_VERIFY(dialog.isNull());
    }

    void cancelChangesNothing()
    {
        QPointer<PreferencesDialog> dialog = new PreferencesDialog(Preferences());
        QSignalSpy changed(dialog.data(), &PreferencesDialog::preferencesChanged);
        dialog->open();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        retype(child<QSpinBox>(dialog, "concurrencySpinBox"), QStringLiteral("2"));
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(dialog.isNull());
        QCOMPARE(changed.count(), 0);
    }

    void restoreDefaultsResetsTheFields()
    {
        Preferences custom;
        custom.autoRefreshSeconds = 60;
        custom.requireTypedConfirmation = false;
        custom.useSystemProxy = false;
        custom.proxyHost = QStringLiteral("proxy");
        custom.proxyPort = 8080;
        QPointer<PreferencesDialog> dialog = new PreferencesDialog(custom);
        dialog->open();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QCOMPARE(dialog->preferences(), custom);
        QCOMPARE(child<QSpinBox>(dialog, "autoRefreshSpinBox")->text(), QStringLiteral("60 s"));
        QCOMPARE(child<QLineEdit>(dialog, "proxyPortLineEdit")->text(), QStringLiteral("8080"));
        QTest::mouseClick(child<QDialogButtonBox>(dialog, "preferencesButtonBox")
                              ->button(QDialogButtonBox::RestoreDefaults),
                          Qt::LeftButton);
        QCOMPARE(dialog->preferences(), Preferences());
        QVERIFY(!child<QLineEdit>(dialog, "proxyHostLineEdit")->isEnabled());
        child<QSpinBox>(dialog, "autoRefreshSpinBox")->setValue(0);
        QCOMPARE(child<QSpinBox>(dialog, "autoRefreshSpinBox")->text(), QStringLiteral("Off"));
        dialog->close();
    }

    void settingsOutOfRangeAreClamped()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("edited.ini")), QSettings::IniFormat);
        settings.setValue(QStringLiteral("preferences/autoRefreshSeconds"), -5);
        settings.setValue(QStringLiteral("preferences/requestTimeoutSeconds"), 100000);
        settings.setValue(QStringLiteral("preferences/maxConcurrentRequests"), 0);
        settings.setValue(QStringLiteral("preferences/proxyPort"), 70000);
        const Preferences loaded = Preferences::load(settings);
        QCOMPARE(loaded.autoRefreshSeconds, 0);
        QCOMPARE(loaded.requestTimeoutSeconds, Preferences::maxRequestTimeoutSeconds);
        QCOMPARE(loaded.maxConcurrentRequests, 1);
        QCOMPARE(loaded.proxyPort, 65535);
    }

    void applyProxySetsTheProcessProxy()
    {
        Preferences manual;
        manual.useSystemProxy = false;
        manual.proxyHost = QStringLiteral("proxy.corp.example");
        manual.proxyPort = 3128;
        flowdesk::applyProxy(manual);
        QVERIFY(!QNetworkProxyFactory::usesSystemConfiguration());
        const QNetworkProxy proxy = QNetworkProxy::applicationProxy();
        QCOMPARE(proxy.type(), QNetworkProxy::HttpProxy);
        QCOMPARE(proxy.hostName(), QStringLiteral("proxy.corp.example"));
        QCOMPARE(proxy.port(), quint16(3128));
        // Loopback (demo mode, the simulator) is never proxied.
        const auto local = QNetworkProxyFactory::proxyForQuery(
            QNetworkProxyQuery(QUrl(QStringLiteral("http://127.0.0.1:4566/flows"))));
        QVERIFY(!local.isEmpty());
        QCOMPARE(local.first().type(), QNetworkProxy::NoProxy);
        const auto remote = QNetworkProxyFactory::proxyForQuery(
            QNetworkProxyQuery(QUrl(QStringLiteral("https://appflow.eu-west-1.amazonaws.com/"))));
        QVERIFY(!remote.isEmpty());
        QCOMPARE(remote.first().hostName(), QStringLiteral("proxy.corp.example"));

        flowdesk::applyProxy(Preferences());
        QVERIFY(QNetworkProxyFactory::usesSystemConfiguration());
        QVERIFY(QNetworkProxy::applicationProxy().hostName() != QStringLiteral("proxy.corp.example"));

        // A hand-edited settings file with a manual proxy but no port: the system settings.
        flowdesk::applyProxy(manual);
        Preferences broken = manual;
        broken.proxyPort = 0;
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("no host or port")));
        flowdesk::applyProxy(broken);
        QVERIFY(QNetworkProxyFactory::usesSystemConfiguration());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TstPreferencesDialog)
#include "tst_preferencesdialog.moc"
