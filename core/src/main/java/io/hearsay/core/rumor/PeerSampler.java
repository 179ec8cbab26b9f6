package io.hearsay.core.rumor;

import java.util.random.RandomGenerator;

/**
 * Where a strategy picks the peers it calls. The daemon samples its own member table uniformly; the simulator may
 * plug a shared global view so that a large simulation does not hold a member table per node.
 */
public interface PeerSampler
{
    /** "no peer", and "exclude nobody" for {@link #sampleDistinct} */
    long NO_PEER = Long.MIN_VALUE;

    /** live peers that can be sampled (this node excluded) */
    int peerCount();

    /** a uniformly random live peer, or {@link #NO_PEER} */
    long samplePeer(RandomGenerator random);

    /**
     * Up to {@code count} distinct uniformly random peers, none equal to {@code exclude}, by rejection
     * (bounded attempts).
     *
     * @return how many were written to {@code out}
     */
    default int sampleDistinct(final RandomGenerator random, final int count, final long exclude, final long[] out)
    {
        final int wanted = Math.min(count, out.length);
        int chosen = 0;
        int attempts = 0;
        final int maxAttempts = 4 * wanted + 16;
        while (chosen < wanted && attempts++ < maxAttempts && peerCount() > 0)
        {
            final long peer = samplePeer(random);
            if (peer == exclude || peer == NO_PEER)
            {
                continue;
            }
            boolean duplicate = false;
            for (int i = 0; i < chosen; i++)
            {
                if (out[i] == peer)
                {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate)
            {
                out[chosen++] = peer;
            }
        }
        return chosen;
    }
}
