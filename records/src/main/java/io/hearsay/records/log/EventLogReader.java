package io.hearsay.records.log;

import io.hearsay.core.Channel;
import io.hearsay.core.MemberStatus;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads one event-log queue from the start. A record that cannot be decoded is counted and skipped; an unreadable
 * queue raises an exception naming the folder (the caller reports it and goes on with the other queues).
 */
public final class EventLogReader
{
    private EventLogReader()
    {
    }

    /** Result of reading one queue. */
    public static final class Stats
    {
        public long records;
        public long skipped;
        /** of the skipped records, those written with another layout version than {@link LogRecord#LAYOUT_VERSION} */
        public long otherLayoutVersion;
        /** the last other layout version seen (valid when {@link #otherLayoutVersion} &gt; 0) */
        public int otherVersion;
    }

    /**
     * Calls {@code consumer} with each record (the same {@link LogRecord} instance, refilled).
     *
     * @throws IllegalStateException naming the queue when it cannot be opened or read
     */
    public static Stats read(final Path queueDir, final Consumer<LogRecord> consumer)
    {
        final Stats stats = new Stats();
        final LogRecord record = new LogRecord();
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(queueDir).readOnly(true)
            .rollCycle(LargeRollCycles.LARGE_DAILY).build())
        {
            final ExcerptTailer tailer = queue.createTailer();
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final long start = bytes.readPosition();
                    if (decode(bytes, record))
                    {
                        stats.records++;
                        consumer.accept(record);
                    }
                    else
                    {
                        stats.skipped++;
                        if (bytes.readLimit() - start >= 2)
                        {
                            final byte version = bytes.readByte(start + 1);
                            if (version != LogRecord.LAYOUT_VERSION)
                            {
                                stats.otherLayoutVersion++;
                                stats.otherVersion = version;
                            }
                        }
                    }
                }
            }
        }
        catch (final RuntimeException | InternalError ex)
        {
            // InternalError: a memory-mapped access faulted, typically a .cq4 file truncated after it was written
            throw new IllegalStateException("cannot read event log " + queueDir + ": " + ex, ex);
        }
        return stats;
    }

    static boolean decode(final Bytes<?> bytes, final LogRecord r)
    {
        if (bytes.readRemaining() < 2)
        {
            return false;
        }
        r.type = bytes.readByte();
        final byte version = bytes.readByte();
        if (version != LogRecord.LAYOUT_VERSION)
        {
            return false;
        }
        switch (r.type)
        {
            case LogRecord.EVENT_LEARNED:
                if (bytes.readRemaining() < 7 * 8 + 4 * 3 + 1)
                {
                    return false;
                }
                r.wallNs = bytes.readLong();
                r.monoNs = bytes.readLong();
                r.node = bytes.readLong();
                r.origin = bytes.readLong();
                r.sequence = bytes.readLong();
                r.createdWallNs = bytes.readLong();
                r.round = bytes.readInt();
                r.hops = bytes.readInt();
                r.from = bytes.readLong();
                final int channel = bytes.readByte();
                if (channel < 0 || channel >= Channel.values().length)
                {
                    return false;
                }
                r.channel = Channel.fromOrdinal(channel);
                r.duplicates = bytes.readInt();
                return true;
            case LogRecord.MEMBER_CHANGE:
                if (bytes.readRemaining() < 8 * 5 + 1)
                {
                    return false;
                }
                r.wallNs = bytes.readLong();
                r.monoNs = bytes.readLong();
                r.node = bytes.readLong();
                r.member = bytes.readLong();
                final int status = bytes.readByte();
                if (status < 0 || status >= MemberStatus.values().length)
                {
                    return false;
                }
                r.status = MemberStatus.fromOrdinal(status);
                r.incarnation = bytes.readLong();
                return true;
            case LogRecord.NODE_STATS:
                if (bytes.readRemaining() < 8 * 9)
                {
                    return false;
                }
                r.wallNs = bytes.readLong();
                r.monoNs = bytes.readLong();
                r.node = bytes.readLong();
                r.messagesSent = bytes.readLong();
                r.messagesReceived = bytes.readLong();
                r.bytesSent = bytes.readLong();
                r.bytesReceived = bytes.readLong();
                r.packetsDropped = bytes.readLong();
                r.maxReceivedPerRound = bytes.readLong();
                return true;
            default:
                return false;
        }
    }
}
