package io.hearsay.daemon.control;

import io.hearsay.core.Node;
import io.hearsay.core.MemberStatus;

/**
 * One node's view of the others as the live report summarises it: {@value #BUCKETS} buckets by a hash of the member
 * address, each with an order-independent digest of its entries (address, incarnation, status) and an entry count,
 * plus the members by status. The node fills it by visiting its member table; the master computes the same digests
 * over what it holds, so it asks a node only for the buckets whose digest changed. Reusable: {@link #reset()} between
 * visits (no allocation).
 */
public final class LiveView implements Node.MemberVisitor
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
        return mix(address * 0x9E3779B97F4A7C15L + incarnation * 0xC2B2AE3D27D4EB4FL + status.ordinal() + 1);
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
        java.util.Arrays.fill(digests, 0);
        java.util.Arrays.fill(counts, 0);
        alive = 0;
        suspect = 0;
        dead = 0;
    }

    @Override
    public void onMember(final long address, final MemberStatus status, final long incarnation, final long bootId)
    {
        final int bucket = bucketOf(address);
        digests[bucket] += entryDigest(address, incarnation, status);
        counts[bucket]++;
        switch (status)
        {
            case ALIVE -> alive++;
            case SUSPECT -> suspect++;
            default -> dead++;
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
}
