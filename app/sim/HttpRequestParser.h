#pragma once

#include "HttpLimits.h"
#include "HttpMessages.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace flowdesk::sim {

// An incremental, strict HTTP/1.1 (and 1.0) request parser: bytes in, requests out. It knows no
// socket, so every rule can be tested byte by byte, and it holds at most one request at a time,
// each part bounded by HttpLimits:
//
//     HttpRequestParser parser(limits);
//     parser.feed(bytes);
//     while (parser.parse() == HttpRequestParser::Ready)
//         handle(parser.takeRequest());
//     // Error: answer parser.failure() and close the connection.
//
// Anything it cannot frame with certainty is an Error, never a guess: a proxy in front of a
// lenient server could frame the same bytes differently (request smuggling). So: one
// Content-Length (or repeats of the same value), never together with Transfer-Encoding; chunk
// sizes in hex only; CRLF line ends; no whitespace before a header's colon; no folded lines.
class HttpRequestParser
{
public:
    enum Status { NeedMore, Ready, Error };

    // Why parsing stopped: the status to answer with and the sentence to put in the answer.
    struct Failure {
        int status = 0;          // 400, 408, 413, 414, 417, 431, 501 or 505
        QString code;            // AWS-style error type, e.g. "RequestEntityTooLargeException"
        QString message;
    };

    explicit HttpRequestParser(const HttpLimits &limits = {});

    // Appends received bytes. Ignored after an Error. The caller bounds what it feeds while a
    // Ready request is not yet taken (the parser buffers it until parse() is called again).
    void feed(QByteArrayView bytes);
    // The client will send nothing more (EOF or half-close): an unfinished request becomes an
    // Error; a finished one can still be taken.
    void endOfInput();
    // Parses as far as the buffered bytes allow. Ready stays Ready until takeRequest().
    Status parse();
    // The request parse() reported Ready; parsing continues with the bytes after it.
    HttpRequest takeRequest();

    const Failure &failure() const { return m_failure; }
    // True once any byte of a request has arrived and until it was taken (a connection with a
    // partial request is busy, not idle).
    bool hasPartialRequest() const;
    // True when the client asked "Expect: 100-continue", its headers are accepted and no body
    // byte has arrived yet: the connection answers "100 Continue" once.
    bool expectsContinue() const;
    // Bytes buffered and not yet parsed.
    qsizetype bufferedBytes() const { return m_buffer.size() - m_pos; }

private:
    enum class State { RequestLine, Headers, Body, ChunkSize, ChunkData, ChunkEnd, Trailers,
                       Complete, Failed };
    enum class LineResult { Line, Incomplete, TooLong, Malformed };

    LineResult nextLine(QByteArrayView *line, qsizetype maxLength);
    Status fail(int status, const QString &code, const QString &message);
    Status failBadRequest(const QString &message);
    Status parseRequestLine(QByteArrayView line);
    Status parseFieldLine(QByteArrayView line, bool trailer);
    Status headersDone();
    Status parseChunkSize(QByteArrayView line);
    void compact();

    HttpLimits m_limits;
    QByteArray m_buffer;
    qsizetype m_pos = 0;         // first unparsed byte in m_buffer
    qsizetype m_scanned = 0;     // bytes after m_pos already searched for LF
    State m_state = State::RequestLine;
    bool m_eof = false;
    bool m_started = false;      // a byte of the current request has been consumed
    qsizetype m_leadingBytes = 0;  // empty lines before the request line (RFC 9112 §2.2)
    qsizetype m_headerBytes = 0;
    int m_fieldCount = 0;
    qint64 m_remaining = 0;      // of the fixed body or the current chunk
    bool m_expectContinue = false;
    HttpRequest m_request;
    Failure m_failure;
};

} // namespace flowdesk::sim
