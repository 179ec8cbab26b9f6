package io.hearsay.core.impair;

/** Counted fates of datagrams, for a node's report and the tests. Plain fields: one writer (the duty cycle). */
public final class ImpairmentCounters
{
    public long lost;
    public long blockedOutbound;
    public long blockedInbound;
    public long droppedAsleep;
    public long duplicated;
    public long delayed;
    public long reordered;
}
