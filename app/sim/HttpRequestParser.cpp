#include "HttpRequestParser.h"

#include <QList>

namespace flowdesk::sim {

namespace {

// RFC 9110 §5.6.2 tchar.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-':
    case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// field-value characters: VCHAR, obs-text, SP and HTAB — never NUL, CR, LF or another control.
bool isFieldValueChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || (u >= 0x20 && u != 0x7f);
}

bool isOws(char c)
{
    return c == ' ' || c == '\t';
}

QByteArrayView trimmedOws(QByteArrayView text)
{
    while (!text.isEmpty() && isOws(text.front()))
        text = text.sliced(1);
    while (!text.isEmpty() && isOws(text.back()))
        text.chop(1);
    return text;
}

// The elements of a comma-separated header list (RFC 9110 §5.6.1), OWS trimmed. Empty elements
// are kept so callers that must be strict can see them.
QList<QByteArrayView> listElements(QByteArrayView value)
{
    QList<QByteArrayView> elements;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= value.size(); ++i) {
        if (i == value.size() || value[i] == ',') {
            elements.append(trimmedOws(value.sliced(start, i - start)));
            start = i + 1;
        }
    }
    return elements;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

// More digits than this cannot be a size we accept, and would overflow qint64.
constexpr qsizetype kMaxDecimalDigits = 18;
constexpr qsizetype kMaxHexDigits = 15;

} // namespace

HttpRequestParser::HttpRequestParser(const HttpLimits &limits)
    : m_limits(limits)
{
}

void HttpRequestParser::feed(QByteArrayView bytes)
{
    if (m_state == State::Failed || m_eof || bytes.isEmpty())
        return;
    m_buffer.append(bytes);
}

void HttpRequestParser::endOfInput()
{
    m_eof = true;
}

bool HttpRequestParser::hasPartialRequest() const
{
    return m_started || m_leadingBytes > 0 || bufferedBytes() > 0;
}

bool HttpRequestParser::expectsContinue() const
{
    return m_expectContinue && m_request.body.isEmpty()
           && (m_state == State::Body || m_state == State::ChunkSize);
}

HttpRequestParser::Status HttpRequestParser::fail(int status, const QString &code,
                                                  const QString &message)
{
    m_state = State::Failed;
    m_failure = {status, code, message};
    m_buffer.clear();
    m_pos = 0;
    m_scanned = 0;
    m_request = {};
    return Error;
}

HttpRequestParser::Status HttpRequestParser::failBadRequest(const QString &message)
{
    return fail(400, QStringLiteral("BadRequestException"), message);
}

// Finds the next CRLF-terminated line at m_pos (returned without its CRLF, consumed). A line
// longer than maxLength is TooLong; a bare CR or a bare LF is Malformed.
HttpRequestParser::LineResult HttpRequestParser::nextLine(QByteArrayView *line,
                                                          qsizetype maxLength)
{
    const QByteArrayView rest = QByteArrayView(m_buffer).sliced(m_pos);
    const qsizetype limit = qMin(rest.size(), maxLength + 2);
    for (qsizetype i = m_scanned; i < limit; ++i) {
        const char c = rest[i];
        if (c == '\n') {
            if (i == 0 || rest[i - 1] != '\r')
                return LineResult::Malformed;   // bare LF
            *line = rest.first(i - 1);
            m_pos += i + 1;
            m_scanned = 0;
            return LineResult::Line;
        }
        if (i > 0 && rest[i - 1] == '\r')
            return LineResult::Malformed;       // CR not followed by LF
    }
    m_scanned = limit;
    if (rest.size() >= maxLength + 2)
        return LineResult::TooLong;             // no line end within the limit
    return LineResult::Incomplete;
}

void HttpRequestParser::compact()
{
    // Drop consumed bytes once they are the larger part, so the buffer never holds much more
    // than one request's unparsed tail and a steady stream costs linear time.
    if (m_pos > 0 && (m_pos >= m_buffer.size() || m_pos > 16 * 1024)) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
}

