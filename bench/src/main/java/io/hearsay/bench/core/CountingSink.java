package io.hearsay.bench.core;

import io.hearsay.core.Channel;
import io.hearsay.core.CoreEventSink;
import io.hearsay.core.MemberStatus;
import org.agrona.DirectBuffer;

/** A core event sink that only counts (the event log has its own benchmark). */
public final class CountingSink implements CoreEventSink
{
    public long eventsLearned;
    /** events learned by {@link Channel} ordinal */
    public final long[] learnedByChannel = new long[Channel.values().length];
    public long memberChanges;
    public long appData;

    public void onEventLearned(
        final long nowNs, final long node, final long origin, final long sequence, final long createdWallNs,
        final int round, final int hops, final long fromAddress, final Channel channel, final int duplicates,
        final DirectBuffer payload, final int payloadOffset, final int payloadLength)
    {
        eventsLearned++;
        learnedByChannel[channel.ordinal()]++;
    }

    public void onMemberChange(
        final long nowNs, final long node, final long member, final MemberStatus status, final long incarnation)
    {
        memberChanges++;
    }

    public void onAppData(
        final long nowNs, final long node, final long from, final long correlationId, final boolean isResponse,
        final DirectBuffer data, final int offset, final int length)
    {
        appData++;
    }
}
