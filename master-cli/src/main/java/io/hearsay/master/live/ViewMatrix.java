package io.hearsay.master.live;

import io.hearsay.core.Addresses;
import io.hearsay.core.MemberStatus;
import io.hearsay.daemon.control.ControlClient;
import io.hearsay.daemon.control.LiveView;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What every node believes about every other: observer i's entry for member j (status, incarnation), kept per
 * observer in {@link LiveView#BUCKETS} buckets so a bucket can be replaced when its digest changed. Knows each node's
 * own state (from its own report) to find the disagreements: i holds j dead while j is running, i holds j alive while
 * j is down, observers holding different incarnations of j.
 * <p>
 * Incremental: the heat map's block counts, the newest incarnation of every member, the disagreements per member and
 * in total are updated entry by entry as reports change them, so a poll in which k entries changed costs O(k), plus
 * O(N) for each member whose newest incarnation or own state changed (its column is reclassified). Only a change of
 * the node set (a node reporting for the first time, or forgotten) lays the blocks out again, once, at the next read,
 * in O(entries). Reading the heat map costs O(blocks^2); a drill-down into a range of rows and columns costs
 * O(rows x cols) and is refused above {@link #MAX_DRILL_PAIRS}. Not thread-safe (the collector's thread owns it).
 */
public final class ViewMatrix
{
    /** the largest rows x cols a drill-down may read (a block of the top heat map at 10,000 nodes is 174,306) */
    public static final long MAX_DRILL_PAIRS = 4_000_000L;

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

    /** One aggregated block of the heat map: a block of observers (row) x a block of members (col). */
    public record Block(int row, int col, int pairs, int alive, int suspect, int dead, int unknown, int disagreements)
    {
    }

    /**
     * The matrix over the sorted node list's rows [rowFrom, rowTo) x columns [colFrom, colTo), aggregated into
     * rowBlocks x colBlocks blocks of nodesPerBlock x nodesPerBlock (1: real cells). The labels name each block's first
     * node. {@code blocks} is the larger of rowBlocks and colBlocks.
     */
    public record HeatMap(int nodes, int blocks, int nodesPerBlock, int rowFrom, int rowTo, int colFrom, int colTo,
        int rowBlocks, int colBlocks, List<String> rowLabels, List<String> colLabels, List<Block> cells)
    {
        public static final HeatMap EMPTY = new HeatMap(0, 0, 1, 0, 0, 0, 0, 0, 0, List.of(), List.of(), List.of());
    }

    private static final long NO_ENTRY = Long.MIN_VALUE;
    private static final int ALIVE = 0;
    private static final int SUSPECT = 1;
    private static final int DEAD = 2;
    private static final int DISAGREEING = 3;
    private static final int COUNTS = 4;

    private static final class ObserverView
    {
        final long[] reportedDigests = new long[LiveView.BUCKETS];
        final long[] heldDigests = new long[LiveView.BUCKETS];
        final Long2LongHashMap[] buckets = new Long2LongHashMap[LiveView.BUCKETS];
        boolean digestsKnown;
        /** its whole view has been held at least once (later new entries are changes, not the first sight) */
        boolean complete;

        long packed(final long member)
        {
            final Long2LongHashMap bucket = buckets[LiveView.bucketOf(member)];
            return bucket == null ? NO_ENTRY : bucket.get(member);
        }
    }

    private final int maxBlocks;
    private final Long2ObjectHashMap<ObserverView> observers = new Long2ObjectHashMap<>();
    /** a node's own state as it reported it: incarnation << 1 | running */
    private final Long2LongHashMap selves = new Long2LongHashMap(NO_ENTRY);
    private long entryCount;

    // derived state, maintained incrementally while valid; rebuilt in O(entries) after the node set changed
    private boolean valid;
    private long[] order = new long[0];
    private final Long2LongHashMap indexOf = new Long2LongHashMap(-1);
    private int perBlock = 1;
    private int blocks;
    private int[] blockCounts = new int[0];
    private final Long2LongHashMap newest = new Long2LongHashMap(NO_ENTRY);
    private final Long2LongHashMap holders = new Long2LongHashMap(0);
    private final Long2LongHashMap columnDisagreements = new Long2LongHashMap(0);
    private final long[] kindTotals = new long[Kind.values().length];
    private long disagreementTotal;
    private long rebuilds;
    private long columnPasses;

    /** @param maxBlocks the top heat map's blocks per side (at most maxBlocks x maxBlocks cells whatever N is) */
    public ViewMatrix(final int maxBlocks)
    {
        if (maxBlocks < 1)
        {
            throw new IllegalArgumentException("heat map blocks " + maxBlocks + "; accepted: >= 1");
        }
        this.maxBlocks = maxBlocks;
    }

    public ViewMatrix()
    {
        this(LiveCollector.HEAT_MAP_BLOCKS);
    }

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

    private boolean known(final long node)
    {
        return observers.containsKey(node) || selves.containsKey(node);
    }

    /** Record a node's own state (from its report). */
    public void onSelf(final long node, final boolean running, final long incarnation)
    {
        final long packed = incarnation << 1 | (running ? 1 : 0);
        final long old = selves.get(node);
        if (old == NO_ENTRY && !known(node))
        {
            valid = false; // a new node: the blocks are laid out again at the next read
            selves.put(node, packed);
            return;
        }
        if (old != NO_ENTRY && (old & 1) == (packed & 1))
        {
            selves.put(node, packed);
            return;
        }
        if (valid)
        {
            columnPass(node, -1);
        }
        selves.put(node, packed);
        if (valid)
        {
            columnPass(node, +1);
        }
    }

    /** Told every entry an observer's view gained or changed once its whole view had been held (not the first sight). */
    @FunctionalInterface
    public interface ChangeSink
    {
        void onChange(long observer, long member, long incarnation, MemberStatus status);
    }

    /**
     * Record an observer's bucket digests. A bucket whose reported digest is one the matrix already holds (another
     * observer's identical bucket) is taken from there: in an agreeing cluster only one node's view is ever fetched.
     *
     * @return the buckets whose entries the matrix must fetch (reported digest differs from what it holds)
     */
    public long onDigests(final long observer, final long[] bucketDigests)
    {
        return onDigests(observer, bucketDigests, null);
    }

    /** {@link #onDigests(long, long[])}, telling {@code sink} the entries that changed. */
    public long onDigests(final long observer, final long[] bucketDigests, final ChangeSink sink)
    {
        final ObserverView view = observerView(observer);
        System.arraycopy(bucketDigests, 0, view.reportedDigests, 0, LiveView.BUCKETS);
        view.digestsKnown = true;
        for (int b = 0; b < LiveView.BUCKETS; b++)
        {
            final long digest = bucketDigests[b];
            if (digest != view.heldDigests[b])
            {
                final Interned known = digest == 0 ? EMPTY_BUCKET : interned.get(internKey(b, digest));
                if (known != null)
                {
                    replaceBucket(observer, view, b, known.entries, digest, sink);
                }
            }
        }
        markComplete(observer, view);
        return staleBuckets(observer);
    }

    private static final Interned EMPTY_BUCKET = new Interned(new Long2LongHashMap(NO_ENTRY));

    /** A bucket's entries held once for every observer holding the same (bucket, digest); never changed once interned. */
    private static final class Interned
    {
        final Long2LongHashMap entries;
        int refs;

        Interned(final Long2LongHashMap entries)
        {
            this.entries = entries;
        }
    }

    private final Long2ObjectHashMap<Interned> interned = new Long2ObjectHashMap<>();

    private static long internKey(final int bucket, final long digest)
    {
        return digest * 0x9E3779B97F4A7C15L + bucket;
    }

    private static long digestOf(final Long2LongHashMap entries)
    {
        long digest = 0;
        final Long2LongHashMap.EntryIterator it = entries.entrySet().iterator();
        while (it.hasNext())
        {
            it.next();
            final long packed = it.getLongValue();
            digest += LiveView.entryDigest(it.getLongKey(), incarnationOf(packed), statusOf(packed));
        }
        return digest;
    }

    private ObserverView observerView(final long observer)
    {
        ObserverView view = observers.get(observer);
        if (view == null)
        {
            if (!known(observer))
            {
                valid = false;
            }
            view = new ObserverView();
            observers.put(observer, view);
        }
        return view;
    }

    /** Replace the entries of the buckets in {@code bucketsIncluded} with {@code members} (those of these buckets). */
    public void onEntries(final long observer, final long bucketsIncluded, final List<ControlClient.Member> members)
    {
        onEntries(observer, bucketsIncluded, members, null);
    }

    /** {@link #onEntries(long, long, List)}, telling {@code sink} the entries that changed. */
    public void onEntries(
        final long observer, final long bucketsIncluded, final List<ControlClient.Member> members, final ChangeSink sink)
    {
        final ObserverView view = observerView(observer);
        final Long2LongHashMap[] incoming = new Long2LongHashMap[LiveView.BUCKETS];
        for (final ControlClient.Member m : members)
        {
            final int b = LiveView.bucketOf(m.address());
            if ((bucketsIncluded & (1L << b)) == 0)
            {
                continue;
            }
            if (incoming[b] == null)
            {
                incoming[b] = new Long2LongHashMap(NO_ENTRY);
            }
            incoming[b].put(m.address(), pack(m.incarnation(), m.status()));
        }
        for (int b = 0; b < LiveView.BUCKETS; b++)
        {
            if ((bucketsIncluded & (1L << b)) != 0)
            {
                final Long2LongHashMap next = incoming[b] == null ? EMPTY_BUCKET.entries : incoming[b];
                replaceBucket(observer, view, b, next, digestOf(next), sink);
            }
        }
        markComplete(observer, view);
    }

    private void markComplete(final long observer, final ObserverView view)
    {
        if (view.digestsKnown && staleBuckets(observer) == 0)
        {
            view.complete = true;
        }
    }

    /**
     * Point an observer's bucket at {@code next} (interned: shared with every observer holding the same digest). While
     * the derived state is valid, the entries that differ are taken out and put in one by one on a private copy, so the
     * counts follow; otherwise (recounted at the next read anyway) the bucket is just swapped.
     */
    private void replaceBucket(
        final long observer, final ObserverView view, final int b, final Long2LongHashMap next, final long digest,
        final ChangeSink sink)
    {
        final Long2LongHashMap old = view.buckets[b];
        final long oldDigest = view.heldDigests[b];
        final boolean tell = sink != null && view.complete;
        if (valid || tell)
        {
            final Long2LongHashMap work = new Long2LongHashMap(NO_ENTRY);
            if (old != null)
            {
                work.putAll(old);
            }
            view.buckets[b] = work;
            final List<long[]> gone = new ArrayList<>();
            work.forEach((member, packed) ->
            {
                if (next.get(member) != packed)
                {
                    gone.add(new long[]{ member, packed });
                }
            });
            for (final long[] g : gone)
            {
                removeEntry(observer, work, g[0], g[1]);
            }
            final Long2LongHashMap.EntryIterator it = next.entrySet().iterator();
            while (it.hasNext())
            {
                it.next();
                final long member = it.getLongKey();
                final long packed = it.getLongValue();
                if (work.get(member) != packed)
                {
                    addEntry(observer, work, member, packed);
                    if (tell)
                    {
                        sink.onChange(observer, member, incarnationOf(packed), statusOf(packed));
                    }
                }
            }
        }
        else
        {
            entryCount += next.size() - (old == null ? 0 : old.size());
        }
        release(b, oldDigest);
        view.buckets[b] = intern(b, digest, next);
        view.heldDigests[b] = digest;
    }

    private Long2LongHashMap intern(final int b, final long digest, final Long2LongHashMap entries)
    {
        if (entries.isEmpty())
        {
            return null;
        }
        final long key = internKey(b, digest);
        Interned held = interned.get(key);
        if (held == null)
        {
            held = new Interned(entries);
            interned.put(key, held);
        }
        held.refs++;
        return held.entries;
    }

    private void release(final int b, final long digest)
    {
        final long key = internKey(b, digest);
        final Interned held = interned.get(key);
        if (held != null && --held.refs <= 0)
        {
            interned.remove(key);
        }
    }

    /** @return distinct bucket contents held (observers holding the same bucket share it) */
    public int internedBuckets()
    {
        return interned.size();
    }

    private void removeEntry(final long observer, final Long2LongHashMap bucket, final long member, final long packed)
    {
        if (valid)
        {
            contribute(observer, member, packed, -1);
        }
        bucket.remove(member);
        entryCount--;
        if (!valid)
        {
            return;
        }
        final long inc = incarnationOf(packed);
        if (inc == newest.get(member))
        {
            final long left = holders.get(member) - 1;
            if (left > 0)
            {
                holders.put(member, left);
            }
            else
            {
                rescanNewest(member);
            }
        }
    }

    private void addEntry(final long observer, final Long2LongHashMap bucket, final long member, final long packed)
    {
        final long inc = incarnationOf(packed);
        if (valid)
        {
            final long current = newest.get(member);
            if (current == NO_ENTRY)
            {
                newest.put(member, inc);
                holders.remove(member);
            }
            else if (inc > current)
            {
                columnPass(member, -1);
                newest.put(member, inc);
                holders.remove(member);
                columnPass(member, +1);
            }
        }
        bucket.put(member, packed);
        entryCount++;
        if (valid)
        {
            if (inc == newest.get(member))
            {
                holders.put(member, holders.get(member) + 1);
            }
            contribute(observer, member, packed, +1);
        }
    }

    /** The last holder of a member's newest incarnation let go of it: find the newest among the others, O(N). */
    private void rescanNewest(final long member)
    {
        long max = NO_ENTRY;
        long count = 0;
        for (final ObserverView view : observers.values())
        {
            final long packed = view.packed(member);
            if (packed != NO_ENTRY)
            {
                final long inc = incarnationOf(packed);
                if (max == NO_ENTRY || inc > max)
                {
                    max = inc;
                    count = 1;
                }
                else if (inc == max)
                {
                    count++;
                }
            }
        }
        columnPass(member, -1);
        if (max == NO_ENTRY)
        {
            newest.remove(member);
            holders.remove(member);
        }
        else
        {
            newest.put(member, max);
            holders.put(member, count);
        }
        columnPass(member, +1);
    }

    /** Add (+1) or remove (-1) the disagreements of every entry about {@code member}, as classified now. O(N). */
    private void columnPass(final long member, final int sign)
    {
        columnPasses++;
        final long newestIncarnation = newest.get(member);
        final Long2ObjectHashMap<ObserverView>.EntryIterator it = observers.entrySet().iterator();
        while (it.hasNext())
        {
            it.next();
            final long packed = it.getValue().packed(member);
            if (packed != NO_ENTRY)
            {
                final Kind kind = kindOf(it.getLongKey(), member, packed, newestIncarnation);
                if (kind != null)
                {
                    countDisagreement(it.getLongKey(), member, kind, sign);
                }
            }
        }
    }

    /** Add (+1) or remove (-1) one entry's status and disagreement, as classified now. */
    private void contribute(final long observer, final long member, final long packed, final int sign)
    {
        final int cell = cellOf(observer, member);
        if (cell >= 0)
        {
            final MemberStatus s = statusOf(packed);
            blockCounts[cell + (s == MemberStatus.ALIVE ? ALIVE : s == MemberStatus.SUSPECT ? SUSPECT : DEAD)] += sign;
        }
        final Kind kind = kindOf(observer, member, packed, newest.get(member));
        if (kind != null)
        {
            countDisagreement(observer, member, kind, sign);
        }
    }

    private void countDisagreement(final long observer, final long member, final Kind kind, final int sign)
    {
        disagreementTotal += sign;
        kindTotals[kind.ordinal()] += sign;
        final long left = columnDisagreements.get(member) + sign;
        if (left == 0)
        {
            columnDisagreements.remove(member);
        }
        else
        {
            columnDisagreements.put(member, left);
        }
        final int cell = cellOf(observer, member);
        if (cell >= 0)
        {
            blockCounts[cell + DISAGREEING] += sign;
        }
    }

    /** @return the offset of the (observer, member) block's counts, or -1 when either is not a reporting node */
    private int cellOf(final long observer, final long member)
    {
        final long row = indexOf.get(observer);
        final long col = indexOf.get(member);
        if (row < 0 || col < 0)
        {
            return -1;
        }
        return ((int)(row / perBlock) * blocks + (int)(col / perBlock)) * COUNTS;
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

    /** @return whether the observer's whole view has been held at least once (so a new entry is a change) */
    public boolean viewComplete(final long observer)
    {
        final ObserverView view = observers.get(observer);
        return view != null && view.complete;
    }

    /** Forget a node entirely (as observer and as self). */
    public void forget(final long node)
    {
        final ObserverView view = observers.remove(node);
        if (view != null)
        {
            for (int b = 0; b < LiveView.BUCKETS; b++)
            {
                entryCount -= view.buckets[b] == null ? 0 : view.buckets[b].size();
                release(b, view.heldDigests[b]);
            }
        }
        selves.remove(node);
        valid = false;
    }

    /** @return what observer believes about member, or null when it holds no entry */
    public ControlClient.Member entry(final long observer, final long member)
    {
        final ObserverView view = observers.get(observer);
        final long packed = view == null ? NO_ENTRY : view.packed(member);
        return packed == NO_ENTRY ? null : new ControlClient.Member(member, incarnationOf(packed), statusOf(packed));
    }

    /** Number of (observer, member) entries held. O(1). */
    public long entries()
    {
        return entryCount;
    }

    /** @return the number of disagreements (exact). O(1) unless the node set changed since the last read. */
    public long disagreementCount()
    {
        ensureValid();
        return disagreementTotal;
    }

    /** @return the disagreements by kind, indexed by {@link Kind#ordinal()} */
    public long[] disagreementsByKind()
    {
        ensureValid();
        return kindTotals.clone();
    }

    /** @return how often the derived state was rebuilt in O(entries) (the node set changed) */
    public long rebuilds()
    {
        return rebuilds;
    }

    /** @return how many O(N) column reclassifications ran (a member's newest incarnation or own state changed) */
    public long columnPasses()
    {
        return columnPasses;
    }

    /**
     * Disagreements, at most {@code limit} listed (members in address order, then observers; the count is exact).
     * O(members with disagreements + limit x N).
     */
    public List<Disagreement> disagreements(final int limit, final int[] totalOut)
    {
        ensureValid();
        if (totalOut != null && totalOut.length > 0)
        {
            totalOut[0] = (int)Math.min(Integer.MAX_VALUE, disagreementTotal);
        }
        final List<Disagreement> found = new ArrayList<>();
        if (limit <= 0 || disagreementTotal == 0)
        {
            return found;
        }
        final long[] members = new long[columnDisagreements.size()];
        final int[] n = new int[1];
        columnDisagreements.forEach((member, count) -> members[n[0]++] = member);
        Arrays.sort(members, 0, n[0]);
        final long[] observerOrder = observerOrder();
        for (int m = 0; m < n[0] && found.size() < limit; m++)
        {
            final long member = members[m];
            final long newestIncarnation = newest.get(member);
            for (final long observer : observerOrder)
            {
                final long packed = observers.get(observer).packed(member);
                if (packed == NO_ENTRY)
                {
                    continue;
                }
                final Kind kind = kindOf(observer, member, packed, newestIncarnation);
                if (kind != null)
                {
                    found.add(new Disagreement(kind, observer, member, statusOf(packed), incarnationOf(packed), newestIncarnation));
                    if (found.size() >= limit)
                    {
                        break;
                    }
                }
            }
        }
        return found;
    }

    private long[] observerOrder()
    {
        final long[] all = new long[observers.size()];
        int i = 0;
        for (final long observer : order)
        {
            if (observers.containsKey(observer))
            {
                all[i++] = observer;
            }
        }
        return Arrays.copyOf(all, i);
    }

    private Kind kindOf(final long observer, final long member, final long packed, final long newestIncarnation)
    {
        return observer == member ? null : kindHeldByOther(member, packed, newestIncarnation);
    }

    /** @return the disagreement of an entry about {@code member} held by another node, or null */
    private Kind kindHeldByOther(final long member, final long packed, final long newestIncarnation)
    {
        final MemberStatus held = statusOf(packed);
        final long self = selves.get(member);
        if (self != NO_ENTRY && (self & 1) != 0 && (held == MemberStatus.DEAD || held == MemberStatus.LEFT))
        {
            return Kind.DEAD_WHILE_ALIVE;
        }
        if (self != NO_ENTRY && (self & 1) == 0 && held == MemberStatus.ALIVE)
        {
            return Kind.ALIVE_WHILE_DOWN;
        }
        if (newestIncarnation != NO_ENTRY && incarnationOf(packed) < newestIncarnation)
        {
            return Kind.INCARNATION_SPLIT;
        }
        return null;
    }

    private void ensureValid()
    {
        if (!valid)
        {
            rebuild();
        }
    }

    /** Lay the blocks out over the sorted node list and recount everything. O(entries). */
    private void rebuild()
    {
        rebuilds++;
        final Long2LongHashMap all = new Long2LongHashMap(-1);
        observers.keySet().forEach(node -> all.put(node, 0));
        selves.keySet().forEach(node -> all.put(node, 0));
        order = new long[all.size()];
        final int[] i = new int[1];
        all.keySet().forEach(node -> order[i[0]++] = node);
        Arrays.sort(order);
        indexOf.clear();
        for (int k = 0; k < order.length; k++)
        {
            indexOf.put(order[k], k);
        }
        final int n = order.length;
        perBlock = Math.max(1, (n + maxBlocks - 1) / maxBlocks);
        blocks = n == 0 ? 0 : (n + perBlock - 1) / perBlock;
        blockCounts = new int[blocks * blocks * COUNTS];
        newest.clear();
        holders.clear();
        columnDisagreements.clear();
        Arrays.fill(kindTotals, 0);
        disagreementTotal = 0;
        // observers holding the same bucket share its map: count each distinct map once, weighted by its holders
        final java.util.IdentityHashMap<Long2LongHashMap, int[]> holdersOf = new java.util.IdentityHashMap<>();
        for (final ObserverView view : observers.values())
        {
            for (final Long2LongHashMap bucket : view.buckets)
            {
                if (bucket != null)
                {
                    holdersOf.computeIfAbsent(bucket, x -> new int[1])[0]++;
                }
            }
        }
        holdersOf.forEach((bucket, count) -> bucket.forEachLong((member, packed) ->
        {
            final long inc = incarnationOf(packed);
            final long current = newest.get(member);
            if (current == NO_ENTRY || inc > current)
            {
                newest.put(member, inc);
                holders.put(member, count[0]);
            }
            else if (inc == current)
            {
                holders.put(member, holders.get(member) + count[0]);
            }
        }));
        valid = true;
        // per distinct bucket: its counts by column block (as held by anyone but the member itself)
        final java.util.IdentityHashMap<Long2LongHashMap, int[]> countsOf = new java.util.IdentityHashMap<>();
        holdersOf.forEach((bucket, count) ->
        {
            final int[] counts = new int[blocks * COUNTS];
            bucket.forEachLong((member, packed) ->
            {
                final long col = indexOf.get(member);
                final Kind kind = kindHeldByOther(member, packed, newest.get(member));
                if (col >= 0)
                {
                    final MemberStatus st = statusOf(packed);
                    final int at = (int)(col / perBlock) * COUNTS;
                    counts[at + (st == MemberStatus.ALIVE ? ALIVE : st == MemberStatus.SUSPECT ? SUSPECT : DEAD)]++;
                    counts[at + DISAGREEING] += kind == null ? 0 : 1;
                }
                if (kind != null)
                {
                    disagreementTotal += count[0];
                    kindTotals[kind.ordinal()] += count[0];
                    columnDisagreements.put(member, columnDisagreements.get(member) + count[0]);
                }
            });
            countsOf.put(bucket, counts);
        });
        // per observer: add its buckets' counts to its row, then take out its entry about itself (never a disagreement)
        final Long2ObjectHashMap<ObserverView>.EntryIterator it = observers.entrySet().iterator();
        while (it.hasNext())
        {
            it.next();
            final long observer = it.getLongKey();
            final ObserverView view = it.getValue();
            final int rowAt = (int)(indexOf.get(observer) / perBlock) * blocks * COUNTS;
            for (final Long2LongHashMap bucket : view.buckets)
            {
                if (bucket != null)
                {
                    final int[] counts = countsOf.get(bucket);
                    for (int k = 0; k < counts.length; k++)
                    {
                        blockCounts[rowAt + k] += counts[k];
                    }
                }
            }
            final long own = view.packed(observer);
            if (own != NO_ENTRY)
            {
                final Kind kind = kindHeldByOther(observer, own, newest.get(observer));
                if (kind != null)
                {
                    countDisagreement(observer, observer, kind, -1);
                }
            }
        }
    }

    /** The matrix aggregated into at most maxBlocks x maxBlocks blocks of the sorted node list. O(blocks^2). */
    public HeatMap heatMap()
    {
        ensureValid();
        final int n = order.length;
        final List<Block> cells = new ArrayList<>(blocks * blocks);
        for (int r = 0; r < blocks; r++)
        {
            for (int c = 0; c < blocks; c++)
            {
                final int rows = Math.min(perBlock, n - r * perBlock);
                final int cols = Math.min(perBlock, n - c * perBlock);
                final int at = (r * blocks + c) * COUNTS;
                cells.add(block(r, c, rows * cols, blockCounts[at + ALIVE], blockCounts[at + SUSPECT],
                    blockCounts[at + DEAD], blockCounts[at + DISAGREEING]));
            }
        }
        return new HeatMap(n, blocks, perBlock, 0, n, 0, n, blocks, blocks, labels(0, n, perBlock), labels(0, n, perBlock),
            cells);
    }

    private static Block block(final int r, final int c, final int pairs, final int alive, final int suspect, final int dead,
        final int disagreements)
    {
        return new Block(r, c, pairs, alive, suspect, dead, pairs - alive - suspect - dead, disagreements);
    }

    private List<String> labels(final int from, final int to, final int per)
    {
        final List<String> labels = new ArrayList<>();
        for (int k = from; k < to; k += per)
        {
            labels.add(Addresses.toString(order[k]));
        }
        return labels;
    }

    /** The same heat map as {@link #heatMap()}, recomputed from the entries in O(entries) (to check the increments). */
    HeatMap heatMapFromScratch()
    {
        valid = false;
        return heatMap();
    }

    /**
     * A drill-down: rows [rowFrom, rowTo) x columns [colFrom, colTo) of the sorted node list, aggregated into at most
     * maxBlocks blocks per side (real cells once the range is that small). O(rows x cols), refused above
     * {@link #MAX_DRILL_PAIRS}.
     */
    public HeatMap heatMap(final int rowFrom, final int rowTo, final int colFrom, final int colTo)
    {
        ensureValid();
        final int n = order.length;
        if (rowFrom < 0 || rowTo > n || rowFrom >= rowTo || colFrom < 0 || colTo > n || colFrom >= colTo)
        {
            throw new IllegalArgumentException("rows [" + rowFrom + ", " + rowTo + ") x columns [" + colFrom + ", " + colTo +
                "); accepted: non-empty ranges within [0, " + n + ")");
        }
        final int rows = rowTo - rowFrom;
        final int cols = colTo - colFrom;
        if ((long)rows * cols > MAX_DRILL_PAIRS)
        {
            throw new IllegalArgumentException("rows x columns = " + (long)rows * cols + " pairs; accepted: at most " +
                MAX_DRILL_PAIRS + " (drill into one block of the heat map)");
        }
        final int per = Math.max(1, (Math.max(rows, cols) + maxBlocks - 1) / maxBlocks);
        final int rowBlocks = (rows + per - 1) / per;
        final int colBlocks = (cols + per - 1) / per;
        final int[] counts = new int[rowBlocks * colBlocks * COUNTS];
        for (int r = rowFrom; r < rowTo; r++)
        {
            final long observer = order[r];
            final ObserverView view = observers.get(observer);
            if (view == null)
            {
                continue;
            }
            for (int c = colFrom; c < colTo; c++)
            {
                final long member = order[c];
                final long packed = view.packed(member);
                if (packed == NO_ENTRY)
                {
                    continue;
                }
                final int at = (((r - rowFrom) / per) * colBlocks + (c - colFrom) / per) * COUNTS;
                final MemberStatus s = statusOf(packed);
                counts[at + (s == MemberStatus.ALIVE ? ALIVE : s == MemberStatus.SUSPECT ? SUSPECT : DEAD)]++;
                if (kindOf(observer, member, packed, newest.get(member)) != null)
                {
                    counts[at + DISAGREEING]++;
                }
            }
        }
        final List<Block> cells = new ArrayList<>(rowBlocks * colBlocks);
        for (int rb = 0; rb < rowBlocks; rb++)
        {
            for (int cb = 0; cb < colBlocks; cb++)
            {
                final int h = Math.min(per, rows - rb * per);
                final int w = Math.min(per, cols - cb * per);
                final int at = (rb * colBlocks + cb) * COUNTS;
                cells.add(block(rb, cb, h * w, counts[at + ALIVE], counts[at + SUSPECT], counts[at + DEAD],
                    counts[at + DISAGREEING]));
            }
        }
        return new HeatMap(n, Math.max(rowBlocks, colBlocks), per, rowFrom, rowTo, colFrom, colTo, rowBlocks, colBlocks,
            labels(rowFrom, rowTo, per), labels(colFrom, colTo, per), cells);
    }

    /** Every node known to the matrix (as observer or as reporting self), sorted. */
    public long[] nodes()
    {
        ensureValid();
        return order.clone();
    }

    @FunctionalInterface
    private interface EntryVisitor
    {
        void onEntry(long observer, long member, long packed);
    }

    private void forEachEntry(final EntryVisitor visitor)
    {
        final Long2ObjectHashMap<ObserverView>.EntryIterator it = observers.entrySet().iterator();
        while (it.hasNext())
        {
            it.next();
            final long observer = it.getLongKey();
            for (final Long2LongHashMap bucket : it.getValue().buckets)
            {
                if (bucket != null)
                {
                    final Long2LongHashMap.EntryIterator entries = bucket.entrySet().iterator();
                    while (entries.hasNext())
                    {
                        entries.next();
                        visitor.onEntry(observer, entries.getLongKey(), entries.getLongValue());
                    }
                }
            }
        }
    }
}
