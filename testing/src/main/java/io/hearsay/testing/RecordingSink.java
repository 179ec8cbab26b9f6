package io.hearsay.testing;

import io.hearsay.core.Channel;
import io.hearsay.core.CoreEventSink;
import io.hearsay.core.EventLearned;
import io.hearsay.core.MemberStatus;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A core event sink for tests and benchmarks. It always counts (without allocating); a recording sink also keeps
 * what it was told as text, and fails on an event learned twice.
 */
public final class RecordingSink implements CoreEventSink
{
    /** "origin:sequence" of every event learned (recording only) */
    public final Set<String> learned = new HashSet<>();
    /** "origin:sequence round=R hops=H channel=C" in order (recording only) */
    public final List<String> learnedLog = new ArrayList<>();
    /** "member STATUS incarnation" in order (recording only) */
    public final List<String> memberChanges = new ArrayList<>();
    /** "from correlationId isResponse text" in order (recording only) */
    public final List<String> appData = new ArrayList<>();
    /** correlation ids of requests that timed out (recording only) */
    public final List<Long> timeouts = new ArrayList<>();
    public long eventsLearned;
    /** events learned by {@link Channel} ordinal */
    public final long[] learnedByChannel = new long[Channel.values().length];
    public long memberChangeCount;
    public long appDataCount;
    private final boolean recording;

    /** A recording sink. */
    public RecordingSink()
    {
        this(true);
    }

    /** @param recording keep what was told as text (allocates); else only count */
    public RecordingSink(final boolean recording)
    {
        this.recording = recording;
    }

    public void onEventLearned(final EventLearned event)
    {
        eventsLearned++;
        learnedByChannel[event.channel().ordinal()]++;
        if (!recording)
        {
            return;
        }
        final String id = event.origin() + ":" + event.sequence();
        if (!learned.add(id))
        {
            throw new AssertionError("node " + event.node() + " learned " + id + " twice");
        }
        learnedLog.add(id + " round=" + event.round() + " hops=" + event.hops() + " channel=" + event.channel());
    }

    public void onMemberChange(final long nowNs, final long node, final long member, final MemberStatus status, final long incarnation)
    {
        memberChangeCount++;
        if (recording)
        {
            memberChanges.add(member + " " + status + " " + incarnation);
        }
    }

    public void onAppData(
        final long nowNs, final long node, final long from, final long correlationId, final boolean isResponse,
        final DirectBuffer data, final int offset, final int length)
    {
        appDataCount++;
        if (recording)
        {
            final byte[] bytes = new byte[length];
            data.getBytes(offset, bytes);
            appData.add(from + " " + correlationId + " " + isResponse + " " + new String(bytes));
        }
    }

    public void onRequestTimeout(final long nowNs, final long node, final long correlationId)
    {
        if (recording)
        {
            timeouts.add(correlationId);
        }
    }
}
