#!/usr/bin/env python3
"""Prints the expected-values table of tst_clientratelimiter from botocore's OWN adaptive retry
classes (botocore.retries.adaptive/throttling/bucket, Debian's python3-botocore), driven with a
fixed clock: botocore is the arbiter of what the adaptive mode does, not a second implementation
of ours.

    python3 tests/appflow/adaptive_table_from_botocore.py

Each step is "time:answer" (ok = a response that is not throttling, thr = a throttling one) or
"time:send" (a request asks to be sent). Printed per step: the measured send rate, whether the
limiter is on, the bucket's rate and its tokens, and for "send" the wait before it may go.
"""
from botocore.exceptions import CapacityNotAvailableError
from botocore.retries import adaptive, bucket, throttling


class FixedClock:
    def __init__(self):
        self.now = 0.0

    def current_time(self):
        return self.now

    def sleep(self, amount):
        raise AssertionError("the table never blocks")


class Throttled:
    def __init__(self):
        self.next = False

    def is_throttling_error(self, **kwargs):
        return self.next


STEPS = ("0.1:send 0.2:ok 0.6:ok 1.0:ok 1.2:ok 1.6:ok 2.0:ok 2.2:thr 2.3:send 2.4:send 2.5:ok "
         "3.0:ok 3.2:send 3.5:thr 4.0:send 4.1:ok 5.0:ok 6.0:ok 7.5:ok 8.0:send 8.1:send 10.0:ok "
         "12.0:ok 12.5:thr 13.0:send 13.05:send")


def number(x):
    text = "%.9g" % x
    return text if any(c in text for c in ".e") else text + ".0"


def main():
    clock = FixedClock()
    clock.now = 0.0
    detector = Throttled()
    token_bucket = bucket.TokenBucket(max_rate=1, clock=clock)
    limiter = adaptive.ClientRateLimiter(
        rate_adjustor=throttling.CubicCalculator(starting_max_rate=0, start_time=clock.current_time()),
        rate_clocker=adaptive.RateClocker(clock),
        token_bucket=token_bucket,
        throttling_detector=detector,
        clock=clock,
    )
    for step in STEPS.split():
        at, what = step.split(":")
        clock.now = float(at)
        wait = ""
        if what == "send":
            if not limiter._enabled:
                wait = "0"
            else:
                try:
                    token_bucket.acquire(block=False)
                    wait = "0"
                except CapacityNotAvailableError:
                    wait = "%.9g" % token_bucket._sleep_amount(1)
        else:
            detector.next = what == "thr"
            limiter.on_receiving_response()
        print('<< "%s" << %s << %s << %s << %s << "%s"' % (
            step, number(limiter._rate_clocker.measured_rate), "true" if limiter._enabled else "false",
            number(token_bucket.max_rate), number(token_bucket.available_capacity), wait))


if __name__ == "__main__":
    main()
