package io.hearsay.core.membership;

/**
 * The protocol's maths as pure functions (memberlist util.go / suspicion.go, Lifeguard), table-tested.
 * Logarithms are base 10 as in memberlist.
 */
public final class SwimMath
{
    private static final long NS_PER_MS = 1_000_000L;

    private SwimMath()
    {
    }

    /** Transmit limit of one membership update: {@code retransmitMult * ceil(log10(n + 1))}, at least 1. */
    public static int retransmitLimit(final int retransmitMult, final int clusterSize)
    {
        final int scale = (int)Math.ceil(Math.log10(Math.max(0, clusterSize) + 1.0));
        return Math.max(1, retransmitMult * scale);
    }

    /** Minimum suspicion timeout: {@code suspicionMult * max(1, log10(n)) * probePeriod}. */
    public static long suspicionTimeoutNs(final int suspicionMult, final int clusterSize, final long probePeriodNs)
    {
        final double nodeScale = Math.max(1.0, Math.log10(Math.max(1, clusterSize)));
        return (long)(suspicionMult * nodeScale * probePeriodNs);
    }

    /** Independent confirmations that shorten a suspicion to its minimum: {@code suspicionMult - 2}, 0 in tiny clusters. */
    public static int suspicionConfirmationsWanted(final int suspicionMult, final int clusterSize)
    {
        final int k = suspicionMult - 2;
        return (clusterSize - 2 < k) ? 0 : Math.max(0, k);
    }

    /**
     * Suspicion timeout after {@code confirmations} of {@code wanted}: it falls from max towards min as
     * {@code max - (max - min) * log(c + 1) / log(k + 1)}, floored to whole milliseconds, never below min.
     */
    public static long suspicionTimeoutNs(
        final int confirmations, final int wanted, final long minTimeoutNs, final long maxTimeoutNs)
    {
        if (wanted < 1)
        {
            return minTimeoutNs;
        }
        final double fraction = Math.log(confirmations + 1.0) / Math.log(wanted + 1.0);
        final double raw = maxTimeoutNs - fraction * (maxTimeoutNs - minTimeoutNs);
        final long floored = ((long)raw / NS_PER_MS) * NS_PER_MS;
        return Math.max(minTimeoutNs, floored);
    }

    /** Time left of a suspicion that started {@code elapsedNs} ago (negative when overdue). */
    public static long remainingSuspicionNs(
        final int confirmations, final int wanted, final long elapsedNs, final long minTimeoutNs, final long maxTimeoutNs)
    {
        return suspicionTimeoutNs(confirmations, wanted, minTimeoutNs, maxTimeoutNs) - elapsedNs;
    }

    /** Cluster size up to which the full-state push/pull period is not scaled (memberlist pushPullScaleThreshold). */
    public static final int PUSH_PULL_SCALE_THRESHOLD = 32;

    /**
     * Full-state push/pull period for a cluster of {@code n}: memberlist's {@code pushPullScale}, the interval times
     * {@code ceil(log2 n - log2 32) + 1} above 32 members, so the member-table traffic of the whole cluster grows like
     * N log N per period instead of N^2 (a 10,000-member table is ~250 datagrams each way).
     */
    public static long pushPullPeriodNs(final long intervalNs, final int n)
    {
        if (n <= PUSH_PULL_SCALE_THRESHOLD)
        {
            return intervalNs;
        }
        int doublings = 0; // ceil(log2(n / 32)) in integers: the smallest k with 32 * 2^k >= n
        while (((long)PUSH_PULL_SCALE_THRESHOLD << doublings) < n)
        {
            doublings++;
        }
        return (doublings + 1L) * intervalNs;
    }

    /** Lifeguard awareness scaling: {@code timeout * (score + 1)}. */
    public static long scaleByAwarenessNs(final long timeoutNs, final int score)
    {
        return timeoutNs * (score + 1);
    }
}
