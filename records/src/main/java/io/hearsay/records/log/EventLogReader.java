package io.hearsay.records.log;

import io.hearsay.core.Channel;
import io.hearsay.core.MemberStatus;
import io.hearsay.records.sbe.EventLearnedDecoder;
import io.hearsay.records.sbe.MemberChangeDecoder;
import io.hearsay.records.sbe.MessageHeaderDecoder;
import io.hearsay.records.sbe.MasterCommandDecoder;
import io.hearsay.records.sbe.NodeStateDecoder;
import io.hearsay.records.sbe.NodeStatsDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Reads one event-log queue from the start, file by file ({@code *.cq4} in name order, which is time order), without
 * Chronicle's tailer: it walks the queue's documents itself so that damage cannot stop or derail it.
 * <p>
 * A document is a 4-byte header (length, metadata and not-complete bits) and its bytes; a data document is one
 * record checked by its CRC32C. At a header or record that does not check out, the reader scans forward for the next
 * record whose checksum holds, and counts what it lost from the gap in the records' numbers ({@code recordSeq}). A
 * file that ends inside a record, or before the last document its queue header names, was cut: the records after
 * the cut are counted from the header's last position. Every damaged file is one {@link FileDamage} in
 * {@link Stats#damaged}; every undamaged record reaches the consumer.
 */
public final class EventLogReader
{
    static final int LENGTH_MASK = (1 << 30) - 1;
    static final int META_DATA = 1 << 30;
    static final int NOT_COMPLETE = 1 << 31;
    /** bytes after the apparent end of the data checked for more records when the queue header is unreadable */
    static final int LOOKAHEAD_BYTES = 1 << 20;
    private static final int MIN_RECORD_BYTES = MessageHeaderDecoder.ENCODED_LENGTH + LogRecord.CHECKSUM_BYTES;
    private static final String RUNS_PAST_END = "file ends inside a record";
    private static final String INDEX_RUNS_PAST_END = "file ends inside the queue's index";
    /** damaged stretches named one by one in {@link FileDamage#describe()} */
    static final int OFFSETS_NAMED = 3;

    private EventLogReader()
    {
    }

    /** Result of reading one queue. */
    public static final class Stats
    {
        /** records read and passed to the consumer */
        public long records;
        /** intact records this build cannot decode (another layout or an unknown record type), skipped */
        public long skipped;
        /** of the skipped records, those written with another layout (pre-SBE layout or another schema) */
        public long otherLayoutVersion;
        /** the last other layout version seen (valid when {@link #otherLayoutVersion} &gt; 0) */
        public int otherVersion;
        /** records lost to damage, all files (a lower bound when a file's count is estimated) */
        public long lost;
        /** one entry per damaged file */
        public final List<FileDamage> damaged = new ArrayList<>();
    }

    /** What one damaged file lost. */
    public static final class FileDamage
    {
        public final Path file;
        /** records read from this file */
        public long read;
        /** records lost in this file */
        public long lost;
        /** true when {@link #lost} is an estimate (the file was cut: the records after the cut are counted by size) */
        public boolean estimated;
        /** true when the file was cut before any record could be read: every record it held is lost, count unknown */
        public boolean allLost;
        /** where each damaged stretch starts (byte offset in the file) */
        public final List<Long> offsets = new ArrayList<>();
        /** what was found, e.g. "checksum mismatch", "file ends inside a record" */
        public final List<String> causes = new ArrayList<>();

        FileDamage(final Path file)
        {
            this.file = file;
        }

        /**
         * "read N of M records, lost K at offset X (cause)", without the file name; at most
         * {@link #OFFSETS_NAMED} stretches are named, then how many more.
         */
        public String describe()
        {
            final StringBuilder at = new StringBuilder(offsets.size() > 1 ? "offsets " : "offset ");
            for (int i = 0; i < Math.min(OFFSETS_NAMED, offsets.size()); i++)
            {
                at.append(i == 0 ? "" : ", ").append(offsets.get(i)).append(" (").append(causes.get(i)).append(')');
            }
            if (offsets.size() > OFFSETS_NAMED)
            {
                at.append(" and ").append(offsets.size() - OFFSETS_NAMED).append(" more damaged stretches");
            }
            if (allLost)
            {
                return "read 0 records, lost every record of the file: it ends before its first record, at " + at;
            }
            final String about = estimated ? "about " : "";
            return "read " + read + " of " + about + (read + lost) + " records, lost " + about + lost + " at " + at;
        }

        @Override
        public String toString()
        {
            return file + ": " + describe();
        }
    }

    /**
     * Calls {@code consumer} with each intact record (the same {@link LogRecord} instance, refilled), in file order.
     *
     * @throws IllegalStateException naming the queue when its folder cannot be listed or a file cannot be read
     */
    public static Stats read(final Path queueDir, final Consumer<LogRecord> consumer)
    {
        final List<Path> files;
        try (Stream<Path> list = Files.list(queueDir))
        {
            files = list.filter(f -> f.getFileName().toString().endsWith(".cq4")).sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read event log " + queueDir + ": " + ex, ex);
        }
        final Scan scan = new Scan(consumer);
        for (final Path file : files)
        {
            try
            {
                scan.file(file);
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException("cannot read event log file " + file + ": " + ex, ex);
            }
        }
        return scan.stats;
    }

    /** The walk over one queue's files; the record numbering runs on from file to file. */
    private static final class Scan
    {
        final Consumer<LogRecord> consumer;
        final Stats stats = new Stats();
        final LogRecord record = new LogRecord();
        final CRC32C crc = new CRC32C();
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final EventLearnedDecoder eventLearned = new EventLearnedDecoder();
        final MemberChangeDecoder memberChange = new MemberChangeDecoder();
        final NodeStatsDecoder nodeStats = new NodeStatsDecoder();
        final io.hearsay.records.sbe.ProcessStatsDecoder processStats = new io.hearsay.records.sbe.ProcessStatsDecoder();
        final NodeStateDecoder nodeState = new NodeStateDecoder();
        final MasterCommandDecoder masterCommand = new MasterCommandDecoder();
        long lastSeq = -1;

        Window window;
        FileDamage damage;
        long damageStart = -1;
        String damageCause;
        long dataBytes;
        long dataRecords;
        /** where the last record that checked out ends */
        long recordEnd;

        Scan(final Consumer<LogRecord> consumer)
        {
            this.consumer = consumer;
        }

        void file(final Path file) throws IOException
        {
            damage = null;
            damageStart = -1;
            dataBytes = 0;
            dataRecords = 0;
            recordEnd = 0;
            long read = 0;
            try (Window w = new Window(file))
            {
                window = w;
                final long size = w.size;
                final long lastPosition = QueueHeader.lastPosition(w);
                long p = 0;
                while (true)
                {
                    if (p + 4 > size)
                    {
                        if (damageStart >= 0 || (lastPosition >= 0 && p <= lastPosition))
                        {
                            cut(file, damageStart >= 0 ? damageStart : p, lastPosition,
                                damageStart >= 0 ? damageCause : "file ends before the queue's last record");
                        }
                        break;
                    }
                    final int h = w.intAt(p);
                    final int length = h & LENGTH_MASK;
                    final long next = align4(p + 4 + length);
                    if (damageStart < 0 && (h == 0 || (h & NOT_COMPLETE) != 0))
                    {
                        // unwritten space, an append cut short by the writer's death, or Chronicle's end-of-file mark
                        // past the last record the queue header names, nothing follows; without a header, look
                        if (lastPosition >= 0 ? p > lastPosition : !anyRecordWithin(p + 4, LOOKAHEAD_BYTES))
                        {
                            if (lastPosition >= 0 && recordEnd <= lastPosition && dataRecords > 0)
                            {
                                // the queue's last record did not check out (e.g. its header now reads as metadata)
                                recordDamage(file, lastPosition, 1, false, "last record unreadable");
                            }
                            break;
                        }
                        startDamage(p, h == 0 ? "zeroed bytes where records were" : "record never completed");
                        p += 4;
                        continue;
                    }
                    if (damageStart < 0 && (h & META_DATA) != 0)
                    {
                        if (next > size)
                        {
                            startDamage(p, INDEX_RUNS_PAST_END);
                            p += 4;
                        }
                        else
                        {
                            p = next;
                        }
                        continue;
                    }
                    if (next <= size && length >= MIN_RECORD_BYTES && length <= LogRecord.MAX_RECORD_BYTES &&
                        (h & (META_DATA | NOT_COMPLETE)) == 0 && checksumHolds(p + 4, length))
                    {
                        if (onRecord(file, p, length))
                        {
                            read++;
                        }
                        p = next;
                        recordEnd = next;
                        continue;
                    }
                    if (damageStart < 0)
                    {
                        if (next > size && (h & (META_DATA | NOT_COMPLETE)) == 0)
                        {
                            startDamage(p, RUNS_PAST_END);
                            p += 4;
                            continue;
                        }
                        if (isOldLayout(p, length, next, size))
                        {
                            p = next;
                            continue;
                        }
                        startDamage(p, "checksum mismatch");
                    }
                    p += 4;
                }
            }
            finally
            {
                window = null;
            }
            if (damage != null)
            {
                damage.read = read;
                stats.damaged.add(damage);
            }
        }

        private void startDamage(final long p, final String cause)
        {
            damageStart = p;
            damageCause = cause;
        }

        /** A record of the layout before the SBE schema: (type 1..3, layout version), no checksum. */
        private boolean isOldLayout(final long p, final int length, final long next, final long size)
        {
            if (next > size || length < 2 || length > LogRecord.MAX_RECORD_BYTES)
            {
                return false;
            }
            final int type = window.byteAt(p + 4);
            final int version = window.byteAt(p + 5);
            if (type < 1 || type > 3 || version == 0 || (length >= 8 &&
                (window.shortAt(p + 4 + 4) & 0xFFFF) == LogRecord.SCHEMA_ID))
            {
                return false;
            }
            stats.skipped++;
            stats.otherLayoutVersion++;
            stats.otherVersion = version;
            return true;
        }

        /** Decodes a record whose checksum held at {@code p}; true when it reached the consumer. */
        private boolean onRecord(final Path file, final long p, final int length)
        {
            final int offset = window.wrap(view, p + 4, length);
            header.wrap(view, offset);
            final int schemaId = header.schemaId();
            final int templateId = header.templateId();
            final int blockLength = header.blockLength();
            final int version = header.version();
            final int blockOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            if (schemaId != LogRecord.SCHEMA_ID ||
                MessageHeaderDecoder.ENCODED_LENGTH + blockLength + LogRecord.CHECKSUM_BYTES > length)
            {
                closeDamage(file, -1);
                stats.skipped++;
                stats.otherLayoutVersion++;
                stats.otherVersion = version;
                return false;
            }
            final LogRecord r = record;
            boolean ok = true;
            switch (templateId)
            {
                case EventLearnedDecoder.TEMPLATE_ID:
                    ok = blockLength >= EventLearnedDecoder.BLOCK_LENGTH;
                    if (ok)
                    {
                        final EventLearnedDecoder d = eventLearned.wrap(view, blockOffset, blockLength, version);
                        r.origin = d.origin();
                        r.sequence = d.sequence();
                        r.createdWallNs = d.createdWallNs();
                        r.round = d.round();
                        r.hops = d.hops();
                        r.from = d.from();
                        final int channel = d.channel();
                        r.duplicates = d.duplicates();
                        ok = channel < Channel.values().length;
                        r.channel = ok ? Channel.fromOrdinal(channel) : null;
                    }
                    break;
                case MemberChangeDecoder.TEMPLATE_ID:
                    ok = blockLength >= MemberChangeDecoder.BLOCK_LENGTH;
                    if (ok)
                    {
                        final MemberChangeDecoder d = memberChange.wrap(view, blockOffset, blockLength, version);
                        r.member = d.member();
                        final int status = d.status();
                        r.incarnation = d.incarnation();
                        r.memberBootId = version >= 2 ? d.memberBootId() : 0;
                        ok = status < MemberStatus.values().length;
                        r.status = ok ? MemberStatus.fromOrdinal(status) : null;
                    }
                    break;
                case NodeStatsDecoder.TEMPLATE_ID:
                    ok = blockLength >= NodeStatsDecoder.BLOCK_LENGTH;
                    if (ok)
                    {
                        final NodeStatsDecoder d = nodeStats.wrap(view, blockOffset, blockLength, version);
                        r.messagesSent = d.messagesSent();
                        r.messagesReceived = d.messagesReceived();
                        r.bytesSent = d.bytesSent();
                        r.bytesReceived = d.bytesReceived();
                        r.packetsDropped = d.packetsDropped();
                        r.maxReceivedPerRound = d.maxReceivedPerRound();
                        java.util.Arrays.fill(r.wireDrops, 0);
                        java.util.Arrays.fill(r.refusals, 0);
                        r.shellDrops = 0;
                        r.otherDrops = 0;
                        if (version >= 2)
                        {
                            r.bootId = d.bootId();
                            r.memberTableSize = d.memberTableSize();
                            r.liveMembers = d.liveMembers();
                            ok = readDrops(d, offset, length, r);
                        }
                        else
                        {
                            r.bootId = 0;
                            r.memberTableSize = 0;
                            r.liveMembers = 0;
                        }
                    }
                    break;
                case io.hearsay.records.sbe.ProcessStatsDecoder.TEMPLATE_ID:
                    ok = blockLength >= io.hearsay.records.sbe.ProcessStatsDecoder.BLOCK_LENGTH;
                    if (ok)
                    {
                        final io.hearsay.records.sbe.ProcessStatsDecoder d =
                            processStats.wrap(view, blockOffset, blockLength, version);
                        r.processBootId = d.processBootId();
                        r.heapUsedBytes = d.heapUsedBytes();
                        r.heapCommittedBytes = d.heapCommittedBytes();
                        r.rssBytes = d.rssBytes();
                        r.nodesRunning = d.nodesRunning();
                        r.restarts = d.restarts();
                    }
                    break;
                case NodeStateDecoder.TEMPLATE_ID:
                    ok = blockLength >= NodeStateDecoder.BLOCK_LENGTH;
                    if (ok)
                    {
                        final NodeStateDecoder d = nodeState.wrap(view, blockOffset, blockLength, version);
                        r.receivedWallNs = d.receivedWallNs();
                        r.state = d.state();
                        r.incarnation = d.incarnation();
                        r.healthScore = d.healthScore();
                        r.round = d.round();
                        r.aliveMembers = d.aliveMembers();
                        r.suspectMembers = d.suspectMembers();
                        r.deadMembers = d.deadMembers();
                        r.eventsLearned = d.eventsLearned();
                        r.duplicateEvents = d.duplicateEvents();
                        r.suspicionsRaised = d.suspicionsRaised();
                        r.refutations = d.refutations();
                        r.knowsEvent = d.knowsEvent() != 0;
                    }
                    break;
                case MasterCommandDecoder.TEMPLATE_ID:
                    ok = blockLength >= MasterCommandDecoder.BLOCK_LENGTH;
                    if (ok)
                    {
                        try
                        {
                            final MasterCommandDecoder d = masterCommand.wrap(view, blockOffset, blockLength, version);
                            r.ok = d.ok() != 0;
                            r.action = d.action();
                            r.argument = d.argument();
                            r.answer = d.answer();
                            ok = d.limit() + LogRecord.CHECKSUM_BYTES <= offset + length;
                        }
                        catch (final IndexOutOfBoundsException ex)
                        {
                            ok = false; // lengths pointing past the record: it cannot be read
                        }
                    }
                    break;
                default:
                    ok = false;
                    break;
            }
            // a record of a type this build does not know (a newer writer) carries its number at the same place
            final long seq = blockLength >= 8 ? view.getLong(blockOffset, ByteOrder.LITTLE_ENDIAN) : -1;
            closeDamage(file, seq);
            if (!ok)
            {
                stats.skipped++;
                return false;
            }
            // every record type opens with the same four fields (the schema's common header)
            r.recordSeq = seq;
            r.wallNs = view.getLong(blockOffset + 8, ByteOrder.LITTLE_ENDIAN);
            r.monoNs = view.getLong(blockOffset + 16, ByteOrder.LITTLE_ENDIAN);
            r.node = view.getLong(blockOffset + 24, ByteOrder.LITTLE_ENDIAN);
            r.type = (byte)templateId;
            dataBytes += align4(4 + length);
            dataRecords++;
            stats.records++;
            consumer.accept(r);
            return true;
        }

        /**
         * The drops group of a NodeStats record, checked to lie within the record (its checksum held, so a group that
         * does not fit is a writer's fault, and the record is skipped).
         */
        private static boolean readDrops(
            final NodeStatsDecoder d, final int recordOffset, final int length, final LogRecord r)
        {
            final int end = recordOffset + length - LogRecord.CHECKSUM_BYTES;
            if (d.limit() + 4 > end)
            {
                return false;
            }
            final NodeStatsDecoder.DropsDecoder group = d.drops();
            if (d.limit() + group.count() * (long)group.actingBlockLength() > end)
            {
                return false;
            }
            while (group.hasNext())
            {
                group.next();
                final int reason = group.reason();
                final long count = group.total();
                switch (group.sourceRaw())
                {
                    case 0:
                        if (reason < r.wireDrops.length)
                        {
                            r.wireDrops[reason] += count;
                            continue;
                        }
                        break;
                    case 1:
                        if (reason < r.refusals.length)
                        {
                            r.refusals[reason] += count;
                            continue;
                        }
                        break;
                    case 2:
                        r.shellDrops += count;
                        continue;
                    default:
                        break;
                }
                r.otherDrops += count;
            }
            return true;
        }

        /** A record checked out: any damage before it ends here; a gap in the numbers is what it held. */
        private void closeDamage(final Path file, final long seq)
        {
            final long expected = lastSeq + 1;
            if (seq > expected || damageStart >= 0)
            {
                final long lost = Math.max(0, seq - expected);
                if (damageStart < 0)
                {
                    // checksums held throughout but records are missing (e.g. a damaged header skipped them)
                    startDamage(recordEnd, "records missing between two intact records");
                }
                recordDamage(file, damageStart, lost, false,
                    RUNS_PAST_END.equals(damageCause) || INDEX_RUNS_PAST_END.equals(damageCause) ?
                        "damaged record header" : damageCause);
                damageStart = -1;
            }
            if (seq >= 0)
            {
                lastSeq = seq;
            }
        }

        /** The file ends at or after {@code from}: count what was after it from the queue header's last position. */
        private void cut(final Path file, final long from, final long lastPosition, final String cause)
        {
            long lost = 1;
            boolean estimated = true;
            final boolean allLost = dataRecords == 0 && damage == null;
            if (lastPosition >= from && dataRecords > 0)
            {
                final long recordBytes = Math.max(1, dataBytes / dataRecords);
                lost = Math.max(1, (lastPosition - from) / recordBytes + 1);
            }
            else if (lastPosition >= 0 && lastPosition < from)
            {
                lost = 0; // the damage lies after the last record the writer completed
                estimated = false;
            }
            recordDamage(file, from, lost, estimated, cause);
            damage.allLost |= allLost && lost > 0;
            damageStart = -1;
        }

        private void recordDamage(
            final Path file, final long offset, final long lost, final boolean estimated, final String cause)
        {
            if (damage == null)
            {
                damage = new FileDamage(file);
            }
            damage.offsets.add(offset);
            damage.causes.add(cause);
            damage.lost += lost;
            damage.estimated |= estimated;
            stats.lost += lost;
        }

        private boolean checksumHolds(final long start, final int length)
        {
            final int body = length - LogRecord.CHECKSUM_BYTES;
            crc.reset();
            window.crc(crc, start, body);
            return (int)crc.getValue() == window.intAt(start + body);
        }

        /** Whether a record whose checksum holds starts within {@code bytes} after {@code from}. */
        private boolean anyRecordWithin(final long from, final int bytes)
        {
            final long end = Math.min(window.size - 4, from + bytes);
            for (long q = from; q <= end; q += 4)
            {
                final int h = window.intAt(q);
                if (h == 0)
                {
                    continue;
                }
                final int length = h & LENGTH_MASK;
                if ((h & (META_DATA | NOT_COMPLETE)) == 0 && length >= MIN_RECORD_BYTES &&
                    length <= LogRecord.MAX_RECORD_BYTES && q + 4 + length <= window.size)
                {
                    if (checksumHolds(q + 4, length))
                    {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    static long align4(final long position)
    {
        return (position + 3) & ~3L;
    }

    /** A read-only map of part of a file, moved along as the scan goes (files can be larger than one map). */
    static final class Window implements AutoCloseable
    {
        private static final long MAP_BYTES = 1L << 26;
        final FileChannel channel;
        final long size;
        private MappedByteBuffer map;
        private long base;

        Window(final Path file) throws IOException
        {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            size = channel.size();
        }

        private int index(final long pos, final int bytes)
        {
            if (map == null || pos < base || pos + bytes > base + map.limit())
            {
                try
                {
                    base = pos & ~4095L;
                    map = channel.map(FileChannel.MapMode.READ_ONLY, base, Math.min(MAP_BYTES, size - base));
                    map.order(ByteOrder.LITTLE_ENDIAN);
                }
                catch (final IOException ex)
                {
                    throw new IllegalStateException("cannot map " + pos + ".." + (pos + bytes) + ": " + ex, ex);
                }
            }
            return (int)(pos - base);
        }

        int intAt(final long pos)
        {
            return map(pos, 4).getInt(index(pos, 4));
        }

        long longAt(final long pos)
        {
            return map(pos, 8).getLong(index(pos, 8));
        }

        int shortAt(final long pos)
        {
            return map(pos, 2).getShort(index(pos, 2));
        }

        int byteAt(final long pos)
        {
            return map(pos, 1).get(index(pos, 1));
        }

        private MappedByteBuffer map(final long pos, final int bytes)
        {
            index(pos, bytes);
            return map;
        }

        void crc(final CRC32C crc, final long pos, final int bytes)
        {
            final int i = index(pos, bytes);
            final int limit = map.limit();
            map.limit(i + bytes).position(i);
            crc.update(map);
            map.limit(limit).position(0);
        }

        /** Points {@code view} at {@code bytes} bytes from {@code pos}; returns the offset to use in it. */
        int wrap(final UnsafeBuffer view, final long pos, final int bytes)
        {
            final int i = index(pos, bytes);
            view.wrap(map, i, bytes);
            return 0;
        }

        @Override
        public void close() throws IOException
        {
            channel.close();
        }
    }

    /** Reads what the reader needs from Chronicle's queue-file header (the {@code SCQStore} document at offset 0). */
    static final class QueueHeader
    {
        private static final byte[] WRITE_POSITION = "writePosition".getBytes(StandardCharsets.US_ASCII);
        private static final int HEADER_SCAN_BYTES = 256;
        private static final int PADDING = 0x8F;
        private static final int PADDING_32 = 0x8E;
        private static final int I64_ARRAY = 0x8D;

        private QueueHeader()
        {
        }

        /**
         * The position of the last document the writer completed, from the header's {@code writePosition}, or -1
         * when the header does not say (damaged, another Chronicle format, a file too short).
         */
        static long lastPosition(final Window w)
        {
            final int scan = (int)Math.min(HEADER_SCAN_BYTES, w.size);
            int at = -1;
            for (int i = 0; i + WRITE_POSITION.length < scan && at < 0; i++)
            {
                boolean match = true;
                for (int j = 0; j < WRITE_POSITION.length && match; j++)
                {
                    match = w.byteAt(i + j) == WRITE_POSITION[j];
                }
                at = match ? i + WRITE_POSITION.length : -1;
            }
            if (at < 0)
            {
                return -1;
            }
            while (at + 5 < scan)
            {
                final int code = w.byteAt(at) & 0xFF;
                if (code == PADDING)
                {
                    at++;
                }
                else if (code == PADDING_32)
                {
                    at += 5 + w.intAt(at + 1);
                }
                else
                {
                    break;
                }
            }
            if (at + 25 > scan || (w.byteAt(at) & 0xFF) != I64_ARRAY)
            {
                return -1;
            }
            final long used = w.longAt(at + 9);
            final long position = w.longAt(at + 17);
            return used >= 1 && position > 0 && position < (1L << 40) ? position : -1;
        }
    }
}
