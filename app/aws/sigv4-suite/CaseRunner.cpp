#include "CaseRunner.h"

#include <algorithm>

namespace flowdesk::aws::suite {

namespace {

// Printable excerpt starting a little before `column`, with non-ASCII bytes as \xNN.
QString excerpt(const QByteArray &line, qsizetype column)
{
    constexpr qsizetype before = 16;
    constexpr qsizetype length = 56;
    const qsizetype start = std::max<qsizetype>(0, column - before);
    QString out = start > 0 ? QStringLiteral("...") : QString();
    for (qsizetype i = start; i < std::min(line.size(), start + length); ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        out += (c >= 0x20 && c < 0x7f) ? QString(QChar::fromLatin1(static_cast<char>(c)))
                                       : QStringLiteral("\\x%1").arg(c, 2, 16, QChar(u'0'));
    }
    if (start + length < line.size())
        out += QStringLiteral("...");
    return out;
}

void check(QList<StepCheck> &checks, const QString &variant, const QString &step,
           const QByteArray &expected, const QByteArray &actual)
{
    if (expected.isEmpty())
        return; // the case does not give this intermediate
    const bool passed = expected == actual;
    checks.append({variant, step, passed,
                   passed ? QString() : CaseRunner::differenceHint(expected, actual)});
}

QList<QByteArray> sortedParameters(const QByteArray &query)
{
    QList<QByteArray> parameters = query.split('&');
    std::sort(parameters.begin(), parameters.end());
    return parameters;
}

} // namespace

QString CaseRunner::differenceHint(const QByteArray &expected, const QByteArray &actual)
{
    const QList<QByteArray> expectedLines = expected.split('\n');
    const QList<QByteArray> actualLines = actual.split('\n');
    const qsizetype common = std::min(expectedLines.size(), actualLines.size());
    for (qsizetype line = 0; line < common; ++line) {
        const QByteArray &e = expectedLines[line];
        const QByteArray &a = actualLines[line];
        if (e == a)
            continue;
        qsizetype column = 0;
        while (column < e.size() && column < a.size() && e[column] == a[column])
            ++column;
        return QStringLiteral("line %1, column %2: expected \"%3\" but got \"%4\"")
            .arg(line + 1)
            .arg(column + 1)
            .arg(excerpt(e, column), excerpt(a, column));
    }
    return QStringLiteral("expected %1 lines but got %2")
        .arg(expectedLines.size())
        .arg(actualLines.size());
}

QList<StepCheck> CaseRunner::run(const SuiteCase &suiteCase)
{
    QList<StepCheck> checks;
    if (suiteCase.header.present) {
        sigv4::Request request = suiteCase.request;
        const sigv4::SigningResult result =
            sigv4::signHeaders(request, suiteCase.credentials, suiteCase.region,
                               suiteCase.service, suiteCase.time, suiteCase.options);
        const ExpectedSigning &expected = suiteCase.header;
        const QString variant = QStringLiteral("header");
        check(checks, variant, QStringLiteral("canonical request"), expected.canonicalRequest,
              result.canonicalRequest);
        check(checks, variant, QStringLiteral("string to sign"), expected.stringToSign,
              result.stringToSign);
        check(checks, variant, QStringLiteral("signature"), expected.signature, result.signature);
        check(checks, variant, QStringLiteral("authorization"), expected.authorization,
              result.authorization);
    }
    if (suiteCase.query.present) {
        sigv4::Request request = suiteCase.request;
        const sigv4::SigningResult result = sigv4::signQuery(
            request, suiteCase.credentials, suiteCase.region, suiteCase.service, suiteCase.time,
            suiteCase.expiresSeconds, suiteCase.options);
        const ExpectedSigning &expected = suiteCase.query;
        const QString variant = QStringLiteral("query");
        check(checks, variant, QStringLiteral("canonical request"), expected.canonicalRequest,
              result.canonicalRequest);
        check(checks, variant, QStringLiteral("string to sign"), expected.stringToSign,
              result.stringToSign);
        check(checks, variant, QStringLiteral("signature"), expected.signature, result.signature);
        // The order of a presigned URL's parameters carries no meaning; compare them as a set.
        if (!expected.presignedQuery.isEmpty()) {
            const bool passed = sortedParameters(expected.presignedQuery)
                             == sortedParameters(result.presignedQuery);
            checks.append({variant, QStringLiteral("presigned query"), passed,
                           passed ? QString()
                                  : differenceHint(expected.presignedQuery,
                                                   result.presignedQuery)});
        }
    }
    if (checks.isEmpty()) {
        checks.append({QString(), QStringLiteral("expected files"), false,
                       QStringLiteral("the case gives no canonical request, string to sign or "
                                      "signature to compare with")});
    }
    return checks;
}

} // namespace flowdesk::aws::suite
