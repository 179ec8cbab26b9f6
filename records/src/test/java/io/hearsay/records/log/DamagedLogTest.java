package io.hearsay.records.log;

import io.hearsay.core.Channel;
import org.agrona.collections.LongHashSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A known log of 10,240 records, cut at several offsets and with bytes flipped: every undamaged record is read, and
 * what was lost is counted and placed (issue 13 item 4: damaged logs used to lose records silently).
 */
class DamagedLogTest
{
    static final int RECORDS = 10_240;
    static final long NODE = 0x0A00000100001F4AL;

    @TempDir
    static Path dir;
    static Path intactQueue;
    static long recordsStart;
    static long recordBytes;
    static long lastPosition;

    @BeforeAll
    static void writeKnownLog() throws IOException
    {
        intactQueue = dir.resolve("intact");
        try (EventLogWriter writer = new EventLogWriter(intactQueue))
        {
            for (int i = 0; i < RECORDS; i++)
            {
                writer.eventLearned(1_000 + i, i, NODE, 7, i, 500, i % 20, 1, 3, Channel.PUSH, 0);
            }
        }
        try (EventLogReader.Window w = new EventLogReader.Window(cq4(intactQueue)))
        {
            lastPosition = EventLogReader.QueueHeader.lastPosition(w);
            recordBytes = EventLogReader.align4(w.intAt(lastPosition) + 4L);
        }
        recordsStart = lastPosition - (RECORDS - 1) * recordBytes;
        assertThat(lastPosition).isPositive();
    }

    @Test
    void shouldReadAnIntactLogWithoutDamage()
    {
        final Seen seen = new Seen();
        final EventLogReader.Stats stats = EventLogReader.read(intactQueue, seen);
        assertThat(stats.records).isEqualTo(RECORDS);
        assertThat(seen.sequences.size()).isEqualTo(RECORDS);
        assertThat(stats.damaged).isEmpty();
        assertThat(stats.lost).isZero();
    }

    @Test
    void shouldReadEveryRecordBeforeACutAndCountTheRest() throws IOException
    {
        final long end = lastPosition + recordBytes;
        for (final int percent : new int[] {10, 25, 50, 75, 90})
        {
            for (final long cut : new long[] {end * percent / 100, recordsStart + (end - recordsStart) * percent / 100})
            {
                final Path queue = copy("cut-" + percent + "-" + cut, cut);
                final long whole = cut < recordsStart ? 0 : Math.min(RECORDS, (cut - recordsStart + 3) / recordBytes);
                final Seen seen = new Seen();
                final EventLogReader.Stats stats = EventLogReader.read(queue, seen);

                assertThat(stats.records).as("records before a cut at %d (%d %%)", cut, percent).isEqualTo(whole);
                assertThat(seen.contiguousFromZero()).isTrue();
                assertThat(stats.damaged).hasSize(1);
                final EventLogReader.FileDamage damage = stats.damaged.get(0);
                assertThat(damage.file).isEqualTo(cq4(queue));
                assertThat(damage.read).isEqualTo(whole);
                assertThat(damage.lost).isPositive();
                if (whole > 0)
                {
                    assertThat(damage.read + damage.lost).as("read + lost after a cut at %d", cut).isEqualTo(RECORDS);
                    assertThat(damage.offsets).containsExactly(recordsStart + whole * recordBytes);
                    assertThat(damage.describe()).startsWith("read " + whole + " of about " + RECORDS +
                        " records, lost about " + (RECORDS - whole) + " at offset " + damage.offsets.get(0));
                }
                else
                {
                    assertThat(damage.describe()).startsWith("read 0 records, lost every record of the file");
                }
            }
        }
    }

    @Test
    void shouldReportACutOnARecordBoundary() throws IOException
    {
        final Path queue = copy("boundary", recordsStart + 5_000 * recordBytes);
        final EventLogReader.Stats stats = EventLogReader.read(queue, new Seen());
        assertThat(stats.records).isEqualTo(5_000);
        assertThat(stats.lost).isEqualTo(RECORDS - 5_000);
        assertThat(stats.damaged.get(0).causes).containsExactly("file ends before the queue's last record");
    }

