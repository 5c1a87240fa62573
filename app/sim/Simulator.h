#pragma once

// The in-process AppFlow simulator (library flowdesk_sim): a wire-compatible AppFlow, STS and
// IAM Identity Center endpoint on loopback, for tests, demo mode and the flowdesk-sim tool.
// How to use it, the wire behaviour and the scenario format: app/sim/README.md.

#include "SimulatorConfig.h"

#include <Credentials.h>

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace flowdesk::sim {

struct HttpRequest;
class PendingExchange;

class Simulator : public QObject
{
    Q_OBJECT
public:
    explicit Simulator(const SimulatorConfig &config, QObject *parent = nullptr);
    ~Simulator() override;

    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    QString errorString() const;      // why listen() or scenario loading failed
    QUrl url() const;                 // "http://127.0.0.1:PORT" once listening

    // Read access for tests (state as the simulator sees it now):
    QStringList flowNames() const;
    QStringList executionIds(const QString &flowName) const;          // newest first
    QString executionStatus(const QString &flowName, const QString &executionId) const; // wire text
    // Whether a cancel was ever accepted for this run (by a client, or in its scenario history):
    // the soak tells a cancel it caused from a run that was already cancelled.
    bool cancelRequested(const QString &flowName, const QString &executionId) const;

    // The runs in progress or cancelling of one account's flows in one region (a fleet account
    // of --accounts, or the configured account), as "flow/executionId", sorted.
    QStringList activeRuns(const QString &accountId, const QString &region);
    // cancelRequested() for a run of one account's flows in one region.
    bool cancelRequestedIn(const QString &accountId, const QString &region, const QString &flowName,
                           const QString &executionId);

    // Additions beyond the contract:
    const SimulatorConfig &config() const;
    // Delay every answer from now on (tests: a request still in flight when the UI acts).
    void setLatencyMs(int latencyMs);
    // Replaces the --deny rules and fault rates from now on (tests: "the cancel went through,
    // then every read fails").
    void setFaults(double throttleRate, double errorRate, double dropRate,
                   const QStringList &deny = {});
    // Client connections open now (bounded by config().http.maxConnections).
    int openConnections() const;
    // The long-term credentials it accepts (config's key, secret and token).
    aws::Credentials credentials() const;
    // A configuration for demo mode: the demo scenario and freshly generated credentials.
    static SimulatorConfig demoConfig();

private:
    void handle(const HttpRequest &request, const std::shared_ptr<PendingExchange> &exchange);

    struct Parts;
    std::unique_ptr<Parts> d;
};

} // namespace flowdesk::sim
