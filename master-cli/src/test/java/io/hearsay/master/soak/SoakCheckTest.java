package io.hearsay.master.soak;

import io.hearsay.core.Addresses;
import io.hearsay.core.Channel;
import io.hearsay.core.MemberStatus;
import io.hearsay.core.NodeCounters;
import io.hearsay.records.log.EventLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak's checks over a hand-written run folder: a death of a crashed life is a removal, a death of a live one is
 * a false removal (and the verdict fails); restarts, events and bounds are read from the records.
 */
class SoakCheckTest
{
    private static final long T = 1_800_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long A = Addresses.parse("127.0.0.1:30000");
    private static final long B = Addresses.parse("127.0.0.1:30001");
    private static final long C = Addresses.parse("127.0.0.1:30002");
    private static final long D = Addresses.parse("127.0.0.1:30003");
    private static final long FIRST_BOOT = (T - 5_000) * MS;
    private static final long B_SECOND_BOOT = (T + 15_000) * MS;

    @TempDir
    Path dir;

    @Test
    void shouldHoldWhenEveryDeathIsOfACrashedLife() throws Exception
    {
        write(false);
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        assertThat(SoakCheck.checkFolder(dir, new PrintStream(text, true, StandardCharsets.UTF_8)))
            .as(text.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("ok   no_false_removals")
            .contains("1 of 1 crashes removed").contains("1 of 1 restarts re-admitted").contains("1 of 1 events");
        final String churn = Files.readString(dir.resolve("soak-churn.csv"));
        assertThat(churn).contains("127.0.0.1:30001," + (T + 10_000) + "," + (T + 15_000) + ",2,2,3000,3000,2,2,2000");
    }

    @Test
    void shouldNotAskARecordOfANodeThatBootedWhileTheMemberWasDown() throws Exception
    {
        // D crashes at +7.5 s and is back at +12.5 s, while B is down (+10 s to +15 s): D knows B from its roster,
        // unheard, and takes B's new life silently; the re-admission check asks records only of A and C
        write(false, true);
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        assertThat(SoakCheck.checkFolder(dir, new PrintStream(text, true, StandardCharsets.UTF_8)))
            .as(text.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("2 of 2 crashes removed")
            .contains("2 of 2 restarts re-admitted");
        assertThat(Files.readString(dir.resolve(SoakCheck.SUMMARY)))
            .contains("\"readmission_observers_booted_while_down\": 1");
        assertThat(Files.readString(dir.resolve("soak-churn.csv")))
            .contains("127.0.0.1:30001," + (T + 10_000) + "," + (T + 15_000) + ",2,2,3000,3000,2,2,2000");
    }

    @Test
    void shouldFailOnADeathOfALiveNode() throws Exception
    {
        write(true);
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        assertThat(SoakCheck.checkFolder(dir, new PrintStream(text, true, StandardCharsets.UTF_8))).isFalse();
        assertThat(text.toString(StandardCharsets.UTF_8))
            .contains("FAIL no_false_removals: 1 false removal(s)")
            .contains("127.0.0.1:30000 declared 127.0.0.1:30002 DEAD").contains("VIOLATION");
        assertThat(Files.readString(dir.resolve(SoakCheck.SUMMARY))).contains("\"false_removals\": 1");
    }

    private void write(final boolean falseRemoval) throws Exception
    {
        write(falseRemoval, false);
    }

    /**
     * Three nodes; B crashes at +10 s for 5 s; an event at A at +20 s; the run ends at +60 s. With a late booter: a
     * fourth node D, crashed at +7.5 s for 5 s.
     */
    private void write(final boolean falseRemoval, final boolean lateBooter) throws Exception
    {
        Files.writeString(dir.resolve("config.properties"), "nodes=" + (lateBooter ? 4 : 3) + "\nport=30000\n" +
            "down_ms=5000\nsettle_ms=20000\n" +
            "event_deadline_ms=10000\nmax_rss_bytes=1073741824\nwarmup_ms=0\nseed=5\ncommand=./hearsay soak ...\n");
        Files.writeString(dir.resolve(SoakCheck.TIMELINE), "wall_ms,kind,node,detail\n" + T + ",start,,\n" +
            (lateBooter ? (T + 7_500) + ",crash,127.0.0.1:30003,5000\n" : "") +
            (T + 10_000) + ",crash,127.0.0.1:30001,5000\n" + (T + 20_000) + ",inject,127.0.0.1:30000,1\n" +
            (T + 60_000) + ",end,,\n");
        try (EventLogWriter w = new EventLogWriter(dir.resolve("logs").resolve("daemon-127.0.0.1-30000")))
        {
            w.memberChange((T + 13_000) * MS, 0, A, B, MemberStatus.DEAD, 0, FIRST_BOOT);
            w.memberChange((T + 12_000) * MS, 0, C, B, MemberStatus.DEAD, 0, FIRST_BOOT);
            w.memberChange((T + 16_000) * MS, 0, A, B, MemberStatus.ALIVE, 0, B_SECOND_BOOT);
            w.memberChange((T + 17_000) * MS, 0, C, B, MemberStatus.ALIVE, 0, B_SECOND_BOOT);
            if (lateBooter)
            {
                for (final long observer : new long[]{ A, C })
                {
                    w.memberChange((T + 11_000) * MS, 0, observer, D, MemberStatus.DEAD, 0, FIRST_BOOT);
                    w.memberChange((T + 13_000) * MS, 0, observer, D, MemberStatus.ALIVE, 0, (T + 12_500) * MS);
                }
                w.eventLearned((T + 21_000) * MS, 0, D, A, 1, T * MS, 1, 1, A, Channel.PUSH, 0);
            }
            if (falseRemoval)
            {
                w.memberChange((T + 30_000) * MS, 0, A, C, MemberStatus.DEAD, 0, FIRST_BOOT);
            }
            for (final long node : new long[]{ A, B, C })
            {
                w.eventLearned((T + 21_000) * MS, 0, node, A, 1, T * MS, 1, 1, A, Channel.PUSH, 0);
            }
            for (long t = T; t <= T + 60_000; t += 10_000)
            {
                final NodeCounters counters = new NodeCounters();
                counters.refuse(io.hearsay.core.Refusal.BOOT_ID_CLAIM);
                w.nodeStats(t * MS, 0, A, FIRST_BOOT, 3, 3, counters, 7);
                w.processStats(t * MS, 0, A, FIRST_BOOT, 20L << 20, 64L << 20, 100L << 20, 3, 1);
            }
        }
    }
}
