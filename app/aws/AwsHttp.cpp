#include "AwsHttp.h"

namespace flowdesk::aws {

QByteArray hostHeaderFor(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';
    const int port = url.port();
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    if (port != -1 && port != defaultPort)
        host += ':' + QByteArray::number(port);
    return host;
}

QByteArray formEncode(const QString &value)
{
    return value.toUtf8().toPercentEncoding();
}

} // namespace flowdesk::aws
