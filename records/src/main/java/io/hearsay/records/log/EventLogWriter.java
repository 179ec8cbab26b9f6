package io.hearsay.records.log;

import io.hearsay.core.Channel;
import io.hearsay.core.EventLearned;
import io.hearsay.core.MemberStatus;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/**
 * Appends a process's log records to one Chronicle Queue (memory-mapped: a record is in the page cache as soon as
 * the append returns, so a kill -9 of the process loses nothing already appended). Single writer thread.
 */
public final class EventLogWriter implements AutoCloseable
{
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;

    public EventLogWriter(final Path queueDir)
    {
        queue = SingleChronicleQueueBuilder.binary(queueDir).rollCycle(LargeRollCycles.LARGE_DAILY).build();
        appender = queue.createAppender();
    }

    public Path path()
    {
        return queue.file().toPath();
    }

    /** The core's view of a first learning, stamped with the wall clock (duplicates: none at first learning). */
    public void eventLearned(final long wallNs, final EventLearned event)
    {
        eventLearned(wallNs, event.nowNs(), event.node(), event.origin(), event.sequence(), event.createdWallNs(),
            event.round(), event.hops(), event.fromAddress(), event.channel(), 0);
    }

    public void eventLearned(
        final long wallNs, final long monoNs, final long node, final long origin, final long sequence,
        final long createdWallNs, final int round, final int hops, final long from, final Channel channel,
        final int duplicates)
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(LogRecord.EVENT_LEARNED).writeByte(LogRecord.LAYOUT_VERSION)
                .writeLong(wallNs).writeLong(monoNs).writeLong(node)
                .writeLong(origin).writeLong(sequence).writeLong(createdWallNs)
                .writeInt(round).writeInt(hops).writeLong(from)
                .writeByte((byte)channel.ordinal()).writeInt(duplicates);
        }
    }

    public void memberChange(
        final long wallNs, final long monoNs, final long node, final long member, final MemberStatus status,
        final long incarnation)
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(LogRecord.MEMBER_CHANGE).writeByte(LogRecord.LAYOUT_VERSION)
                .writeLong(wallNs).writeLong(monoNs).writeLong(node)
                .writeLong(member).writeByte((byte)status.ordinal()).writeLong(incarnation);
        }
    }

    public void nodeStats(
        final long wallNs, final long monoNs, final long node, final long messagesSent, final long messagesReceived,
        final long bytesSent, final long bytesReceived, final long packetsDropped, final long maxReceivedPerRound)
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(LogRecord.NODE_STATS).writeByte(LogRecord.LAYOUT_VERSION)
                .writeLong(wallNs).writeLong(monoNs).writeLong(node)
                .writeLong(messagesSent).writeLong(messagesReceived).writeLong(bytesSent).writeLong(bytesReceived)
                .writeLong(packetsDropped).writeLong(maxReceivedPerRound);
        }
    }

    @Override
    public void close()
    {
        queue.close();
    }
}