HttpRequestParser::Status HttpRequestParser::parse()
{
    for (;;) {
        switch (m_state) {
        case State::Failed:
            return Error;
        case State::Complete:
            return Ready;
        case State::RequestLine: {
            // RFC 9112 §2.2: empty lines before a request line are ignored; they count
            // against the request line's limit.
            while (m_buffer.size() - m_pos >= 2 && m_buffer[m_pos] == '\r'
                   && m_buffer[m_pos + 1] == '\n') {
                m_pos += 2;
                m_scanned = 0;
                m_leadingBytes += 2;
                if (m_leadingBytes > m_limits.maxRequestLineBytes)
                    return failBadRequest(QStringLiteral("The request starts with too many "
                                                         "empty lines."));
            }
            QByteArrayView line;
            const qsizetype maxLength = m_limits.maxRequestLineBytes;
            const LineResult result = nextLine(&line, maxLength);
            if (result == LineResult::Incomplete)
                break;
            m_started = true;
            if (result == LineResult::TooLong)
                return fail(414, QStringLiteral("RequestUriTooLongException"),
                            QStringLiteral("The request line is longer than %1 bytes.")
                                .arg(maxLength));
            if (result == LineResult::Malformed)
                return failBadRequest(QStringLiteral("The request line does not end with CRLF."));
            if (parseRequestLine(line) == Error)
                return Error;
            m_state = State::Headers;
            continue;
        }
        case State::Headers:
        case State::Trailers: {
            const bool trailer = m_state == State::Trailers;
            QByteArrayView line;
            const qsizetype budget = m_limits.maxHeaderBytes - m_headerBytes;
            const LineResult result = nextLine(&line, qMax<qsizetype>(budget - 2, 0));
            if (result == LineResult::Incomplete)
                break;
            if (result == LineResult::TooLong)
                return fail(431, QStringLiteral("RequestHeaderFieldsTooLargeException"),
                            QStringLiteral("The header section is larger than %1 bytes.")
                                .arg(m_limits.maxHeaderBytes));
            if (result == LineResult::Malformed)
                return failBadRequest(QStringLiteral("A header line does not end with CRLF."));
            m_headerBytes += line.size() + 2;
            if (line.isEmpty()) {
                if (trailer) {
                    m_state = State::Complete;
                    return Ready;
                }
                if (headersDone() == Error)
                    return Error;
                continue;
            }
            if (parseFieldLine(line, trailer) == Error)
                return Error;
            continue;
        }
        case State::Body: {
            const qsizetype available = bufferedBytes();
            const qsizetype take = static_cast<qsizetype>(qMin<qint64>(available, m_remaining));
            m_request.body.append(m_buffer.constData() + m_pos, take);
            m_pos += take;
            m_remaining -= take;
            if (m_remaining > 0)
                break;
            m_state = State::Complete;
            return Ready;
        }
        case State::ChunkSize: {
            QByteArrayView line;
            const LineResult result = nextLine(&line, m_limits.maxRequestLineBytes);
            if (result == LineResult::Incomplete)
                break;
            if (result != LineResult::Line)
                return failBadRequest(QStringLiteral("A chunk size line does not end with CRLF "
                                                     "within %1 bytes.")
                                          .arg(m_limits.maxRequestLineBytes));
            if (parseChunkSize(line) == Error)
                return Error;
            continue;
        }
        case State::ChunkData: {
            const qsizetype available = bufferedBytes();
            const qsizetype take = static_cast<qsizetype>(qMin<qint64>(available, m_remaining));
            m_request.body.append(m_buffer.constData() + m_pos, take);
            m_pos += take;
            m_remaining -= take;
            if (m_remaining > 0)
                break;
            m_state = State::ChunkEnd;
            continue;
        }
        case State::ChunkEnd: {
            if (bufferedBytes() < 2)
                break;
            if (m_buffer[m_pos] != '\r' || m_buffer[m_pos + 1] != '\n')
                return failBadRequest(QStringLiteral("Chunk data is not followed by CRLF: the "
                                                     "chunk is longer than its size says."));
            m_pos += 2;
            m_state = State::ChunkSize;
            continue;
        }
        }
        // Waiting for more bytes.
        compact();
        if (m_eof && hasPartialRequest())
            return failBadRequest(QStringLiteral("The connection ended in the middle of a "
                                                 "request."));
        return NeedMore;
    }
}

