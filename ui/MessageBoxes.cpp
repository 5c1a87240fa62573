#include "MessageBoxes.h"

#include <QPointer>
#include <QTimer>

namespace flowdesk {

namespace {
std::optional<QMessageBox::StandardButton> g_nextAnswer;
QString g_lastText;
} // namespace

void MessageBoxes::setNextAnswer(QMessageBox::StandardButton answer)
{
    g_nextAnswer = answer;
}

QString MessageBoxes::lastText()
{
    return g_lastText;
}

void MessageBoxes::question(QWidget *parent, const QString &title, const QString &text,
                            QMessageBox::StandardButtons buttons,
                            QMessageBox::StandardButton defaultButton, Callback callback)
{
    show(parent, QMessageBox::Question, title, text, buttons, defaultButton, std::move(callback));
}

void MessageBoxes::warning(QWidget *parent, const QString &title, const QString &text,
                           Callback callback)
{
    show(parent, QMessageBox::Warning, title, text, QMessageBox::Ok, QMessageBox::Ok,
         std::move(callback));
}

void MessageBoxes::information(QWidget *parent, const QString &title, const QString &text,
                               Callback callback)
{
    show(parent, QMessageBox::Information, title, text, QMessageBox::Ok, QMessageBox::Ok,
         std::move(callback));
}

void MessageBoxes::show(QWidget *parent, QMessageBox::Icon icon, const QString &title,
                        const QString &text, QMessageBox::StandardButtons buttons,
                        QMessageBox::StandardButton defaultButton, Callback callback)
{
    g_lastText = text;
    if (g_nextAnswer) {
        const QMessageBox::StandardButton answer = *g_nextAnswer;
        g_nextAnswer.reset();
        // Answer from the event loop, as a real box would: callers must not rely on the
        // callback having run before show() returns.
        QTimer::singleShot(0, parent, [callback = std::move(callback), answer] {
            if (callback)
                callback(answer);
        });
        return;
    }
    auto *box = new QMessageBox(icon, title, text, buttons, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(defaultButton);
    QObject::connect(box, &QMessageBox::finished, box, [box, callback = std::move(callback)](int) {
        if (callback)
            callback(box->standardButton(box->clickedButton()));
    });
    box->open();
}

} // namespace flowdesk
