#pragma once

#include <QMessageBox>

#include <functional>
#include <optional>

namespace flowdesk {

// Every message box in Flowdesk goes through here, so a test can answer one before it is shown
// (setNextAnswer) instead of fighting a modal window. Boxes are opened with open(), never
// exec(): the answer arrives through the callback and the event loop keeps running.
class MessageBoxes
{
public:
    using Callback = std::function<void(QMessageBox::StandardButton)>;

    static void question(QWidget *parent, const QString &title, const QString &text,
                         QMessageBox::StandardButtons buttons,
                         QMessageBox::StandardButton defaultButton, Callback callback);
    static void warning(QWidget *parent, const QString &title, const QString &text,
                        Callback callback = {});
    static void information(QWidget *parent, const QString &title, const QString &text,
                            Callback callback = {});

    // Tests: the next box is not shown; its callback gets `answer` from the event loop.
    static void setNextAnswer(QMessageBox::StandardButton answer);
    // Tests: the text of the last box asked for (shown or pre-answered).
    static QString lastText();

private:
    static void show(QWidget *parent, QMessageBox::Icon icon, const QString &title,
                     const QString &text, QMessageBox::StandardButtons buttons,
                     QMessageBox::StandardButton defaultButton, Callback callback);
};

} // namespace flowdesk
