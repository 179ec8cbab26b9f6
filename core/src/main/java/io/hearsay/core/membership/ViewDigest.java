package io.hearsay.core.membership;

import io.hearsay.core.MemberStatus;
import io.hearsay.core.Node;

import java.util.Arrays;

/**
 * A node's view of the others summarised for the master's live view: {@value #BUCKETS} buckets by a hash of the member
 * address, each with an order-independent digest of its entries (address, incarnation, status) and an entry count,
 * plus the members by status. A bucket's digest is the sum of {@link #entryDigest} over its entries, so an entry that
 * changes is taken out ({@link #remove}) and put back ({@link #add}) in O(1): the {@link MemberTable} keeps one up to
 * date as it changes, and a report copies it ({@link #copyFrom}) instead of walking the table. As a
 * {@link Node.MemberVisitor} it also sums a walk of a table (after {@link #reset}). Allocation-free.
 */
public class ViewDigest implements Node.MemberVisitor
{
    public static final int BUCKETS = 64;

    private final long[] digests = new long[BUCKETS];
    private final int[] counts = new int[BUCKETS];
    private int alive;
    private int suspect;
    private int dead;

    /** @return the bucket of a member address, in [0, {@value #BUCKETS}) */
    public static int bucketOf(final long address)
    {
        return (int)(mix(address) >>> 58);
    }

    /** @return the digest contribution of one entry; a bucket's digest is the sum over its entries */
    public static long entryDigest(final long address, final long incarnation, final MemberStatus status)
    {
        return entryDigest(address, incarnation, status.ordinal());
    }

    private static long entryDigest(final long address, final long incarnation, final int statusOrdinal)
    {
        return mix(address * 0x9E3779B97F4A7C15L + incarnation * 0xC2B2AE3D27D4EB4FL + statusOrdinal + 1);
    }

    /** @return the digest of a whole view from its bucket digests */
    public static long viewDigest(final long[] bucketDigests)
    {
        long digest = 0;
        for (int b = 0; b < bucketDigests.length; b++)
        {
            digest += mix(bucketDigests[b] + b);
        }
        return digest;
    }

    /** SplitMix64's finaliser. */
    static long mix(final long value)
    {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public void reset()
    {
        Arrays.fill(digests, 0);
        Arrays.fill(counts, 0);
        alive = 0;
        suspect = 0;
        dead = 0;
    }

    /** Make this a copy of {@code other} (O(buckets), whatever the table's size). */
    public void copyFrom(final ViewDigest other)
    {
        System.arraycopy(other.digests, 0, digests, 0, BUCKETS);
        System.arraycopy(other.counts, 0, counts, 0, BUCKETS);
        alive = other.alive;
        suspect = other.suspect;
        dead = other.dead;
    }

    @Override
    public void onMember(final long address, final MemberStatus status, final long incarnation, final long bootId)
    {
        add(address, incarnation, status.ordinal());
    }

    /** Count one entry in (statusOrdinal: a {@link MemberStatus} ordinal). */
    public void add(final long address, final long incarnation, final int statusOrdinal)
    {
        final int bucket = bucketOf(address);
        digests[bucket] += entryDigest(address, incarnation, statusOrdinal);
        counts[bucket]++;
        byStatus(statusOrdinal, 1);
    }

    /** Take out an entry counted in before with the same values. */
    public void remove(final long address, final long incarnation, final int statusOrdinal)
    {
        final int bucket = bucketOf(address);
        digests[bucket] -= entryDigest(address, incarnation, statusOrdinal);
        counts[bucket]--;
        byStatus(statusOrdinal, -1);
    }

    private void byStatus(final int statusOrdinal, final int delta)
    {
        if (statusOrdinal == MemberStatus.ALIVE.ordinal())
        {
            alive += delta;
        }
        else if (statusOrdinal == MemberStatus.SUSPECT.ordinal())
        {
            suspect += delta;
        }
        else
        {
            dead += delta;
        }
    }

    public long digest(final int bucket)
    {
        return digests[bucket];
    }

    public int count(final int bucket)
    {
        return counts[bucket];
    }

    public long viewDigest()
    {
        return viewDigest(digests);
    }

    public int memberCount()
    {
        return alive + suspect + dead;
    }

    public int alive()
    {
        return alive;
    }

    public int suspect()
    {
        return suspect;
    }

    /** dead or left */
    public int dead()
    {
        return dead;
    }

    /** @return whether both hold the same digests and counts */
    public boolean sameAs(final ViewDigest other)
    {
        return Arrays.equals(digests, other.digests) && Arrays.equals(counts, other.counts) && alive == other.alive &&
            suspect == other.suspect && dead == other.dead;
    }
}
