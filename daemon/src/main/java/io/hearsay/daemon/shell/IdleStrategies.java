package io.hearsay.daemon.shell;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * Idle strategies by name, for the CLI: busy, yield, backoff[:MAX_PARK_US], sleep:US, select[:MAX_BLOCK_MS] (block in
 * the duty cycle's selector until a datagram or the next deadline: {@link SelectingIdleStrategy}).
 */
public final class IdleStrategies
{
    private static final String ACCEPTED = "busy, yield, backoff, backoff:MAX_PARK_US, sleep:US, select, select:MAX_BLOCK_MS";
    /** the longest a selecting wait blocks when nothing is due sooner */
    public static final long DEFAULT_MAX_BLOCK_MS = 100;

    private IdleStrategies()
    {
    }

    /** Validates {@code name}; a selecting strategy needs its selector, so "select" yields a stand-in here. */
    public static IdleStrategy parse(final String name)
    {
        return parse(name, maxBlockMs -> new BackoffIdleStrategy());
    }

    /** @param selecting builds the selecting strategy for "select[:MAX_BLOCK_MS]" from its cap */
    public static IdleStrategy parse(final String name, final java.util.function.LongFunction<IdleStrategy> selecting)
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
                case "select":
                    final long maxBlockMs = parts.length > 1 ? Long.parseLong(parts[1]) : DEFAULT_MAX_BLOCK_MS;
                    if (maxBlockMs < 1 || parts.length > 2)
                    {
                        break;
                    }
                    return selecting.apply(maxBlockMs);
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
