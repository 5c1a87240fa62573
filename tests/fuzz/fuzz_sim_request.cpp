// The simulator's validation of an AppFlow request body (AppFlowRoutes::handle: JSON, members,
// lengths, patterns, maxResults, nextToken, executionIds…) and the flowName lookup it does for
// --deny and the request log, against a fresh engine with the demo scenario for every input.
// Input: the path ("/list-flows", "/describe-flow"…; or an operation name) on the first line,
// then the body.

#include "FuzzSupport.h"

#include <AppFlowRoutes.h>
#include <ManualClock.h>
#include <RunEngine.h>
#include <Scenario.h>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace flowdesk::sim;
    static constexpr double kNow = 1'767'225'600; // 2026-01-01T00:00:00Z
    static const Scenario demo = [] {
        QString error;
        const std::optional<Scenario> scenario
            = Scenario::load(QStringLiteral("demo"), kNow, 1, &error);
        if (!scenario)
            std::abort(); // the harness cannot start without the built-in demo
        return *scenario;
    }();

    const QByteArray input = flowdesk::fuzz::bytes(data, size);
    const qsizetype newline = input.indexOf('\n');
    const QByteArray path = newline < 0 ? input : input.left(newline);
    const QByteArray body = newline < 0 ? QByteArray() : input.mid(newline + 1);
    QString operation = AppFlowRoutes::operationForPath(path);
    if (operation.isEmpty())
        operation = QString::fromUtf8(path);

    ManualClock clock(kNow);
    RunEngine engine(clock, 1, QStringLiteral("us-east-1"), QStringLiteral("123456789012"));
    engine.load(demo);
    AppFlowRoutes routes(engine);
    (void)AppFlowRoutes::flowNameOf(body);
    (void)routes.handle(operation, body);
    // The same request again: a retried StartFlow with its clientToken, a second cancel, a
    // next page — the engine's state after the first answer is part of what is validated.
    clock.advance(1);
    (void)routes.handle(operation, body);
    return 0;
}
