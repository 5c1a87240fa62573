#pragma once

#include "HttpResponse.h"

#include <QMetaType>
#include <QString>
#include <QUrl>

namespace flowdesk::appflow {

// The one error type the AppFlow client delivers: what the service (or the way to it) said,
// classified so that callers switch on code() and show message(). The UI maps codes to words in
// one place; nothing else formats AWS errors.
class AppFlowError
{
public:
    enum class Code {
        // Error shapes modeled in service-2.json (matched by name, never by status: three of
        // them share 400).
        Validation,              // ValidationException
        AccessDenied,            // AccessDeniedException
        ResourceNotFound,        // ResourceNotFoundException
        Throttling,              // ThrottlingException
        InternalServer,          // InternalServerException
        Conflict,                // ConflictException
        UnsupportedOperation,    // UnsupportedOperationException
        ServiceQuotaExceeded,    // ServiceQuotaExceededException
        ConnectorAuthentication, // ConnectorAuthenticationException
        ConnectorServer,         // ConnectorServerException
        // A code the model does not name (SigV4 failures from the front end, future errors,
        // or a bare HTTP status such as "502"): codeText() holds it verbatim.
        Unknown,
        // Client side: nothing usable came back, or nothing was sent.
        InvalidRequest,          // failed validation against the model; nothing was sent
        CredentialsUnavailable,  // the credential source could not give credentials
        Network,                 // connection refused/reset/closed, DNS, TLS, truncated body
        Timeout,                 // no data for the transfer timeout
        MalformedResponse,       // HTTP 200 whose body is not the documented JSON
        Aborted,                 // the caller aborted the operation
    };

    AppFlowError() = default;

    // restJson1 error parsing (see API-NOTES 2.2): code from X-Amzn-ErrorType header > body
    // "code"/"Code" > body "__type" > HTTP status, each sanitized (before ':' and after '#');
    // message from body "message" then "Message". Non-JSON, HTML and empty bodies give a
    // readable message naming the endpoint.
    static AppFlowError fromHttpResponse(const HttpResponse &response, const QUrl &endpoint);

    static AppFlowError invalidRequest(const QString &field, const QString &message);
    static AppFlowError credentialsUnavailable(const QString &sourceDescription,
                                               const QString &message);
    static AppFlowError network(const QString &detail, const QUrl &endpoint);
    static AppFlowError timeout(int timeoutMs, const QUrl &endpoint);
    // One attempt took longer than the overall deadline (data kept trickling in). Retryable.
    static AppFlowError deadlineExceeded(int deadlineMs, const QUrl &endpoint);
    // The answer grew past the size limit; reading stopped. Not retryable.
    static AppFlowError responseTooLarge(qint64 limitBytes, const QUrl &endpoint);
    static AppFlowError malformedResponse(const QString &operation, const QString &detail,
                                          const HttpResponse &response);
    static AppFlowError aborted();

    // "ValidationException: …" → "ValidationException"; "aws#Foo:http://…" → "Foo".
    static QString sanitizeCode(QString code);
    static Code codeFromText(const QString &code);
    static QString textForCode(Code code); // the wire name of modeled codes, else a label

    Code code() const { return m_code; }
    QString codeText() const { return m_codeText; }
    QString message() const { return m_message; }
    int httpStatus() const { return m_httpStatus; } // 0 when no HTTP response came back
    QString requestId() const { return m_requestId; }
    bool isRetryable() const { return m_retryable; }
    bool isThrottling() const; // throttling codes or HTTP 429: the retry quota treats these apart
    // A 403 that says the credentials are expired or unknown: invalidate them and retry once.
    bool isExpiredCredentials() const;
    // A 403 that says the signature expired or the clock is skewed: correct and retry once.
    bool isClockSkew() const;

    // One line for logs and message boxes:
    // "ThrottlingException: Rate exceeded (HTTP 429, request ID 0c7d…)".
    QString toString() const;

    void setMessage(const QString &message) { m_message = message; }

    // How many attempts the client made before it gave up with this error (0: not sent, or
    // not known). What the user is told next depends on it: a retryable error after the last
    // attempt is final for that request, and nothing retries it behind the user's back.
    int attempts() const { return m_attempts; }
    void setAttempts(int attempts) { m_attempts = attempts; }
    // Some attempt of the request was sent and no answer came back (the connection broke or
    // timed out after sending): AppFlow may have acted on it. Never true for refused
    // connections or error answers.
    bool mayHaveReachedService() const { return m_mayHaveReachedService; }
    void setMayHaveReachedService(bool value) { m_mayHaveReachedService = value; }

private:
    Code m_code = Code::Unknown;
    QString m_codeText;
    QString m_message;
    int m_httpStatus = 0;
    QString m_requestId;
    bool m_retryable = false;
    int m_attempts = 0;
    bool m_mayHaveReachedService = false;
};

} // namespace flowdesk::appflow

Q_DECLARE_METATYPE(flowdesk::appflow::AppFlowError)