HttpRequest HttpRequestParser::takeRequest()
{
    if (m_state != State::Complete)
        return {};
    HttpRequest request = std::move(m_request);
    m_request = {};
    m_state = State::RequestLine;
    m_started = false;
    m_leadingBytes = 0;
    m_headerBytes = 0;
    m_fieldCount = 0;
    m_remaining = 0;
    m_expectContinue = false;
    compact();
    return request;
}

HttpRequestParser::Status HttpRequestParser::parseRequestLine(QByteArrayView line)
{
    // request-line = method SP request-target SP HTTP-version (exactly one SP each).
    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype lastSpace = line.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace == firstSpace)
        return failBadRequest(QStringLiteral("The request line is not \"METHOD target HTTP/1.1\"."));
    const QByteArrayView method = line.first(firstSpace);
    const QByteArrayView target = line.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const QByteArrayView version = line.sliced(lastSpace + 1);
    if (!isToken(method))
        return failBadRequest(QStringLiteral("The request method is not a token."));
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        const bool looksLikeHttp = version.size() == 8 && version.startsWith("HTTP/")
                                   && version[5] >= '0' && version[5] <= '9' && version[6] == '.'
                                   && version[7] >= '0' && version[7] <= '9';
        if (looksLikeHttp)
            return fail(505, QStringLiteral("HttpVersionNotSupportedException"),
                        QStringLiteral("Only HTTP/1.1 and HTTP/1.0 are served."));
        return failBadRequest(QStringLiteral("The request line does not end with an HTTP "
                                             "version."));
    }
    if (target.isEmpty())
        return failBadRequest(QStringLiteral("The request target is empty."));
    for (char c : target) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == '#')
            return failBadRequest(QStringLiteral("The request target contains a character "
                                                 "that must not appear in it."));
    }
    QByteArrayView pathAndQuery = target;
    if (target == "*") {
        if (method != "OPTIONS")
            return failBadRequest(QStringLiteral("\"*\" is a target for OPTIONS only."));
    } else if (target.front() != '/') {
        // absolute-form (RFC 9112 §3.2.2): servers must accept it; only the path is used.
        const qsizetype schemeEnd = target.indexOf("://");
        const QByteArrayView scheme = schemeEnd > 0 ? target.first(schemeEnd) : QByteArrayView();
        if (!equalsIgnoringCase(scheme, "http") && !equalsIgnoringCase(scheme, "https"))
            return failBadRequest(QStringLiteral("The request target is neither a path nor an "
                                                 "http URL."));
        const QByteArrayView afterScheme = target.sliced(schemeEnd + 3);
        qsizetype pathStart = 0;
        while (pathStart < afterScheme.size() && afterScheme[pathStart] != '/'
               && afterScheme[pathStart] != '?')
            ++pathStart;
        if (pathStart == 0)
            return failBadRequest(QStringLiteral("The request URL has no host."));
        pathAndQuery = afterScheme.sliced(pathStart);
    }
    const qsizetype question = pathAndQuery.indexOf('?');
    m_request.method = method.toByteArray();
    m_request.path = (question < 0 ? pathAndQuery : pathAndQuery.first(question)).toByteArray();
    if (m_request.path.isEmpty())
        m_request.path = QByteArrayLiteral("/");
    if (question >= 0)
        m_request.query = pathAndQuery.sliced(question + 1).toByteArray();
    m_request.version = version.toByteArray();
    return NeedMore;
}

