package io.hearsay.sim.engine;

import java.util.Arrays;

/**
 * Counts the messages each node receives in a round, cache-friendly: a message to node j is first appended to
 * the buffer of j's region (4,096 consecutive nodes) and counted when that buffer fills, so the counts of one
 * region are updated together while they sit in cache. A plain {@code counts[j]++} per call, hit at random
 * over N counters, cost two thirds of a 10^7-node run.
 */
public final class LoadCounter
{
    private static final int REGION_SHIFT = 12;
    private static final int BUFFER_SHIFT = 11;
    private static final int BUFFER_LENGTH = 1 << BUFFER_SHIFT;

    private final int[] counts;
    private final int[] buffers;
    private final int[] fill;

    public LoadCounter(final int nodes)
    {
        counts = new int[nodes];
        final int regions = ((nodes - 1) >>> REGION_SHIFT) + 1;
        buffers = new int[regions << BUFFER_SHIFT];
        fill = new int[regions];
    }

    public static long bytesPerNode()
    {
        return 4 + 2;
    }

    public void add(final int node)
    {
        final int region = node >>> REGION_SHIFT;
        final int filled = fill[region];
        buffers[(region << BUFFER_SHIFT) + filled] = node;
        if (filled + 1 == BUFFER_LENGTH)
        {
            drain(region, BUFFER_LENGTH);
            fill[region] = 0;
        }
        else
        {
            fill[region] = filled + 1;
        }
    }

    /** counts everything buffered; call before reading counts */
    public void drainAll()
    {
        for (int region = 0; region < fill.length; region++)
        {
            drain(region, fill[region]);
            fill[region] = 0;
        }
    }

    /** the count of a node (after {@link #drainAll()}), then reset to zero */
    public int takeCount(final int node)
    {
        final int count = counts[node];
        counts[node] = 0;
        return count;
    }

    public void reset()
    {
        Arrays.fill(counts, 0);
        Arrays.fill(fill, 0);
    }

    private void drain(final int region, final int length)
    {
        final int[] counts = this.counts;
        final int[] buffers = this.buffers;
        final int base = region << BUFFER_SHIFT;
        for (int k = base, end = base + length; k < end; k++)
        {
            counts[buffers[k]]++;
        }
    }
}
