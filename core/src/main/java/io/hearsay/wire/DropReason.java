package io.hearsay.wire;

/** Why a datagram was dropped before it reached the protocol; append only (the order is the counters' index). */
public enum DropReason
{
    TRUNCATED, WRONG_SCHEMA, WRONG_VERSION, UNKNOWN_TEMPLATE, WRONG_CLUSTER, MALFORMED, UNAUTHENTICATED, OVERSIZED,
    /** sealed and authentic, but a replay: already seen, or older than the sender's replay window */
    REPLAYED;

    private static final DropReason[] VALUES = values();

    public static DropReason fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /** lower-case name for reports and metrics, e.g. {@code wrong_cluster} (as {@code Refusal.metricName}) */
    public String metricName()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