HttpRequestParser::Status HttpRequestParser::parseFieldLine(QByteArrayView line, bool trailer)
{
    if (isOws(line.front()))
        return failBadRequest(QStringLiteral("A header line starts with whitespace (obsolete "
                                             "line folding is not accepted)."));
    const qsizetype colon = line.indexOf(':');
    if (colon < 0)
        return failBadRequest(QStringLiteral("A header line has no colon."));
    const QByteArrayView name = line.first(colon);
    if (!isToken(name))
        return failBadRequest(QStringLiteral("A header name is empty or contains a character "
                                             "other than a token's (whitespace before the colon "
                                             "is not accepted)."));
    const QByteArrayView value = trimmedOws(line.sliced(colon + 1));
    for (char c : value) {
        if (!isFieldValueChar(c))
            return failBadRequest(QStringLiteral("The value of header %1 contains a control "
                                                 "character.")
                                      .arg(QString::fromLatin1(name)));
    }
    if (++m_fieldCount > m_limits.maxHeaderFields)
        return fail(431, QStringLiteral("RequestHeaderFieldsTooLargeException"),
                    QStringLiteral("The request has more than %1 header fields.")
                        .arg(m_limits.maxHeaderFields));
    // Trailer fields are checked and counted, then dropped: nothing downstream reads them and
    // framing or authentication must never come from them.
    if (!trailer)
        m_request.headers.append({name.toByteArray(), value.toByteArray()});
    return NeedMore;
}

HttpRequestParser::Status HttpRequestParser::headersDone()
{
    const bool http10 = m_request.version == "HTTP/1.0";
    int hostCount = 0;
    bool hasContentLength = false;
    QByteArrayView contentLengthDigits;   // without leading zeros
    QList<QByteArrayView> codings;
    bool hasTransferEncoding = false;
    bool close = false, keepAlive = false;
    for (const auto &[name, value] : std::as_const(m_request.headers)) {
        if (equalsIgnoringCase(name, "Host")) {
            ++hostCount;
        } else if (equalsIgnoringCase(name, "Content-Length")) {
            // RFC 9110 §8.6: a list of identical values may be read as one; anything else is
            // an unrecoverable framing error.
            hasContentLength = true;
            for (QByteArrayView element : listElements(value)) {
                if (element.isEmpty())
                    return failBadRequest(QStringLiteral("Content-Length is empty."));
                for (char c : element) {
                    if (c < '0' || c > '9')
                        return failBadRequest(QStringLiteral("Content-Length is not a decimal "
                                                             "number."));
                }
                while (element.size() > 1 && element.front() == '0')
                    element = element.sliced(1);
                if (!contentLengthDigits.isNull() && element != contentLengthDigits)
                    return failBadRequest(QStringLiteral("The request has conflicting "
                                                         "Content-Length values."));
                contentLengthDigits = element;
            }
        } else if (equalsIgnoringCase(name, "Transfer-Encoding")) {
            hasTransferEncoding = true;
            codings.append(listElements(value));
        } else if (equalsIgnoringCase(name, "Connection")) {
            for (QByteArrayView option : listElements(value)) {
                if (equalsIgnoringCase(option, "close"))
                    close = true;
                else if (equalsIgnoringCase(option, "keep-alive"))
                    keepAlive = true;
            }
        } else if (equalsIgnoringCase(name, "Expect")) {
            if (!equalsIgnoringCase(value, "100-continue"))
                return fail(417, QStringLiteral("ExpectationFailedException"),
                            QStringLiteral("Only \"Expect: 100-continue\" is understood."));
            m_expectContinue = !http10;
        }
    }
    if (!http10 && hostCount == 0)
        return failBadRequest(QStringLiteral("An HTTP/1.1 request must have a Host header."));
    if (hostCount > 1)
        return failBadRequest(QStringLiteral("The request has more than one Host header."));
    m_request.keepAlive = !close && (!http10 || keepAlive);

    if (hasTransferEncoding) {
        // RFC 9112 §6.1 and §6.3: with both, or in HTTP/1.0, the framing is ambiguous; a
        // server must answer 400 and close.
        if (hasContentLength)
            return failBadRequest(QStringLiteral("The request has both Content-Length and "
                                                 "Transfer-Encoding."));
        if (http10)
            return failBadRequest(QStringLiteral("Transfer-Encoding is not allowed in an "
                                                 "HTTP/1.0 request."));
        for (QByteArrayView coding : std::as_const(codings)) {
            if (!isToken(coding))
                return failBadRequest(QStringLiteral("Transfer-Encoding is not a list of "
                                                     "codings."));
        }
        if (!equalsIgnoringCase(codings.last(), "chunked"))
            return failBadRequest(QStringLiteral("The request body's length cannot be "
                                                 "determined: chunked is not its final "
                                                 "transfer coding."));
        for (qsizetype i = 0; i + 1 < codings.size(); ++i) {
            if (equalsIgnoringCase(codings.at(i), "chunked"))
                return failBadRequest(QStringLiteral("The chunked transfer coding is applied "
                                                     "more than once."));
        }
        if (codings.size() > 1)
            return fail(501, QStringLiteral("NotImplementedException"),
                        QStringLiteral("Only the chunked transfer coding is supported."));
        m_state = State::ChunkSize;
        return NeedMore;
    }
    qint64 contentLength = 0;
    const bool contentLengthTooLarge = contentLengthDigits.size() > kMaxDecimalDigits;
    if (!contentLengthTooLarge) {
        for (char c : contentLengthDigits)
            contentLength = contentLength * 10 + (c - '0');
    }
    if (contentLengthTooLarge || contentLength > m_limits.maxBodyBytes)
        return fail(413, QStringLiteral("RequestEntityTooLargeException"),
                    QStringLiteral("The request body is larger than %1 bytes.")
                        .arg(m_limits.maxBodyBytes));
    if (contentLength > 0) {
        m_remaining = contentLength;
        m_state = State::Body;
        return NeedMore;
    }
    m_expectContinue = false;
    m_state = State::Complete;
    return Ready;
}

