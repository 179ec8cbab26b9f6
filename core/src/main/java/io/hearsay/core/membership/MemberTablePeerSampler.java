package io.hearsay.core.membership;

import io.hearsay.core.rumor.PeerSampler;

import java.util.random.RandomGenerator;

/** Uniform sampling over the live peers of this node's own member table. */
public final class MemberTablePeerSampler implements PeerSampler
{
    private final MemberTable members;

    public MemberTablePeerSampler(final MemberTable members)
    {
        this.members = members;
    }

    public int peerCount()
    {
        return members.peerCount();
    }

    public long samplePeer(final RandomGenerator random)
    {
        final int count = members.peerCount();
        return count == 0 ? NO_PEER : members.address(members.peerSlot(random.nextInt(count)));
    }
}
