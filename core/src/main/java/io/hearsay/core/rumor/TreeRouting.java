package io.hearsay.core.rumor;

import io.hearsay.core.membership.MemberTable;

import java.util.Arrays;

/**
 * The tree strategies' routing, computed locally from this node's member table with no protocol state: the live
 * members (this node included) ordered by address form a ring; the tree of a rumor is rooted at its origin (rank 0),
 * a member's rank is its distance from the origin along the ring, and the children of rank r are the ranks
 * {@code d·r + 1 … d·r + d}. Nodes whose views agree compute the same tree; where views differ or a forward is lost,
 * the fallback gossip covers.
 * <p>
 * The sorted view is rebuilt only when the member table's live set changes ({@link MemberTable#liveVersion()}); per
 * rumor, finding the ranks is two binary searches: no allocation.
 */
public final class TreeRouting
{
    public static final int NOT_IN_VIEW = -1;

    private final MemberTable members;
    private final long selfAddress;
    private long[] sorted = new long[16];
    private int count;
    private int builtVersion = -1;
    private int originIndex;

    public TreeRouting(final MemberTable members, final long selfAddress)
    {
        this.members = members;
        this.selfAddress = selfAddress;
    }

    /**
     * Places the tree of a rumor from {@code origin}.
     *
     * @return this node's rank in it, or {@link #NOT_IN_VIEW} when the origin is not a live member in this view
     */
    public int rankOf(final long origin)
    {
        refresh();
        originIndex = Arrays.binarySearch(sorted, 0, count, origin);
        if (originIndex < 0)
        {
            return NOT_IN_VIEW;
        }
        final int selfIndex = Arrays.binarySearch(sorted, 0, count, selfAddress);
        return Math.floorMod(selfIndex - originIndex, count);
    }

    /** live members in the view, this node included */
    public int size()
    {
        refresh();
        return count;
    }

    /** the first child rank of {@code rank} with {@code fanout} children per node (may be past {@link #size()}) */
    public static long firstChildRank(final int rank, final int fanout)
    {
        return (long)fanout * rank + 1;
    }

    /** the address at {@code rank} of the tree placed by the last {@link #rankOf} */
    public long addressAtRank(final long rank)
    {
        return sorted[(int)((originIndex + rank) % count)];
    }

    private void refresh()
    {
        final int version = members.liveVersion();
        if (version == builtVersion)
        {
            return;
        }
        final int peers = members.peerCount();
        if (sorted.length < peers + 1)
        {
            sorted = new long[Math.max(peers + 1, sorted.length * 2)];
        }
        for (int i = 0; i < peers; i++)
        {
            sorted[i] = members.address(members.peerSlot(i));
        }
        sorted[peers] = selfAddress;
        count = peers + 1;
        Arrays.sort(sorted, 0, count);
        builtVersion = version;
    }
}
