package io.hearsay.daemon.shell;

import org.agrona.concurrent.NanoClock;

import java.time.Instant;

/**
 * The duty cycle's time: the monotonic clock read once per cycle, and the wall clock derived from it by an offset
 * resynchronised every second (so reading the wall clock per record costs nothing and allocates nothing).
 */
public final class ShellClock
{
    private static final long RESYNC_PERIOD_NS = 1_000_000_000L;

    private final NanoClock nanoClock;
    private long nowNs;
    private long wallOffsetNs;
    private long nextResyncNs;

    public ShellClock(final NanoClock nanoClock)
    {
        this.nanoClock = nanoClock;
        update();
        resync();
    }

    /** Read the monotonic clock; called once at the start of each duty cycle. @return the new now */
    public long update()
    {
        nowNs = nanoClock.nanoTime();
        if (nextResyncNs - nowNs <= 0)
        {
            resync();
        }
        return nowNs;
    }

    private void resync()
    {
        final Instant now = Instant.now();
        wallOffsetNs = now.getEpochSecond() * 1_000_000_000L + now.getNano() - nowNs;
        nextResyncNs = nowNs + RESYNC_PERIOD_NS;
    }

    public long nowNs()
    {
        return nowNs;
    }

    /** @return the wall clock (epoch ns) corresponding to monotonic time {@code monoNs} */
    public long wallNs(final long monoNs)
    {
        return wallOffsetNs + monoNs;
    }

    public long wallNs()
    {
        return wallOffsetNs + nowNs;
    }

    /**
     * The wall clock now, read afresh rather than at the start of the duty cycle: for a stamp that another process
     * compares with its own clock (the master's clock-offset exchange), where a cycle stalled after its start (a
     * descheduled thread on a busy machine) would otherwise date the stamp before the request it answers arrived.
     */
    public long freshWallNs()
    {
        return wallOffsetNs + nanoClock.nanoTime();
    }
}
