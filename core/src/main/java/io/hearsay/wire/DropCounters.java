package io.hearsay.wire;

/**
 * Datagrams dropped by the wire, counted by {@link DropReason} (single writer: the duty-cycle thread). The core's
 * node counters extend it, so the wire needs nothing from the core.
 */
public class DropCounters
{
    public final long[] drops = new long[DropReason.values().length];

    public void drop(final DropReason reason)
    {
        drops[reason.ordinal()]++;
    }

    public long drops(final DropReason reason)
    {
        return drops[reason.ordinal()];
    }

    public long totalDrops()
    {
        long total = 0;
        for (final long d : drops)
        {
            total += d;
        }
        return total;
    }
}
