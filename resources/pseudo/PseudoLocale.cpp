#include "PseudoLocale.h"

#include <QHash>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <cmath>

namespace flowdesk::pseudo {

namespace {

QChar accented(QChar c)
{
    static const QHash<QChar, QChar> map = [] {
        const QString plain = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
        const QString marked = QStringLiteral("ÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŜŢÛṼŴẊÝŽáƀçðéƒĝĥîĵķļṁñöþǫŕšţûṽŵẋýž");
        QHash<QChar, QChar> m;
        for (qsizetype i = 0; i < plain.size(); ++i)
            m.insert(plain.at(i), marked.at(i));
        return m;
    }();
    return map.value(c, c);
}

// Length of a placeholder (%1, %n, %L1, %L12) starting at i, or 0.
qsizetype placeholderLength(const QString &s, qsizetype i)
{
    if (s.at(i) != u'%' || i + 1 >= s.size())
        return 0;
    qsizetype j = i + 1;
    if (s.at(j) == u'L' && j + 1 < s.size() && (s.at(j + 1).isDigit() || s.at(j + 1) == u'n'))
        ++j;
    if (s.at(j) == u'n')
        return j + 1 - i;
    qsizetype k = j;
    while (k < s.size() && s.at(k).isDigit())
        ++k;
    return k > j ? k - i : 0;
}

// Length of an HTML tag (<b>, </a>, <br/>) or entity (&amp;, &#8230;) starting at i, or 0.
qsizetype markupLength(const QString &s, qsizetype i)
{
    const QChar c = s.at(i);
    if (c == u'<' && i + 1 < s.size() && (s.at(i + 1).isLetter() || s.at(i + 1) == u'/')) {
        const qsizetype end = s.indexOf(u'>', i);
        return end < 0 ? 0 : end + 1 - i;
    }
    if (c == u'&') {
        qsizetype j = i + 1;
        if (j < s.size() && s.at(j) == u'#')
            ++j;
        const qsizetype start = j;
        while (j < s.size() && s.at(j).isLetterOrNumber())
            ++j;
        if (j > start && j < s.size() && s.at(j) == u';' && j - start >= 2)
            return j + 1 - i;
    }
    return 0;
}

} // namespace

QString pseudoTranslate(const QString &source)
{
    if (source.isEmpty())
        return source;
    QString out;
    out.reserve(source.size() * 2);
    qsizetype visible = 0;
    for (qsizetype i = 0; i < source.size();) {
        if (const qsizetype n = placeholderLength(source, i)) {
            out += QStringView(source).mid(i, n);
            i += n;
            visible += 2;
            continue;
        }
        if (const qsizetype n = markupLength(source, i)) {
            out += QStringView(source).mid(i, n);
            i += n;
            continue;
        }
        const QChar c = source.at(i);
        if (c == u'&') { // a mnemonic marker, or "&&" for a literal ampersand
            out += c;
            if (i + 1 < source.size() && source.at(i + 1) == u'&') {
                out += c;
                ++i;
                ++visible;
            }
            ++i;
            continue;
        }
        out += accented(c);
        ++i;
        ++visible;
    }
    const auto padding = std::max<qsizetype>(1, std::lround(visible * 0.4) - 3);
    return u'[' + out + u' ' + QString(padding, u'~') + u']';
}

QByteArray pseudoTranslateTs(const QByteArray &ts, QString *error)
{
    QXmlStreamReader reader(ts);
    QByteArray result;
    QXmlStreamWriter writer(&result);
    writer.setAutoFormatting(true);
    writer.writeStartDocument();
    writer.writeDTD(QStringLiteral("<!DOCTYPE TS>"));
    writer.writeStartElement(QStringLiteral("TS"));
    writer.writeAttribute(QStringLiteral("version"), QStringLiteral("2.1"));
    // English plural rules: two forms, like the source strings' "(s)".
    writer.writeAttribute(QStringLiteral("language"), QStringLiteral("en"));

    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isEndElement() && reader.name() == u"context") {
            writer.writeEndElement();
            continue;
        }
        if (!reader.isStartElement())
            continue;
        if (reader.name() == u"context") {
            writer.writeStartElement(QStringLiteral("context"));
        } else if (reader.name() == u"name") {
            writer.writeTextElement(QStringLiteral("name"), reader.readElementText());
            continue;
        } else if (reader.name() == u"message") {
            const bool numerus = reader.attributes().value(QStringLiteral("numerus")) == u"yes";
            QString source;
            QString comment;
            while (!(reader.isEndElement() && reader.name() == u"message") && !reader.atEnd()) {
                reader.readNext();
                if (reader.isStartElement() && reader.name() == u"source")
                    source = reader.readElementText();
                else if (reader.isStartElement() && reader.name() == u"comment")
                    comment = reader.readElementText();
            }
            writer.writeStartElement(QStringLiteral("message"));
            if (numerus)
                writer.writeAttribute(QStringLiteral("numerus"), QStringLiteral("yes"));
            writer.writeTextElement(QStringLiteral("source"), source);
            if (!comment.isEmpty())
                writer.writeTextElement(QStringLiteral("comment"), comment);
            const QString translation = pseudoTranslate(source);
            if (numerus) {
                writer.writeStartElement(QStringLiteral("translation"));
                for (int form = 0; form < 2; ++form)
                    writer.writeTextElement(QStringLiteral("numerusform"), translation);
                writer.writeEndElement();
            } else {
                writer.writeTextElement(QStringLiteral("translation"), translation);
            }
            writer.writeEndElement(); // message
            continue;
        }
    }
    if (reader.hasError()) {
        *error = QStringLiteral("line %1: %2").arg(reader.lineNumber()).arg(reader.errorString());
        return {};
    }
    writer.writeEndElement(); // TS
    writer.writeEndDocument();
    return result;
}

} // namespace flowdesk::pseudo
