package io.hearsay.bench.peers;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the members of a trial saw, written from the systems' own threads: the first delivery of each event to each
 * member (monotonic ns) and membership removals (a member declared dead or gone by another).
 */
public final class Observations
{
    private final int nodes;
    private final ConcurrentHashMap<String, AtomicLongArray> firstDeliveryNs = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
    private final AtomicInteger removals = new AtomicInteger();

    public Observations(final int nodes)
    {
        this.nodes = nodes;
    }

    /** member {@code node} got the event {@code payload} (duplicates are ignored) */
    public void delivered(final String payload, final int node, final long nowNs)
    {
        if (node < 0 || node >= nodes)
        {
            return;
        }
        final AtomicLongArray times = firstDeliveryNs.computeIfAbsent(payload, p -> new AtomicLongArray(nodes));
        if (times.compareAndSet(node, 0, nowNs))
        {
            delivered.computeIfAbsent(payload, p -> new AtomicInteger()).incrementAndGet();
        }
    }

    public void removed()
    {
        removals.incrementAndGet();
    }

    public int removals()
    {
        return removals.get();
    }

    public int deliveredCount(final String payload)
    {
        final AtomicInteger count = delivered.get(payload);
        return count == null ? 0 : count.get();
    }

    /** the first-delivery times of an event, 0 where a member never got it */
    public long[] deliveryTimesNs(final String payload)
    {
        final AtomicLongArray times = firstDeliveryNs.get(payload);
        final long[] copy = new long[nodes];
        if (times != null)
        {
            for (int i = 0; i < nodes; i++)
            {
                copy[i] = times.get(i);
            }
        }
        return copy;
    }
}
