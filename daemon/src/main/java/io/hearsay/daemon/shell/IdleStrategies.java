package io.hearsay.daemon.shell;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.concurrent.TimeUnit;

/** Idle strategies by name, for the CLI: busy, yield, backoff[:MAX_PARK_US], sleep:US. */
public final class IdleStrategies
{
    private static final String ACCEPTED = "busy, yield, backoff, backoff:MAX_PARK_US, sleep:US";

    private IdleStrategies()
    {
    }

    public static IdleStrategy parse(final String name)
    {
        final String[] parts = name.split(":");
        try
        {
            switch (parts[0])
            {
                case "busy":
                    return new BusySpinIdleStrategy();
                case "yield":
                    return new YieldingIdleStrategy();
                case "backoff":
                    final long maxParkUs = parts.length > 1 ? Long.parseLong(parts[1]) : 1000;
                    return new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1),
                        TimeUnit.MICROSECONDS.toNanos(Math.max(1, maxParkUs)));
                case "sleep":
                    if (parts.length != 2)
                    {
                        break;
                    }
                    return new SleepingIdleStrategy(TimeUnit.MICROSECONDS.toNanos(Long.parseLong(parts[1])));
                default:
                    break;
            }
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("idle strategy '" + name + "' has a bad number; accepted: " + ACCEPTED);
        }
        throw new IllegalArgumentException("unknown idle strategy '" + name + "'; accepted: " + ACCEPTED);
    }
}
