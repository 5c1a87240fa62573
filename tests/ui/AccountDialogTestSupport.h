#pragma once

// Shared by the account dialog tests: finding its widgets, typing into them as a user does,
// and a simulator on loopback whose keys the dialog can test against.
#include "AccountDialog.h"

#include <Simulator.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QUuid>
#include <QtTest>

#include <memory>

namespace flowdesk::test {

template<typename T>
T *child(QWidget *dialog, const char *name)
{
    auto *widget = dialog->findChild<T *>(QLatin1String(name));
    if (!widget)
        qWarning("no child %s", name);
    return widget;
}

// Replaces a field's text, then leaves it with Tab as a user would (which checks it).
inline void retype(QLineEdit *field, const QString &text)
{
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(field, Qt::Key_Delete);
    if (!text.isEmpty())
        QTest::keyClicks(field, text);
    QTest::keyClick(field, Qt::Key_Tab);
}

inline void showActive(QWidget *dialog)
{
    dialog->show();
    QApplication::setActiveWindow(dialog);
    QVERIFY(QTest::qWaitForWindowActive(dialog));
}

inline QPushButton *saveButton(QWidget *dialog)
{
    return child<QDialogButtonBox>(dialog, "accountButtonBox")->button(QDialogButtonBox::Save);
}

// The error line under a field, when it shows one; else empty.
inline QString shownError(QWidget *dialog, const char *name)
{
    auto *label = child<QLabel>(dialog, name);
    return label && label->isVisible() ? label->text() : QString();
}

inline std::unique_ptr<sim::Simulator> startSimulator()
{
    sim::SimulatorConfig config;
    config.secretAccessKey = QUuid::createUuid().toString(QUuid::Id128);
    auto simulator = std::make_unique<sim::Simulator>(config);
    if (!simulator->listen())
        qWarning("simulator did not start: %s", qPrintable(simulator->errorString()));
    return simulator;
}

// Fills every field for `simulator` (keys, its region, its loopback endpoint).
inline void fillForSimulator(QWidget *dialog, sim::Simulator &simulator, const QString &name,
                             const QString &secret)
{
    retype(child<QLineEdit>(dialog, "accountNameLineEdit"), name);
    retype(child<QLineEdit>(dialog, "accessKeyIdLineEdit"), simulator.credentials().accessKeyId);
    retype(child<QLineEdit>(dialog, "secretAccessKeyLineEdit"), secret);
    child<QComboBox>(dialog, "regionComboBox")->setCurrentText(simulator.config().region);
    retype(child<QLineEdit>(dialog, "endpointLineEdit"), simulator.url().toString());
}

} // namespace flowdesk::test
