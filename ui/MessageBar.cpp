#include "MessageBar.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPaintEvent>
#include <QPushButton>
#include <QStyle>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

namespace flowdesk {

namespace {

SemanticColors::Tone toneFor(BarMessage::Severity severity)
{
    switch (severity) {
    case BarMessage::Severity::Info: return SemanticColors::Tone::Info;
    case BarMessage::Severity::Warning: return SemanticColors::Tone::Warning;
    case BarMessage::Severity::Error: break;
    }
    return SemanticColors::Tone::Error;
}

QStyle::StandardPixmap iconFor(BarMessage::Severity severity)
{
    switch (severity) {
    case BarMessage::Severity::Info:
        return QStyle::SP_MessageBoxInformation;
    case BarMessage::Severity::Warning:
        return QStyle::SP_MessageBoxWarning;
    case BarMessage::Severity::Error:
        break;
    }
    return QStyle::SP_MessageBoxCritical;
}

} // namespace

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_iconLabel(new QLabel(this))
    , m_textLabel(new QLabel(this))
    , m_requestIdLabel(new QLabel(this))
    , m_copyButton(new QToolButton(this))
    , m_actionButton(new QPushButton(this))
    , m_closeButton(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    setAccessibleName(tr("Messages"));
    m_textLabel->setObjectName(QStringLiteral("messageTextLabel"));
    m_textLabel->setWordWrap(true);
    m_textLabel->setTextFormat(Qt::RichText);
    m_textLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_requestIdLabel->setObjectName(QStringLiteral("requestIdLabel"));
    m_requestIdLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copyButton->setObjectName(QStringLiteral("copyRequestIdButton"));
    m_copyButton->setText(tr("Copy"));
    m_copyButton->setToolTip(tr("Copy the request ID (AWS Support asks for it)"));
    m_actionButton->setObjectName(QStringLiteral("messageActionButton"));
    m_closeButton->setObjectName(QStringLiteral("closeMessageButton"));
    m_closeButton->setAutoRaise(true);
    m_closeButton->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_closeButton->setToolTip(tr("Dismiss"));
    m_closeButton->setAccessibleName(tr("Dismiss message"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 6, 6);
    m_iconLabel->setAlignment(Qt::AlignTop);
    layout->addWidget(m_iconLabel);
    auto *textColumn = new QVBoxLayout;
    textColumn->setSpacing(2);
    textColumn->addWidget(m_textLabel);
    auto *requestRow = new QHBoxLayout;
    requestRow->addWidget(m_requestIdLabel);
    requestRow->addWidget(m_copyButton);
    requestRow->addStretch(1);
    textColumn->addLayout(requestRow);
    layout->addLayout(textColumn, 1);
    layout->addWidget(m_actionButton, 0, Qt::AlignTop);
    layout->addWidget(m_closeButton, 0, Qt::AlignTop);

    connect(m_copyButton, &QToolButton::clicked, this, &MessageBar::copyRequestId);
    connect(m_actionButton, &QPushButton::clicked, this, [this] {
        if (m_message.action)
            m_message.action();
    });
    connect(m_closeButton, &QToolButton::clicked, this, [this] {
        clear();
        emit closed();
    });
    hide();
}

void MessageBar::showMessage(const BarMessage &message)
{
    m_message = message;
    applyColors();
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_iconLabel->setPixmap(style()->standardIcon(iconFor(message.severity)).pixmap(size, size));

    QString html = QStringLiteral("<b>%1</b>").arg(message.text.toHtmlEscaped());
    if (!message.detail.isEmpty() || !message.code.isEmpty()) {
        html += QStringLiteral("<br>");
        if (!message.code.isEmpty())
            html += QStringLiteral("<code>%1</code>: ").arg(message.code.toHtmlEscaped());
        html += message.detail.toHtmlEscaped();
    }
    if (!message.hint.isEmpty())
        html += QStringLiteral("<br><i>%1</i>").arg(message.hint.toHtmlEscaped());
    m_textLabel->setText(html);

    const bool hasRequestId = !message.requestId.isEmpty();
    m_requestIdLabel->setText(tr("Request ID: %1").arg(message.requestId));
    m_requestIdLabel->setVisible(hasRequestId);
    m_copyButton->setVisible(hasRequestId);
    m_actionButton->setText(message.actionText);
    m_actionButton->setVisible(!message.actionText.isEmpty() && bool(message.action));
    show();
}

SemanticColors::Colors MessageBar::colors() const
{
    // The application's palette, not this widget's: ours carries the tone set below.
    return SemanticColors::filled(toneFor(m_message.severity), QApplication::palette(this));
}

// Background and text from the palette's tone, so the text is readable on light and dark
// palettes alike (a style sheet colour would not reach the labels inside).
void MessageBar::applyColors()
{
    const SemanticColors::Colors tone = colors();
    QPalette palette = QApplication::palette(this);
    palette.setColor(QPalette::Window, tone.background);
    palette.setColor(QPalette::WindowText, tone.text);
    m_applyingColors = true;
    setPalette(palette);
    m_applyingColors = false;
    update();
}

void MessageBar::paintEvent(QPaintEvent *)
{
    const SemanticColors::Colors tone = colors();
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(tone.border);
    painter.setBrush(tone.background);
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
}

void MessageBar::changeEvent(QEvent *event)
{
    // View → Theme or the desktop switched palettes: take the tone of the new one.
    if (event->type() == QEvent::ApplicationPaletteChange
        || (event->type() == QEvent::PaletteChange && !m_applyingColors))
        applyColors();
    QFrame::changeEvent(event);
}

void MessageBar::clear()
{
    m_message = {};
    m_textLabel->clear();
    hide();
}

QString MessageBar::text() const
{
    QTextDocument document;
    document.setHtml(m_textLabel->text());
    return document.toPlainText();
}

QString MessageBar::requestId() const
{
    return m_message.requestId;
}

void MessageBar::copyRequestId()
{
    QApplication::clipboard()->setText(m_message.requestId);
}

} // namespace flowdesk
