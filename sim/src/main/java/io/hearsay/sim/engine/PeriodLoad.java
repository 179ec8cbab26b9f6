package io.hearsay.sim.engine;

/**
 * The load figures of an event-driven run, per gossip period: messages each node sent and received in the
 * current period ({@link LoadCounter}s), the period's total, and the maxima over all periods so far (the peak
 * per-node load, the peak in-degree).
 */
public final class PeriodLoad
{
    private final LoadCounter received;
    private final LoadCounter sent;
    private long periodMessages;
    private long totalMessages;
    private long maxReceived;
    private long maxSent;
    private long lastMaxReceived;
    private long lastMaxSent;
    private long lastMessages;

    public PeriodLoad(final int nodes)
    {
        received = new LoadCounter(nodes);
        sent = new LoadCounter(nodes);
    }

    public static long bytesPerNode()
    {
        return 2 * LoadCounter.bytesPerNode();
    }

    public void reset()
    {
        received.reset();
        sent.reset();
        periodMessages = 0;
        totalMessages = 0;
        maxReceived = 0;
        maxSent = 0;
    }

    public void onSent(final int node)
    {
        sent.add(node);
        periodMessages++;
    }

    public void onReceived(final int node)
    {
        received.add(node);
    }

    /** closes the period: afterwards {@link #lastMessages()}, {@link #lastMaxReceived()}, {@link #lastMaxSent()} */
    public void endPeriod()
    {
        final long periodMaxReceived = received.drainMax();
        final long periodMaxSent = sent.drainMax();
        lastMaxReceived = periodMaxReceived;
        lastMaxSent = periodMaxSent;
        lastMessages = periodMessages;
        maxReceived = Math.max(maxReceived, periodMaxReceived);
        maxSent = Math.max(maxSent, periodMaxSent);
        totalMessages += periodMessages;
        periodMessages = 0;
    }

    public long lastMessages()
    {
        return lastMessages;
    }

    public long lastMaxReceived()
    {
        return lastMaxReceived;
    }

    public long lastMaxSent()
    {
        return lastMaxSent;
    }

    public long totalMessages()
    {
        return totalMessages;
    }

    public long maxReceived()
    {
        return maxReceived;
    }

    public long maxSent()
    {
        return maxSent;
    }
}
