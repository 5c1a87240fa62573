#pragma once

#include <QCoreApplication>

#include "AwsConfig.h"

#include <QProcessEnvironment>
#include <QString>

namespace flowdesk::aws {

struct RegionResult {
    QString region;
    QString source; // "chosen", "AWS_REGION", "AWS_DEFAULT_REGION", "profile prod"
    QString error;
    bool ok() const { return error.isEmpty() && !region.isEmpty(); }
};

// The region, in the CLI's order: chosen (UI or command line) > AWS_REGION >
// AWS_DEFAULT_REGION > the profile's `region`.
class RegionResolver
{
    Q_DECLARE_TR_FUNCTIONS(RegionResolver)

public:
    static RegionResult resolve(const QString &chosen, const QProcessEnvironment &environment,
                                const AwsProfile *profile);
    static bool isValidRegionName(const QString &region);
};

} // namespace flowdesk::aws
