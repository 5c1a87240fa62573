#pragma once

#include "Credentials.h"
#include "SigV4.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace flowdesk::aws::suite {

// What a case expects from one way of signing (Authorization header or presigned query).
// An empty field was not given by the case and is not checked.
struct ExpectedSigning {
    bool present = false;
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signature;
    QByteArray authorization;  // header signing: the Authorization value
    QByteArray presignedQuery; // query signing: the query of the signed request line
};

// One test vector, whatever its file format: the unsigned request, the signing parameters and
// what header and/or query signing must produce.
struct SuiteCase {
    QString name;   // path relative to the folder given on the command line
    QString format; // "aws-c-auth", "botocore" or "derived" (request.txt without context.json)
    sigv4::Request request;
    Credentials credentials;
    QString region;
    QString service;
    QDateTime time;
    sigv4::Options options;
    int expiresSeconds = 3600;
    ExpectedSigning header;
    ExpectedSigning query;
};

} // namespace flowdesk::aws::suite

namespace flowdesk::aws::suite {

// Parameters a format does not store (botocore and smithy-rs extras have no credentials file):
// the suites all sign with AWS's published example key, so that is the default.
struct SuiteDefaults {
    QString accessKeyId = QStringLiteral("AKIDEXAMPLE");
    QString secretAccessKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
};

} // namespace flowdesk::aws::suite
