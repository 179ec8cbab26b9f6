package io.hearsay.records.log;

import io.hearsay.core.Channel;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EventLogReaderVersionTest
{
    /** Appends a record of layout version 9, as a future hearsay might write it. */
    public static void appendFutureRecord(final Path queueDir)
    {
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(queueDir)
            .rollCycle(LargeRollCycles.LARGE_DAILY).build())
        {
            final ExcerptAppender appender = queue.createAppender();
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().writeByte(LogRecord.EVENT_LEARNED).writeByte((byte)9).writeLong(1).writeLong(2);
            }
        }
    }

    @Test
    void shouldCountRecordsOfAnotherLayoutVersion(@TempDir final Path dir)
    {
        final Path q = dir.resolve("q");
        try (EventLogWriter writer = new EventLogWriter(q))
        {
            writer.eventLearned(1, 2, 3, 4, 5, 6, 7, 8, 9, Channel.PUSH, 0);
        }
        appendFutureRecord(q);
        final EventLogReader.Stats stats = EventLogReader.read(q, r -> { });
        assertThat(stats.records).isEqualTo(1);
        assertThat(stats.skipped).isEqualTo(1);
        assertThat(stats.otherLayoutVersion).isEqualTo(1);
        assertThat(stats.otherVersion).isEqualTo(9);
    }
}
