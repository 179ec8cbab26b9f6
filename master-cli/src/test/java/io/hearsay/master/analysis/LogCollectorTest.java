package io.hearsay.master.analysis;

import io.hearsay.core.Addresses;
import io.hearsay.core.Channel;
import io.hearsay.core.MemberStatus;
import io.hearsay.records.log.EventLogWriter;
import io.hearsay.records.run.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class LogCollectorTest
{
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long A = Addresses.pack(0x7F000001, 7001);
    private static final long B = Addresses.pack(0x7F000001, 7002);
    private static final long C = Addresses.pack(0x7F000001, 7003);
    private static final long D = Addresses.pack(0x7F000001, 7004);
    private static final long E = Addresses.pack(0x7F000001, 7005);

    private final List<String> warnings = new ArrayList<>();

    static void learned(final EventLogWriter w, final long node, final long atMs, final int round, final Channel ch)
    {
        w.eventLearned(T0 + atMs * MS, atMs * MS, node, A, 1, T0, round, round, A, ch, 0);
    }

    /** Five nodes in three processes; D logs the event twice; the second event (A#2) reaches two nodes. */
    static void writeRun(final Path run) throws Exception
    {
        Files.writeString(run.resolve("config.properties"),
            "source=local\nnodes=5\nstrategy=push-pull\ntiming=periodic\nfanout=1\ngossip-period-ms=10\nseed=42\n");
        try (EventLogWriter w = new EventLogWriter(run.resolve("logs/p0")))
        {
            learned(w, A, 0, 0, Channel.ORIGIN);
            learned(w, B, 5, 1, Channel.PUSH);
            w.eventLearned(T0 + 20 * MS, 0, A, A, 2, T0 + 20 * MS, 0, 0, A, Channel.ORIGIN, 0);
            w.eventLearned(T0 + 24 * MS, 0, B, A, 2, T0 + 20 * MS, 1, 1, A, Channel.PULL, 0);
            w.nodeStats(T0, 0, A, 10, 9, 0, 0, 0, 2);
            w.nodeStats(T0 + 30 * MS, 0, A, 20, 18, 0, 0, 0, 3);
            w.nodeStats(T0 + 30 * MS, 0, B, 10, 10, 0, 0, 0, 4);
        }
        try (EventLogWriter w = new EventLogWriter(run.resolve("logs/p1")))
        {
            learned(w, C, 3, 1, Channel.PULL);
            learned(w, D, 10, 2, Channel.PUSH);
            learned(w, D, 12, 2, Channel.PUSH);
            w.memberChange(T0, 0, C, E, MemberStatus.ALIVE, 0);
        }
        try (EventLogWriter w = new EventLogWriter(run.resolve("logs/nested/p2")))
        {
            learned(w, E, 7, 2, Channel.PIGGYBACK);
        }
    }

    @Test
    void shouldMergeHandMadeQueuesIntoExactCurves(@TempDir final Path run) throws Exception
    {
        writeRun(run);
        final CollectedRun collected = new LogCollector(warnings::add).collect(new RunFolder(run));

        assertThat(warnings).isEmpty();
        assertThat(collected.queues).isEqualTo(3);
        assertThat(collected.events).hasSize(2);
        final EventCurve e1 = collected.events.get(0);
        assertThat(e1.key()).isEqualTo(new EventKey(A, 1));
        assertThat(e1.zeroSource()).isEqualTo(EventCurve.ZeroSource.ORIGIN_RECORD);
        assertThat(e1.informed()).isEqualTo(5);
        assertThat(e1.duplicateRecords()).isEqualTo(1);
        final long[] offsetsMs = new long[5];
        final long[] nodes = new long[5];
        final int[] rounds = new int[5];
        for (int i = 0; i < 5; i++)
        {
            offsetsMs[i] = e1.offsetNs(i) / MS;
            nodes[i] = e1.node(i);
            rounds[i] = e1.round(i);
        }
        assertThat(offsetsMs).containsExactly(0, 3, 5, 7, 10);
        assertThat(nodes).containsExactly(A, C, B, E, D);
        assertThat(rounds).containsExactly(0, 1, 1, 2, 2);
        assertThat(e1.informedByRound(0)).isEqualTo(1);
        assertThat(e1.informedByRound(1)).isEqualTo(3);
        assertThat(e1.informedByRound(2)).isEqualTo(5);
        assertThat(e1.informedAt(6 * MS)).isEqualTo(3);
        assertThat(e1.latencyNs().getTotalCount()).isEqualTo(5);
        assertThat(e1.latencyNs().getMaxValue()).isBetween(10 * MS, 10 * MS + 10 * MS / 1000);

        final RunSummary summary = collected.toSummary();
        assertThat(summary.strategy).isEqualTo("push-pull");
        assertThat(summary.gossipPeriodMs).isEqualTo(10.0);
        final RunSummary.EventSummary s1 = summary.events.get(0);
        assertThat(s1.alive).isEqualTo(5);
        assertThat(s1.t50Ms).isEqualTo(5.0);
        assertThat(s1.t99Ms).isEqualTo(10.0);
        assertThat(s1.t100Ms).isEqualTo(10.0);
        assertThat(s1.rounds50).isEqualTo(1);
        assertThat(s1.rounds100).isEqualTo(2);
        assertThat(s1.messagesPerNode).isEqualTo(15.0);
        assertThat(s1.maxReceivedPerRound).isEqualTo(4);

        final RunSummary.EventSummary s2 = summary.events.get(1);
        assertThat(s2.informed).isEqualTo(2);
        assertThat(s2.t50Ms).isNaN();
        assertThat(s2.rounds50).isEqualTo(-1);
        assertThat(summary.missingNodes).isEmpty();
        assertThat(summary.corruptFiles).isEmpty();
    }

    @Test
    void shouldCountAliveFromTheMembershipRecordsNotTheConfiguredNodeCount(@TempDir final Path run) throws Exception
    {
        Files.writeString(run.resolve("config.properties"),
            "source=local\nnodes=5\nstrategy=push-pull\ntiming=periodic\nfanout=1\ngossip-period-ms=10\nseed=42\n");
        try (EventLogWriter w = new EventLogWriter(run.resolve("logs/p0")))
        {
            w.memberChange(T0 + 100 * MS, 0, A, E, MemberStatus.DEAD, 0);  // E crashed, stays down
            w.memberChange(T0 + 100 * MS, 0, A, D, MemberStatus.DEAD, 0);  // D crashed ...
            w.memberChange(T0 + 150 * MS, 0, B, D, MemberStatus.ALIVE, 1); // ... and restarted
            w.memberChange(T0 + 160 * MS, 0, A, C, MemberStatus.LEFT, 0);  // C left
            w.memberChange(T0 + 90 * MS, 0, B, C, MemberStatus.SUSPECT, 0); // older than the leave
            learned(w, A, 200, 0, Channel.ORIGIN);
            learned(w, B, 205, 1, Channel.PUSH);
            learned(w, D, 208, 1, Channel.PUSH);
        }
        final CollectedRun collected = new LogCollector(warnings::add).collect(new RunFolder(run));
        assertThat(collected.alive()).as("5 configured, E crashed, C left, D restarted").isEqualTo(3);
        assertThat(collected.toSummary().events.get(0).alive).isEqualTo(3);
        assertThat(collected.toSummary().events.get(0).t100Ms).isEqualTo(8.0);
    }

    @Test
    void shouldApplyClockOffsetsToTimesButNotRounds(@TempDir final Path run) throws Exception
    {
        writeRun(run);
        Files.writeString(run.resolve(ClockOffsets.FILE_NAME), "127.0.0.1\\:7004 = " + 8 * MS + "\n");
        final EventCurve e1 = new LogCollector(warnings::add).collect(new RunFolder(run)).events.get(0);
        assertThat(e1.offsetNs(1) / MS).isEqualTo(2); // D: 10 ms - 8 ms offset
        assertThat(e1.node(1)).isEqualTo(D);
        assertThat(e1.round(1)).isEqualTo(2);
        assertThat(e1.informedByRound(1)).isEqualTo(3);
    }

    @Test
    void shouldReportCorruptTruncatedAndMissingQueuesAndMergeTheRest(@TempDir final Path run) throws Exception
    {
        writeRun(run);
        try (EventLogWriter w = new EventLogWriter(run.resolve("logs/p3")))
        {
            for (int i = 0; i < 1000; i++)
            {
                learned(w, 1000 + i, 50, 3, Channel.PUSH);
            }
        }
        truncate(run.resolve("logs/p3"), 20_000);
        Files.createDirectories(run.resolve("logs/p4"));
        Files.createDirectories(run.resolve("logs/p5"));
        Files.write(run.resolve("logs/p5/20261126L.cq4"), new byte[100]);

        final CollectedRun collected = new LogCollector(warnings::add).collect(new RunFolder(run));
        final RunSummary summary = collected.toSummary();

        assertThat(collected.events.get(0).informed()).isEqualTo(5);
        assertThat(summary.corruptFiles).anySatisfy(s -> assertThat(s).startsWith("logs/p3"));
        assertThat(summary.corruptFiles).anySatisfy(s -> assertThat(s).contains("logs/p5/20261126L.cq4")
            .contains("truncated"));
        assertThat(summary.missingNodes).anySatisfy(s -> assertThat(s).contains("logs/p4"));
        assertThat(warnings).anySatisfy(s -> assertThat(s).contains("logs/p3"));
        assertThat(warnings).anySatisfy(s -> assertThat(s).contains("logs/p4"));
        assertThat(warnings).anySatisfy(s -> assertThat(s).contains("logs/p5"));
    }

    @Test
    void shouldNameANodeThatOthersSawButThatWroteNothing(@TempDir final Path run) throws Exception
    {
        writeRun(run);
        try (EventLogWriter w = new EventLogWriter(run.resolve("logs/p9")))
        {
            w.memberChange(T0, 0, E, Addresses.pack(0x0A000007, 7946), MemberStatus.SUSPECT, 1);
        }
        final RunSummary summary = new LogCollector(warnings::add).collect(new RunFolder(run)).toSummary();
        assertThat(summary.missingNodes).containsExactly("10.0.0.7:7946");
    }

    @Test
    void shouldSayPlainlyWhenThereAreNoEvents(@TempDir final Path run) throws Exception
    {
        try (EventLogWriter w = new EventLogWriter(run.resolve("logs/p0")))
        {
            w.nodeStats(T0, 0, A, 1, 1, 0, 0, 0, 1);
        }
        final CollectedRun collected = new LogCollector(warnings::add).collect(new RunFolder(run));
        assertThat(collected.events).isEmpty();
        assertThat(warnings).anySatisfy(s -> assertThat(s).startsWith("no events"));
    }

    @Test
    void shouldSayPlainlyWhenTheLogsComeFromAnotherLayoutVersion(@TempDir final Path run) throws Exception
    {
        try (net.openhft.chronicle.queue.ChronicleQueue queue =
            net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder.binary(run.resolve("logs/p0"))
                .rollCycle(net.openhft.chronicle.queue.rollcycles.LargeRollCycles.LARGE_DAILY).build())
        {
            try (net.openhft.chronicle.wire.DocumentContext dc = queue.createAppender().writingDocument())
            {
                dc.wire().bytes().writeByte((byte)1).writeByte((byte)9).writeLong(1);
            }
        }
        final CollectedRun collected = new LogCollector(warnings::add).collect(new RunFolder(run));
        assertThat(collected.events).isEmpty();
        assertThat(warnings).anySatisfy(s -> assertThat(s).contains("written by another hearsay version")
            .contains("layout version 9"));
        assertThat(collected.corruptFiles).anySatisfy(s -> assertThat(s).contains("layout version 9"));
    }

    static void truncate(final Path queueDir, final long length) throws Exception
    {
        try (Stream<Path> files = Files.list(queueDir))
        {
            final Path cq4 = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
            try (RandomAccessFile raf = new RandomAccessFile(cq4.toFile(), "rw"))
            {
                raf.setLength(length);
            }
        }
    }
}
