// The MFA prompt on real widgets, reached through WidgetMfaPrompter as the credential chain
// reaches it: only six digits pass, the callback gets the code, and every other way out
// (Cancel, Escape, the dialog destroyed with its window) answers exactly once with "".
#include "MfaPromptDialog.h"
#include "WidgetMfaPrompter.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QtTest>

#include <optional>

using flowdesk::MfaPromptDialog;
using flowdesk::WidgetMfaPrompter;

namespace {

const QString kSerial = QStringLiteral("arn:aws:iam::123456789012:mfa/ops-phone");
const QString kRole = QStringLiteral("arn:aws:iam::123456789012:role/flow-operator");

MfaPromptDialog *openDialog()
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        auto *dialog = qobject_cast<MfaPromptDialog *>(widget);
        if (dialog && dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

template<typename T>
T *child(QWidget *dialog, const char *name)
{
    auto *widget = dialog->findChild<T *>(QLatin1String(name));
    if (!widget)
        qWarning("no child %s", name);
    return widget;
}

void clickContinue(QWidget *dialog)
{
    QTest::mouseClick(child<QDialogButtonBox>(dialog, "mfaButtonBox")->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
}

} // namespace

class TstMfaPromptDialog : public QObject
{
    Q_OBJECT

private:
    struct Answer {
        int calls = 0;
        QString code;
    };

    // Asks as the core does; the answer lands in `answer`.
    static void ask(WidgetMfaPrompter &prompter, std::shared_ptr<Answer> answer)
    {
        prompter.requestMfaCode(kSerial, kRole, QStringLiteral("prod-admin"),
                                [answer](const QString &code) {
                                    ++answer->calls;
                                    answer->code = code;
                                });
    }

private slots:
    void cleanup()
    {
        // A failed check must not leave its dialog in the way of the next test.
        while (MfaPromptDialog *dialog = openDialog()) {
            dialog->reject();
            QTest::qWait(1);
        }
    }

    void namesWhatTheCodeIsFor()
    {
        WidgetMfaPrompter prompter;
        auto answer = std::make_shared<Answer>();
        ask(prompter, answer);
        QPointer<MfaPromptDialog> dialog = openDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->windowTitle().contains(QStringLiteral("prod-admin")));
        QCOMPARE(child<QLabel>(dialog, "mfaDeviceLabel")->text(), kSerial);
        QCOMPARE(child<QLabel>(dialog, "mfaRoleLabel")->text(), kRole);
        QVERIFY(child<QLabel>(dialog, "mfaIntroLabel")->text().contains(QStringLiteral("prod-admin")));
        QCOMPARE(dialog->focusWidget(), child<QLineEdit>(dialog, "mfaCodeLineEdit"));
        dialog->reject();
        QTRY_COMPARE(answer->calls, 1);
    }

    void onlySixDigitsPass()
    {
        WidgetMfaPrompter prompter;
        auto answer = std::make_shared<Answer>();
        ask(prompter, answer);
        QPointer<MfaPromptDialog> dialog = openDialog();
        QVERIFY(dialog);
        auto *edit = child<QLineEdit>(dialog, "mfaCodeLineEdit");
        auto *error = child<QLabel>(dialog, "mfaErrorLabel");

        clickContinue(dialog); // nothing typed
        QVERIFY(dialog->isVisible());
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("6-digit")), qPrintable(error->text()));

        QTest::keyClicks(edit, QStringLiteral("12a34b5")); // letters cannot be typed
        QCOMPARE(edit->text(), QStringLiteral("12345"));
        QVERIFY(!error->isVisible()); // typing clears the old message
        clickContinue(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("this one has 5")), qPrintable(error->text()));

        QTest::keyClicks(edit, QStringLiteral("67")); // a seventh digit is refused
        QCOMPARE(edit->text(), QStringLiteral("123456"));
        QCOMPARE(answer->calls, 0);
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_COMPARE(answer->calls, 1);
        QCOMPARE(answer->code, QStringLiteral("123456"));
        QTRY_VERIFY(!dialog); // deleted on close
        QTest::qWait(20);
        QCOMPARE(answer->calls, 1); // the destruction does not answer a second time
    }

    void spacesFromAuthenticatorAppsAreIgnored()
    {
        WidgetMfaPrompter prompter;
        auto answer = std::make_shared<Answer>();
        ask(prompter, answer);
        MfaPromptDialog *dialog = openDialog();
        QVERIFY(dialog);
        QTest::keyClicks(child<QLineEdit>(dialog, "mfaCodeLineEdit"), QStringLiteral("987 654"));
        clickContinue(dialog);
        QTRY_COMPARE(answer->calls, 1);
        QCOMPARE(answer->code, QStringLiteral("987654"));
    }

    void cancelAndEscapeGiveEmpty()
    {
        WidgetMfaPrompter prompter;
        auto cancelled = std::make_shared<Answer>();
        ask(prompter, cancelled);
        MfaPromptDialog *dialog = openDialog();
        QVERIFY(dialog);
        QTest::keyClicks(child<QLineEdit>(dialog, "mfaCodeLineEdit"), QStringLiteral("123456"));
        QTest::mouseClick(child<QDialogButtonBox>(dialog, "mfaButtonBox")->button(QDialogButtonBox::Cancel),
                          Qt::LeftButton);
        QTRY_COMPARE(cancelled->calls, 1);
        QCOMPARE(cancelled->code, QString());
        QVERIFY(cancelled->code.isEmpty());

        auto escaped = std::make_shared<Answer>();
        ask(prompter, escaped);
        QTRY_VERIFY(openDialog());
        dialog = openDialog();
        QTest::keyClick(child<QLineEdit>(dialog, "mfaCodeLineEdit"), Qt::Key_Escape);
        QTRY_COMPARE(escaped->calls, 1);
        QVERIFY(escaped->code.isEmpty());
    }

    void destroyedUnansweredGivesEmptyOnce()
    {
        auto *window = new QWidget;
        window->show();
        WidgetMfaPrompter prompter(window);
        auto answer = std::make_shared<Answer>();
        ask(prompter, answer);
        QPointer<MfaPromptDialog> dialog = window->findChild<MfaPromptDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->windowModality(), Qt::WindowModal); // open(): the app keeps running
        delete window; // the main window closes while the prompt is open
        QVERIFY(!dialog);
        QCOMPARE(answer->calls, 1);
        QVERIFY(answer->code.isEmpty());
        // A prompter whose window is gone still answers (the dialog then has no parent).
        auto later = std::make_shared<Answer>();
        ask(prompter, later);
        QTRY_VERIFY(openDialog());
        openDialog()->reject();
        QTRY_COMPARE(later->calls, 1);
    }
};

QTEST_MAIN(TstMfaPromptDialog)
#include "tst_mfapromptdialog.moc"
