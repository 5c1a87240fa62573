#include "CancelOutcomeView.h"

#include "ScreenFit.h"
#include "ToneTextDelegate.h"

#include "CancelController.h"
#include "CancelOutcomeModel.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
#include <QSet>
#include <QShortcut>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace flowdesk {

using models::CancelController;
using models::CancelOutcomeModel;

CancelOutcomeView::CancelOutcomeView(CancelController *controller, const QString &connectionLabel,
                                     QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_controller(controller)
    , m_summaryLabel(new QLabel(this))
    , m_view(new QTreeView(this))
    , m_retryButton(new QPushButton(this))
    , m_countdown(new QTimer(this))
{
    setObjectName(QStringLiteral("cancelOutcomeView"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Cancel results"));
    m_controller->setParent(this);

    auto *layout = new QVBoxLayout(this);
    auto *connection = new QLabel(tr("Connection: %1").arg(connectionLabel), this);
    layout->addWidget(connection);

    m_summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
    m_summaryLabel->setWordWrap(true);
    QFont bold = m_summaryLabel->font();
    bold.setBold(true);
    m_summaryLabel->setFont(bold);
    layout->addWidget(m_summaryLabel);

    m_view->setObjectName(QStringLiteral("outcomeTreeView"));
    m_view->setAccessibleDescription(tr("What became of each run: cancel started, not cancellable (and why), or failed"));
    m_view->setAccessibleName(tr("Cancel results per run"));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setModel(m_controller->outcomes());
    m_view->setItemDelegate(new ToneTextDelegate(m_view));
    m_view->header()->setStretchLastSection(true);
    m_view->setColumnWidth(CancelOutcomeModel::FlowColumn, 190);
    m_view->setColumnWidth(CancelOutcomeModel::ExecutionIdColumn, 280);
    m_view->setColumnWidth(CancelOutcomeModel::ResultColumn, 120);
    m_view->setColumnWidth(CancelOutcomeModel::StatusColumn, 120);
    layout->addWidget(m_view, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setAccessibleDescription(
        tr("Close this window; the outcome stays in Cancel History"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QWidget::close);
    // Sends again, with a new audit intent, only what did not take effect.
    m_retryButton->setObjectName(QStringLiteral("retryButton"));
    m_retryButton->setToolTip(tr("Send the cancel again for the runs whose request failed, was "
                                 "not sent, or got no answer while the run is still in progress"));
    m_retryButton->hide();
    buttons->addButton(m_retryButton, QDialogButtonBox::ActionRole);
    connect(m_retryButton, &QPushButton::clicked, this, [this] { m_controller->retryFailed(); });
    layout->addWidget(buttons);
    m_countdown->setInterval(1000);
    connect(m_countdown, &QTimer::timeout, this, &CancelOutcomeView::updateSummary);

    CancelOutcomeModel *model = m_controller->outcomes();
    connect(model, &QAbstractItemModel::dataChanged, this, &CancelOutcomeView::updateSummary);
    connect(model, &QAbstractItemModel::rowsInserted, this, &CancelOutcomeView::updateSummary);
    connect(m_controller, &CancelController::requestsDone, this, &CancelOutcomeView::updateSummary);
    connect(m_controller, &CancelController::settled, this, &CancelOutcomeView::updateSummary);
    connect(m_controller, &CancelController::stateChanged, this, &CancelOutcomeView::updateSummary);
    updateSummary();
    // Wide enough for the Details column to name the AWS error, never wider than the screen.
    ScreenFit::resizeWithin(this, QSize(1120, 420));

    // Keyboard: Escape and Ctrl+W close it like any result window, and the focus is where it
    // can be seen: on the results, with the first row current and selected once it is listed.
    auto *closeShortcut = new QShortcut(this);
    QList<QKeySequence> closeKeys = QKeySequence::keyBindings(QKeySequence::Close);
    if (!closeKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_W)))
        closeKeys << QKeySequence(Qt::CTRL | Qt::Key_W);
    closeShortcut->setKeys(closeKeys << QKeySequence(Qt::Key_Escape));
    connect(closeShortcut, &QShortcut::activated, this, &QWidget::close);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_view->currentIndex().isValid())
            m_view->setCurrentIndex(m_view->model()->index(0, 0));
    });
    m_view->setFocus(Qt::OtherFocusReason);
}

QString CancelOutcomeView::summaryText() const
{
    return m_summaryLabel->text();
}

void CancelOutcomeView::updateSummary()
{
    const bool sending = !m_controller->requestsFinished();
    m_summaryLabel->setText(sending ? sendingText() : resultText());
    const int retryable = sending ? 0 : m_controller->outcomes()->retryableCount();
    m_retryButton->setVisible(retryable > 0);
    m_retryButton->setText(tr("&Retry %n run(s)", nullptr, retryable));
    if (m_controller->waiting().isEmpty())
        m_countdown->stop();
    else if (!m_countdown->isActive())
        m_countdown->start();
}

