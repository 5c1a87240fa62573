#include "CancelOutcomeView.h"

#include "CancelController.h"
#include "CancelOutcomeModel.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
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
    m_view->setAccessibleName(tr("Cancel results per run"));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setModel(m_controller->outcomes());
    m_view->header()->setStretchLastSection(true);
    m_view->setColumnWidth(CancelOutcomeModel::FlowColumn, 200);
    m_view->setColumnWidth(CancelOutcomeModel::ExecutionIdColumn, 280);
    m_view->setColumnWidth(CancelOutcomeModel::ResultColumn, 120);
    m_view->setColumnWidth(CancelOutcomeModel::StatusColumn, 120);
    layout->addWidget(m_view, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QWidget::close);
    layout->addWidget(buttons);

    CancelOutcomeModel *model = m_controller->outcomes();
    connect(model, &QAbstractItemModel::dataChanged, this, &CancelOutcomeView::updateSummary);
    connect(model, &QAbstractItemModel::rowsInserted, this, &CancelOutcomeView::updateSummary);
    connect(m_controller, &CancelController::requestsDone, this, &CancelOutcomeView::updateSummary);
    connect(m_controller, &CancelController::settled, this, &CancelOutcomeView::updateSummary);
    updateSummary();
    resize(900, 420);

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
    const CancelOutcomeModel *model = m_controller->outcomes();
    const int started = model->count(CancelOutcomeModel::Result::CancelStarted);
    const int refused = model->count(CancelOutcomeModel::Result::NotCancellable);
    const int failed = model->count(CancelOutcomeModel::Result::RequestFailed);
    QStringList parts;
    if (!m_controller->requestsFinished()) {
        m_summaryLabel->setText(tr("Sending the cancel request…"));
        return;
    }
    parts << tr("%n run(s) cancelled or being cancelled", nullptr, started);
    if (refused > 0)
        parts << tr("%n not cancellable", nullptr, refused);
    if (failed > 0)
        parts << tr("%n failed to send", nullptr, failed);
    QString text = parts.join(QStringLiteral(", ")) + u'.';
    if (m_controller->allSettled())
        text += u' ' + tr("Done: every cancelled run has stopped.");
    else
        text += u' ' + tr("Watching the cancelled runs until they reach Canceled…");
    m_summaryLabel->setText(text);
}

} // namespace flowdesk
