package io.hearsay.daemon.shell;

import io.hearsay.core.Channel;
import io.hearsay.core.CoreEventSink;
import io.hearsay.core.MemberStatus;
import io.hearsay.records.log.EventLogWriter;
import org.agrona.DirectBuffer;

/** One hosted node's core events into the process's event log, with the wall clock added. */
public final class EventLogSink implements CoreEventSink
{
    private final EventLogWriter writer;
    private final ShellClock clock;

    public EventLogSink(final EventLogWriter writer, final ShellClock clock)
    {
        this.writer = writer;
        this.clock = clock;
    }

    public void onEventLearned(
        final long nowNs, final long node, final long origin, final long sequence, final long createdWallNs,
        final int round, final int hops, final long fromAddress, final Channel channel, final int duplicates,
        final DirectBuffer payload, final int payloadOffset, final int payloadLength)
    {
        writer.eventLearned(
            clock.wallNs(nowNs), nowNs, node, origin, sequence, createdWallNs, round, hops, fromAddress, channel, duplicates);
    }

    public void onMemberChange(
        final long nowNs, final long node, final long member, final MemberStatus status, final long incarnation)
    {
        writer.memberChange(clock.wallNs(nowNs), nowNs, node, member, status, incarnation);
    }
}
