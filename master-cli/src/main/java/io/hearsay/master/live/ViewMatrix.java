package io.hearsay.master.live;

import io.hearsay.core.MemberStatus;
import io.hearsay.daemon.control.ControlClient;
import io.hearsay.daemon.control.LiveView;
import org.agrona.collections.Long2LongHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every node believes about every other: observer i's entry for member j (status, incarnation), kept per
 * observer in {@link LiveView#BUCKETS} buckets so a bucket can be replaced when its digest changed. Knows each node's
 * own state (from its own report) to find the disagreements: i holds j dead while j is running, i holds j alive while
 * j is down, observers holding different incarnations of j. Not thread-safe (the collector's thread owns it).
 */
public final class ViewMatrix
{
    /** A disagreement between what an observer believes and what is, or between observers. */
    public enum Kind
    {
        /** the observer holds the member dead or left while the member reports itself running */
        DEAD_WHILE_ALIVE,
        /** the observer holds the member alive while the member reports itself crashed or left */
        ALIVE_WHILE_DOWN,
        /** observers hold different incarnations of the member (observer = one holding an older one) */
        INCARNATION_SPLIT
    }

    public record Disagreement(Kind kind, long observer, long member, MemberStatus held, long heldIncarnation, long newestIncarnation)
    {
    }

    /** One aggregated block of the heat map: observers [row0, row1) x members [col0, col1) of the sorted node list. */
    public record Block(int row, int col, int pairs, int alive, int suspect, int dead, int unknown, int disagreements)
    {
    }

    public record HeatMap(int nodes, int blocks, int nodesPerBlock, List<Block> cells)
    {
    }

    private static final long NO_ENTRY = Long.MIN_VALUE;

    private static final class ObserverView
    {
        final long[] reportedDigests = new long[LiveView.BUCKETS];
        final long[] heldDigests = new long[LiveView.BUCKETS];
        final Long2LongHashMap[] buckets = new Long2LongHashMap[LiveView.BUCKETS];
        boolean digestsKnown;

        long packed(final long member)
        {
            final Long2LongHashMap bucket = buckets[LiveView.bucketOf(member)];
            return bucket == null ? NO_ENTRY : bucket.get(member);
        }
    }

    /** A node's own state as it reported it. */
    private record Self(boolean running, long incarnation)
    {
    }

    private final Map<Long, ObserverView> observers = new HashMap<>();
    private final Map<Long, Self> selves = new HashMap<>();

    private static long pack(final long incarnation, final MemberStatus status)
    {
        return incarnation << 2 | status.ordinal();
    }

    private static MemberStatus statusOf(final long packed)
    {
        return MemberStatus.fromOrdinal((int)(packed & 3));
    }

    private static long incarnationOf(final long packed)
    {
        return packed >>> 2;
    }

    /** Record a node's own state (from its report). */
    public void onSelf(final long node, final boolean running, final long incarnation)
    {
        selves.put(node, new Self(running, incarnation));
    }

    /**
     * Record an observer's bucket digests.
     *
     * @return the buckets whose entries the matrix must fetch (reported digest differs from what it holds)
     */
    public long onDigests(final long observer, final long[] bucketDigests)
    {
        final ObserverView view = observers.computeIfAbsent(observer, o -> new ObserverView());
        System.arraycopy(bucketDigests, 0, view.reportedDigests, 0, LiveView.BUCKETS);
        view.digestsKnown = true;
        return staleBuckets(observer);
    }

    /** Replace the entries of the buckets in {@code bucketsIncluded} with {@code members} (those of these buckets). */
    public void onEntries(final long observer, final long bucketsIncluded, final List<ControlClient.Member> members)
    {
        final ObserverView view = observers.computeIfAbsent(observer, o -> new ObserverView());
        for (int b = 0; b < LiveView.BUCKETS; b++)
        {
            if ((bucketsIncluded & (1L << b)) != 0)
            {
                view.buckets[b] = null;
                view.heldDigests[b] = 0;
            }
        }
        for (final ControlClient.Member m : members)
        {
            final int b = LiveView.bucketOf(m.address());
            if ((bucketsIncluded & (1L << b)) == 0)
            {
                continue;
            }
            if (view.buckets[b] == null)
            {
                view.buckets[b] = new Long2LongHashMap(NO_ENTRY);
            }
            final long old = view.buckets[b].put(m.address(), pack(m.incarnation(), m.status()));
            if (old != NO_ENTRY)
            {
                view.heldDigests[b] -= LiveView.entryDigest(m.address(), incarnationOf(old), statusOf(old));
            }
            view.heldDigests[b] += LiveView.entryDigest(m.address(), m.incarnation(), m.status());
        }
    }

    /** @return the buckets of an observer whose held entries do not match its last reported digests */
    public long staleBuckets(final long observer)
    {
        final ObserverView view = observers.get(observer);
        if (view == null || !view.digestsKnown)
        {
            return 0;
        }
        long stale = 0;
        for (int b = 0; b < LiveView.BUCKETS; b++)
        {
            if (view.reportedDigests[b] != view.heldDigests[b])
            {
                stale |= 1L << b;
            }
        }
        return stale;
    }

    /** Forget a node entirely (as observer and as self). */
    public void forget(final long node)
    {
        observers.remove(node);
        selves.remove(node);
    }

    /** @return what observer believes about member, or null when it holds no entry */
    public ControlClient.Member entry(final long observer, final long member)
    {
        final ObserverView view = observers.get(observer);
        final long packed = view == null ? NO_ENTRY : view.packed(member);
        return packed == NO_ENTRY ? null : new ControlClient.Member(member, incarnationOf(packed), statusOf(packed));
    }

    /** Number of (observer, member) entries held. */
    public long entries()
    {
        long n = 0;
        for (final ObserverView view : observers.values())
        {
            for (final Long2LongHashMap bucket : view.buckets)
            {
                n += bucket == null ? 0 : bucket.size();
            }
        }
        return n;
    }

    /** Every disagreement, at most {@code limit} listed (the count is exact). O(entries). */
    public List<Disagreement> disagreements(final int limit, final int[] totalOut)
    {
        final Map<Long, Long> newest = newestIncarnations();
        final List<Disagreement> found = new ArrayList<>();
        final int[] total = new int[1];
        forEachEntry((observer, member, packed) ->
        {
            final Kind kind = kindOf(observer, member, packed, newest.get(member));
            if (kind != null)
            {
                total[0]++;
                if (found.size() < limit)
                {
                    found.add(new Disagreement(kind, observer, member, statusOf(packed), incarnationOf(packed), newest.get(member)));
                }
            }
        });
        if (totalOut != null && totalOut.length > 0)
        {
            totalOut[0] = total[0];
        }
        return found;
    }

    /** @return per member, the newest incarnation any observer holds */
    private Map<Long, Long> newestIncarnations()
    {
        final Map<Long, Long> newest = new HashMap<>();
        forEachEntry((observer, member, packed) -> newest.merge(member, incarnationOf(packed), Math::max));
        return newest;
    }

    private Kind kindOf(final long observer, final long member, final long packed, final long newestIncarnation)
    {
        if (observer == member)
        {
            return null;
        }
        final MemberStatus held = statusOf(packed);
        final Self self = selves.get(member);
        if (self != null && self.running() && (held == MemberStatus.DEAD || held == MemberStatus.LEFT))
        {
            return Kind.DEAD_WHILE_ALIVE;
        }
        if (self != null && !self.running() && held == MemberStatus.ALIVE)
        {
            return Kind.ALIVE_WHILE_DOWN;
        }
        if (incarnationOf(packed) < newestIncarnation)
        {
            return Kind.INCARNATION_SPLIT;
        }
        return null;
    }

    /**
     * The matrix aggregated into at most {@code maxBlocks} x {@code maxBlocks} blocks over the sorted node list
     * (never N^2 cells): per block the pairs by held status and the disagreements. O(entries).
     */
    public HeatMap heatMap(final int maxBlocks)
    {
        final long[] nodes = nodes();
        final int n = nodes.length;
        final int perBlock = Math.max(1, (n + maxBlocks - 1) / Math.max(1, maxBlocks));
        final int blocks = n == 0 ? 0 : (n + perBlock - 1) / perBlock;
        final Long2LongHashMap index = new Long2LongHashMap(-1);
        for (int i = 0; i < n; i++)
        {
            index.put(nodes[i], i);
        }
        final int[][] counts = new int[blocks * blocks][5];
        final Map<Long, Long> newest = newestIncarnations();
        forEachEntry((observer, member, packed) ->
        {
            final long row = index.get(observer);
            final long col = index.get(member);
            if (row < 0 || col < 0)
            {
                return;
            }
            final int[] c = counts[(int)(row / perBlock) * blocks + (int)(col / perBlock)];
            final MemberStatus s = statusOf(packed);
            c[s == MemberStatus.ALIVE ? 0 : s == MemberStatus.SUSPECT ? 1 : 2]++;
            if (kindOf(observer, member, packed, newest.get(member)) != null)
            {
                c[4]++;
            }
        });
        final List<Block> cells = new ArrayList<>(blocks * blocks);
        for (int r = 0; r < blocks; r++)
        {
            for (int col = 0; col < blocks; col++)
            {
                final int rows = Math.min(perBlock, n - r * perBlock);
                final int cols = Math.min(perBlock, n - col * perBlock);
                final int[] c = counts[r * blocks + col];
                final int pairs = rows * cols;
                cells.add(new Block(r, col, pairs, c[0], c[1], c[2], pairs - c[0] - c[1] - c[2], c[4]));
            }
        }
        return new HeatMap(n, blocks, perBlock, cells);
    }

    /** Every node known to the matrix (as observer or as reporting self), sorted. */
    public long[] nodes()
    {
        final java.util.Set<Long> all = new java.util.HashSet<>(observers.keySet());
        all.addAll(selves.keySet());
        final long[] nodes = new long[all.size()];
        int i = 0;
        for (final long node : all)
        {
            nodes[i++] = node;
        }
        Arrays.sort(nodes);
        return nodes;
    }

    @FunctionalInterface
    private interface EntryVisitor
    {
        void onEntry(long observer, long member, long packed);
    }

    private void forEachEntry(final EntryVisitor visitor)
    {
        for (final Map.Entry<Long, ObserverView> e : observers.entrySet())
        {
            final long observer = e.getKey();
            for (final Long2LongHashMap bucket : e.getValue().buckets)
            {
                if (bucket != null)
                {
                    final Long2LongHashMap.EntryIterator it = bucket.entrySet().iterator();
                    while (it.hasNext())
                    {
                        it.next();
                        visitor.onEntry(observer, it.getLongKey(), it.getLongValue());
                    }
                }
            }
        }
    }
}
