#pragma once

#include <QList>
#include <QString>

namespace flowdesk::aws::suite {

struct CaseLocation {
    enum class Format {
        AwsCrt,   // request.txt + context.json + header-*/query-* (aws-c-auth tests/…/v4)
        Derived,  // request.txt + header-*/query-* but no context.json (smithy-rs extras)
        Botocore, // <name>.req/.creq/.sts/.authz (botocore tests/unit/auth/aws4_testsuite)
    };
    Format format = Format::AwsCrt;
    QString directory;
    QString baseName; // botocore: the <name> of <name>.req
    QString name;     // for reports: relative to the folder that was searched
};

// Walks folders recursively and recognises a case by its files, so any folder laid out in one
// of the formats works, whatever it is called or however deep it is.
class CaseFinder
{
public:
    // Cases under `root` (root included), sorted by name; `error` set when root is unusable.
    static QList<CaseLocation> find(const QString &root, QString *error);
};

} // namespace flowdesk::aws::suite
