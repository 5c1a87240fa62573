#pragma once

#include <QByteArray>
#include <QString>

namespace flowdesk::pseudo {

// "Select runs" -> "[Ŝéļéçţ ŕûñš ~~~~]": letters accented, padded to about 140 % of the
// length, bracketed. Left alone: placeholders (%1, %n, %L2), the mnemonic marker (&&, and the
// & itself), HTML tags and entities, and line breaks, so the string still works where it is used.
QString pseudoTranslate(const QString &source);

// Reads a Qt Linguist .ts document and returns one in which every message (each plural form
// too) is finished with pseudoTranslate(source). On malformed XML, *error says where.
QByteArray pseudoTranslateTs(const QByteArray &ts, QString *error);

} // namespace flowdesk::pseudo
