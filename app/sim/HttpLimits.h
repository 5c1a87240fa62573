#pragma once

#include <QtGlobal>

namespace flowdesk::sim {

// What the simulator's HTTP layer accepts before it answers with an error or closes the
// connection. The simulator parses untrusted input: every buffer, every wait and the number of
// sockets it holds is bounded by one of these. The defaults and what happens when each is hit
// are listed in app/sim/README.md ("HTTP limits").
struct HttpLimits {
    // Request line ("POST /list-flows HTTP/1.1"), without CRLF. Longer: 414, then close.
    int maxRequestLineBytes = 8 * 1024;
    // Header field lines, each with its CRLF (chunked trailers count too; the empty line that
    // ends the block does not). Larger: 431.
    int maxHeaderBytes = 64 * 1024;
    // Header fields per request (trailers included). More: 431.
    int maxHeaderFields = 100;
    // Body after de-chunking. Larger: 413 as soon as it is known (Content-Length at once,
    // chunked when the running total passes it), before the excess is buffered.
    qint64 maxBodyBytes = 1024 * 1024;
    // From a request's first byte to its last: a client trickling a request (slowloris) is
    // answered 408 and closed when this passes, however steadily it sends.
    int requestDeadlineMs = 30 * 1000;
    // A connection with no request in progress (or a client not reading its answer) that sees
    // no traffic this long is closed.
    int idleTimeoutMs = 60 * 1000;
    // Open connections. At the cap a new connection evicts the longest-idle one (no request in
    // progress); when every connection is busy, the new one is closed at once.
    int maxConnections = 1024;
    // accept() failing for lack of descriptors or memory (EMFILE, ENFILE, ENOBUFS): accepting
    // pauses and is retried after this long instead of spinning on the listening socket.
    int acceptRetryMs = 250;
    // After an error answer the connection stops reading requests, sends the answer and its
    // FIN, and discards what the client still sends for at most this long before closing, so
    // the client reads the answer instead of a reset.
    int lingerMs = 2 * 1000;
};

} // namespace flowdesk::sim