    @Test
    void shouldSkipPastFlippedBytesAndReadEveryUndamagedRecord() throws IOException
    {
        for (final long seed : new long[] {1, 2, 3})
        {
            final Path queue = copy("flipped-" + seed, lastPosition + recordBytes + 65_536);
            final Random random = new Random(seed);
            final LongHashSet damaged = new LongHashSet();
            try (RandomAccessFile raf = new RandomAccessFile(cq4(queue).toFile(), "rw"))
            {
                for (int i = 0; i < 200; i++)
                {
                    final long at = recordsStart + (long)(random.nextDouble() * RECORDS * recordBytes);
                    raf.seek(at);
                    final int b = raf.read();
                    raf.seek(at);
                    raf.write(b ^ (1 + random.nextInt(255)));
                    final long index = (at - recordsStart) / recordBytes;
                    if (at - recordsStart - index * recordBytes < recordBytes - 3) // not alignment padding
                    {
                        damaged.add(index);
                    }
                }
            }
            final Seen seen = new Seen();
            final EventLogReader.Stats stats = EventLogReader.read(queue, seen);

            assertThat(seen.invented).as("records not written (seed %d)", seed).isZero();
            for (long i = 0; i < RECORDS; i++)
            {
                assertThat(seen.sequences.contains(i)).as("record %d read (seed %d)", i, seed)
                    .isEqualTo(!damaged.contains(i));
            }
            assertThat(stats.records).isEqualTo(RECORDS - damaged.size());
            assertThat(stats.lost).isEqualTo(damaged.size());
            assertThat(stats.damaged).hasSize(1);
            assertThat(stats.damaged.get(0).describe())
                .startsWith("read " + (RECORDS - damaged.size()) + " of " + RECORDS + " records, lost " + damaged.size())
                .contains(" more damaged stretches");
        }
    }

    @Test
    void shouldReadOldLayoutRecordsAsAnotherVersionNotAsDamage(@TempDir final Path tmp)
    {
        final Path q = tmp.resolve("q");
        EventLogReaderVersionTest.appendFutureRecord(q);
        final EventLogReader.Stats stats = EventLogReader.read(q, r -> { });
        assertThat(stats.otherLayoutVersion).isEqualTo(1);
        assertThat(stats.damaged).isEmpty();
    }

    /** Collects what the reader passes on; a record it was never given (wrong node or fields) is "invented". */
    static final class Seen implements java.util.function.Consumer<LogRecord>
    {
        final LongHashSet sequences = new LongHashSet();
        long invented;
        long max = -1;

        @Override
        public void accept(final LogRecord r)
        {
            final boolean known = r.type == LogRecord.EVENT_LEARNED && r.node == NODE && r.origin == 7 &&
                r.recordSeq == r.sequence && r.wallNs == 1_000 + r.sequence && r.from == 3 &&
                r.channel == Channel.PUSH && r.sequence >= 0 && r.sequence < RECORDS;
            if (!known || !sequences.add(r.sequence))
            {
                invented++;
            }
            max = Math.max(max, r.sequence);
        }

        boolean contiguousFromZero()
        {
            return invented == 0 && max + 1 == sequences.size();
        }
    }

    /** A copy of the intact queue whose data file keeps only its first {@code bytes} bytes. */
    static Path copy(final String name, final long bytes) throws IOException
    {
        final Path to = dir.resolve(name);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(intactQueue))
        {
            for (final Path f : files.toList())
            {
                if (!f.toString().endsWith(".cq4"))
                {
                    Files.copy(f, to.resolve(f.getFileName()));
                    continue;
                }
                try (java.io.InputStream in = Files.newInputStream(f);
                    java.io.OutputStream out = Files.newOutputStream(to.resolve(f.getFileName())))
                {
                    out.write(in.readNBytes((int)bytes));
                }
            }
        }
        return to;
    }

    static Path cq4(final Path queue) throws IOException
    {
        try (Stream<Path> files = Files.list(queue))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }
}
