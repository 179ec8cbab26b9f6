package io.hearsay.master.analysis;

import io.hearsay.core.Channel;
import org.HdrHistogram.Histogram;
import org.agrona.collections.LongHashSet;

import java.util.Arrays;
import java.util.BitSet;

/**
 * One event's propagation, derived from its {@link EventTrace}: the first learning of every node ordered by time
 * (informed(t)), the count per round (informed(round)), and the learn latency in an HdrHistogram (ns).
 * Time zero is the origin's ORIGIN record, else the event's createdWallNs, else the earliest record.
 * A node that logged the same event more than once counts once, at its earliest record; the others are
 * {@link #duplicateRecords()}.
 */
public final class EventCurve
{
    /** Where time zero came from. */
    public enum ZeroSource
    {
        ORIGIN_RECORD, CREATED_WALL_NS, EARLIEST_RECORD
    }

    private final EventTrace trace;
    private final long zeroNs;
    private final ZeroSource zeroSource;
    /** indices into the trace, first learnings only, by time */
    private final int[] order;
    private final int informed;
    private final int duplicateRecords;
    private final long negativeLatencies;
    /** cumulative informed count at the end of round r (index r) */
    private final long[] informedByRound;
    private final Histogram latencyNs;

    private EventCurve(
        final EventTrace trace, final long zeroNs, final ZeroSource zeroSource, final int[] order, final int informed,
        final int duplicateRecords, final long negativeLatencies, final long[] informedByRound,
        final Histogram latencyNs)
    {
        this.trace = trace;
        this.zeroNs = zeroNs;
        this.zeroSource = zeroSource;
        this.order = order;
        this.informed = informed;
        this.duplicateRecords = duplicateRecords;
        this.negativeLatencies = negativeLatencies;
        this.informedByRound = informedByRound;
        this.latencyNs = latencyNs;
    }

    /** Orders, de-duplicates and measures the trace. */
    public static EventCurve of(final EventTrace trace)
    {
        final int n = trace.size;
        final int[] byTime = TimeOrder.permutation(trace.wallNs, n);

        final long zeroNs;
        final ZeroSource zeroSource;
        if (trace.originWallNs != Long.MIN_VALUE)
        {
            zeroNs = trace.originWallNs;
            zeroSource = ZeroSource.ORIGIN_RECORD;
        }
        else if (trace.createdWallNs != Long.MIN_VALUE)
        {
            zeroNs = trace.createdWallNs;
            zeroSource = ZeroSource.CREATED_WALL_NS;
        }
        else
        {
            zeroNs = n == 0 ? 0 : trace.wallNs[byTime[0]];
            zeroSource = ZeroSource.EARLIEST_RECORD;
        }

        // first learning per node
        final Seen seen = Seen.forNodes(trace.node, n);
        int kept = 0;
        for (int i = 0; i < n; i++)
        {
            final int idx = byTime[i];
            if (seen.add(trace.node[idx]))
            {
                byTime[kept++] = idx;
            }
        }
        final int[] order = kept == n ? byTime : Arrays.copyOf(byTime, kept);

        int maxRound = 0;
        for (int i = 0; i < kept; i++)
        {
            maxRound = Math.max(maxRound, trace.round[order[i]]);
        }
        final long[] byRound = new long[maxRound + 1];
        final Histogram histogram = new Histogram(3);
        histogram.setAutoResize(true);
        long negative = 0;
        for (int i = 0; i < kept; i++)
        {
            final int idx = order[i];
            final int r = trace.round[idx];
            if (r >= 0)
            {
                byRound[r]++;
            }
            final long latencyNs = trace.wallNs[idx] - zeroNs;
            if (latencyNs < 0)
            {
                negative++;
                histogram.recordValue(0);
            }
            else
            {
                histogram.recordValue(latencyNs);
            }
        }
        for (int r = 1; r < byRound.length; r++)
        {
            byRound[r] += byRound[r - 1];
        }
        return new EventCurve(trace, zeroNs, zeroSource, order, kept, n - kept, negative, byRound, histogram);
    }

    public EventKey key()
    {
        return trace.key;
    }

    /** Distinct nodes that learned the event. */
    public int informed()
    {
        return informed;
    }

    public int duplicateRecords()
    {
        return duplicateRecords;
    }

    /** Sum of the records' own duplicates fields (copies received before first learning). */
    public long duplicatesField()
    {
        return trace.duplicatesField;
    }

    /** Records earlier than time zero (clock skew between hosts); their latency is recorded as 0. */
    public long negativeLatencies()
    {
        return negativeLatencies;
    }

    public long zeroNs()
    {
        return zeroNs;
    }

    public ZeroSource zeroSource()
    {
        return zeroSource;
    }

    /** Learn latency of every informed node, ns. */
    public Histogram latencyNs()
    {
        return latencyNs;
    }

    /** Time since zero of the i-th node to learn (0-based, by time), ns. */
    public long offsetNs(final int i)
    {
        return trace.wallNs[order[i]] - zeroNs;
    }

    public int round(final int i)
    {
        return trace.round[order[i]];
    }

    public long node(final int i)
    {
        return trace.node[order[i]];
    }

    public int hops(final int i)
    {
        return trace.hops[order[i]];
    }

    public Channel channel(final int i)
    {
        return Channel.fromOrdinal(trace.channel[order[i]]);
    }

    /** The last round in which a node learned it (0 for only the origin). */
    public int maxRound()
    {
        return informedByRound.length - 1;
    }

    /** Nodes informed by the end of round r. */
    public long informedByRound(final int round)
    {
        if (round < 0)
        {
            return 0;
        }
        return informedByRound[Math.min(round, informedByRound.length - 1)];
    }

    /** Nodes informed at time offset {@code t} ns after zero (inclusive). */
    public int informedAt(final long offsetNs)
    {
        int lo = 0;
        int hi = informed;
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (offsetNs(mid) <= offsetNs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /** How many nodes must know for {@code fraction} of {@code alive}: ceil(fraction · alive), at least 1. */
    public static long target(final double fraction, final long alive)
    {
        return Math.max(1, (long)Math.ceil(fraction * alive - 1e-9));
    }

    /** Time in ms until {@code fraction} of {@code alive} nodes knew; NaN when never reached. */
    public double timeToFractionMs(final double fraction, final long alive)
    {
        final long k = target(fraction, alive);
        if (k > informed)
        {
            return Double.NaN;
        }
        return offsetNs((int)(k - 1)) / 1e6;
    }

    /** Rounds until {@code fraction} of {@code alive} nodes knew; -1 when never reached. */
    public int roundsToFraction(final double fraction, final long alive)
    {
        final long k = target(fraction, alive);
        for (int r = 0; r < informedByRound.length; r++)
        {
            if (informedByRound[r] >= k)
            {
                return r;
            }
        }
        return -1;
    }

    /** A set of node ids: a bitset when they are dense (simulator indices, one host's ports), else a hash set. */
    private interface Seen
    {
        boolean add(long node);

        static Seen forNodes(final long[] nodes, final int n)
        {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < n; i++)
            {
                min = Math.min(min, nodes[i]);
                max = Math.max(max, nodes[i]);
            }
            final long range = max - min;
            if (n > 0 && range >= 0 && range < Math.max(8L * n, 1L << 26))
            {
                final BitSet bits = new BitSet((int)range + 1);
                final long base = min;
                return node ->
                {
                    final int bit = (int)(node - base);
                    if (bits.get(bit))
                    {
                        return false;
                    }
                    bits.set(bit);
                    return true;
                };
            }
            final LongHashSet set = new LongHashSet(Math.max(16, n));
            return set::add;
        }
    }
}
