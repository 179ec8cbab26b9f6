package io.hearsay.daemon.app;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Integration-test waiting: poll a condition until a deadline, never a fixed sleep. */
public final class Poll
{
    private Poll()
    {
    }

    public static void until(final String what, final Duration timeout, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