// While requests are out: what is being waited for, and why, in the words of what happens next.
QString CancelOutcomeView::sendingText() const
{
    QStringList lines{tr("Sending the cancel request…")};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const CancelController::Waiting &waiting : m_controller->waiting()) {
        const qint64 seconds = qMax<qint64>(0, (now.msecsTo(waiting.retryAt) + 999) / 1000);
        const QString why = waiting.error.isThrottling()
                                ? tr("AWS is throttling the cancel of \u201c%1\u201d (%2)")
                                      .arg(waiting.flowName, waiting.error.codeText())
                                : tr("The cancel of \u201c%1\u201d failed (%2)")
                                      .arg(waiting.flowName, waiting.error.codeText());
        lines << tr("%1; Flowdesk sends it again in %n s (attempt %2 of %3). Nothing is cancelled "
                    "for those runs until AppFlow accepts it.",
                    nullptr, int(seconds))
                     .arg(why)
                     .arg(waiting.nextAttempt)
                     .arg(waiting.maxAttempts);
    }
    return lines.join(u'\n');
}

// Once every request has answered: one sentence per kind of outcome, saying what is known and
// what happens next. "Done" only when every run whose cancel started has stopped.
QString CancelOutcomeView::resultText() const
{
    const CancelOutcomeModel *model = m_controller->outcomes();
    using Result = CancelOutcomeModel::Result;
    int started = 0, stopped = 0, already = 0, refused = 0, failed = 0, unknown = 0, notTaken = 0;
    QStringList codes;
    QStringList requestIds;
    for (int row = 0; row < model->rowCount(); ++row) {
        const CancelOutcomeModel::Row &r = model->row(row);
        switch (r.result) {
        case Result::Requested:
            break;
        case Result::CancelStarted:
            ++started;
            stopped += r.settled() ? 1 : 0;
            break;
        case Result::AlreadyCancelled:
            ++already;
            break;
        case Result::NotCancellable:
            ++refused;
            break;
        case Result::RequestFailed:
        case Result::NotSent:
            ++failed;
            break;
        case Result::NoAnswer:
            (r.retryable() ? notTaken : unknown) += 1;
            break;
        }
        if (r.retryable() || r.result == Result::NoAnswer) {
            const QString code = r.result == Result::NotSent ? tr("not sent") : r.errorCode;
            if (!code.isEmpty() && !codes.contains(code))
                codes << code;
            if (!r.requestId.isEmpty() && !requestIds.contains(r.requestId))
                requestIds << r.requestId;
        }
    }

    QStringList lines;
    if (started == 0 && already == 0 && unknown == 0)
        lines << tr("Nothing was cancelled.");
    if (started > 0) {
        if (stopped == started)
            lines << tr("%n run(s) cancelled: AppFlow shows them stopped.", nullptr, started);
        else
            lines << tr("Cancel started for %n run(s); watching until AppFlow shows the status "
                        "Canceled (%1 so far).", nullptr, started)
                         .arg(stopped);
    }
    if (already > 0)
        lines << tr("%n run(s) were already being cancelled.", nullptr, already);
    if (refused > 0)
        lines << tr("%n run(s) not cancellable (see Details).", nullptr, refused);
    QString why = codes.join(QStringLiteral(", "));
    if (!requestIds.isEmpty())
        why += u"; " + tr("request ID %1").arg(requestIds.join(QStringLiteral(", ")));
    if (failed > 0)
        lines << tr("%n run(s) not cancelled: the request failed (%1). They go on running.",
                    nullptr, failed)
                     .arg(why);
    if (notTaken > 0)
        lines << tr("%n run(s) not cancelled: no answer came back (%1) and AppFlow still shows "
                    "them in progress.", nullptr, notTaken)
                     .arg(why);
    if (unknown > 0)
        lines << tr("%n run(s): no answer came back (%1); reading their status to find out "
                    "whether the cancel started…", nullptr, unknown)
                     .arg(why);
    const int retryable = model->retryableCount();
    if (retryable > 0)
        lines << tr("Retry sends the cancel again for %n run(s).", nullptr, retryable);
    if (const auto error = m_controller->statusReadError()) {
        lines << tr("Could not read the runs' status at %1 (%2); the Status column shows the last "
                    "known one. Flowdesk keeps trying.")
                     .arg(QLocale().toString(m_controller->statusReadErrorAt().toLocalTime().time(),
                                             QLocale::LongFormat),
                          error->codeText());
    }
    // "Done" only when nothing is left to do or to find out.
    if (m_controller->allSettled() && started > 0 && stopped == started && retryable == 0
        && failed == 0 && unknown == 0)
        lines << tr("Done: every run whose cancel started has stopped.");
    return lines.join(u'\n');
}

} // namespace flowdesk