HttpRequestParser::Status HttpRequestParser::parseChunkSize(QByteArrayView line)
{
    // chunk-size [ BWS ";" chunk-ext ] — hex digits only: "0x10", "+5", " 5" or "5 " would be
    // read differently by different parsers.
    qsizetype digits = 0;
    qint64 size = 0;
    while (digits < line.size() && hexValue(line[digits]) >= 0) {
        if (digits == kMaxHexDigits)
            return fail(413, QStringLiteral("RequestEntityTooLargeException"),
                        QStringLiteral("The request body is larger than %1 bytes.")
                            .arg(m_limits.maxBodyBytes));
        size = size * 16 + hexValue(line[digits]);
        ++digits;
    }
    if (digits == 0)
        return failBadRequest(QStringLiteral("A chunk size is not a hexadecimal number."));
    QByteArrayView rest = line.sliced(digits);
    while (!rest.isEmpty() && isOws(rest.front()))
        rest = rest.sliced(1);
    if (!rest.isEmpty()) {
        if (rest.front() != ';')
            return failBadRequest(QStringLiteral("A chunk size is not a hexadecimal number."));
        for (char c : rest) {
            if (!isFieldValueChar(c))
                return failBadRequest(QStringLiteral("A chunk extension contains a control "
                                                     "character."));
        }
    } else if (digits < line.size()) {
        return failBadRequest(QStringLiteral("A chunk size has trailing whitespace."));
    }
    if (size > m_limits.maxBodyBytes - m_request.body.size())
        return fail(413, QStringLiteral("RequestEntityTooLargeException"),
                    QStringLiteral("The request body is larger than %1 bytes.")
                        .arg(m_limits.maxBodyBytes));
    if (size == 0) {
        m_state = State::Trailers;
        return NeedMore;
    }
    m_expectContinue = false;
    m_remaining = size;
    m_state = State::ChunkData;
    return NeedMore;
}

} // namespace flowdesk::sim
