package io.hearsay.master.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearsay.master.report.CurvesCommand;
import io.hearsay.master.report.ReportCommand;
import io.hearsay.records.log.EventLogReader;
import io.hearsay.records.log.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The master's log: every report (NODE_STATE, NODE_STATS) and every command (MASTER_COMMAND) in a Chronicle queue of
 * the node logs' layout, in a run folder that {@code ./hearsay curves} and {@code report} read. Polls with a deadline.
 */
class MasterLogTest
{
    @Test
    void shouldLogReportsAndCommandsAndBeReadByCurvesAndReport(@TempDir final Path dir) throws Exception
    {
        final int n = 40;
        final Path run = dir.resolve("serve-run");
        final LiveLoadGenerator generator = new LiveLoadGenerator(n, 2, 60_000, 20, "hearsay", null, null, 5);
        final Thread answering = new Thread(() ->
        {
            try
            {
                generator.run(120_000);
            }
            catch (final java.io.IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
        }, "live-load");
        answering.setDaemon(true);
        answering.start();
        long polls = 0;
        try (LiveCollector collector = new LiveCollector(generator.endpoints(), 0, 20, run, null, "hearsay"))
        {
            final long deadline = System.nanoTime() + 60_000_000_000L;
            while (collector.poll().nodes().size() < n)
            {
                polls++;
                assertThat(System.nanoTime()).as("all nodes reporting").isLessThan(deadline);
            }
            collector.inject(0, "logged");
            while (collector.poll().knowing() < n)
            {
                polls++;
                assertThat(System.nanoTime()).as("all nodes knowing").isLessThan(deadline);
            }
            collector.impair(0, "loss p=0.1");
            collector.heal(0);
            collector.poll();
        }
        finally
        {
            answering.interrupt();
            answering.join(10_000);
            generator.close();
        }

        final List<LogRecord> records = new ArrayList<>();
        final EventLogReader.Stats stats = EventLogReader.read(run.resolve("logs").resolve("master"), r ->
        {
            final LogRecord copy = new LogRecord();
            copy.type = r.type;
            copy.node = r.node;
            copy.action = r.action;
            copy.argument = r.argument;
            copy.ok = r.ok;
            copy.aliveMembers = r.aliveMembers;
            copy.knowsEvent = r.knowsEvent;
            records.add(copy);
        });
        assertThat(stats.skipped).as("every record decodes").isZero();
        final long states = records.stream().filter(r -> r.type == LogRecord.NODE_STATE).count();
        assertThat(states).as("a NODE_STATE per report").isGreaterThanOrEqualTo(n * 2L);
        assertThat(records).filteredOn(r -> r.type == LogRecord.NODE_STATE).allSatisfy(r ->
            assertThat(r.aliveMembers).isEqualTo(n));
        assertThat(records.stream().filter(r -> r.type == LogRecord.NODE_STATS).count()).isEqualTo(states);
        assertThat(records.stream().filter(r -> r.type == LogRecord.EVENT_LEARNED).count()).isEqualTo(n);
        assertThat(records).filteredOn(r -> r.type == LogRecord.MASTER_COMMAND)
            .extracting(r -> r.action + " " + r.argument + " " + r.ok)
            .containsExactly("inject logged true", "impair loss p=0.1 true", "impair loss p=0.1 true", "heal  true", "heal  true");
        assertThat(Files.readAllLines(run.resolve("commands.jsonl"))).hasSize(5);

        final Path curves = dir.resolve("curves");
        assertThat(new CommandLine(new CurvesCommand()).execute(run.toString(), "--out", curves.toString())).isZero();
        final JsonNode summary = Json.MAPPER.readTree(curves.resolve("summary.json").toFile());
        assertThat(summary.toString()).contains("\"informed\":" + n);
        final Path report = dir.resolve("report");
        assertThat(new CommandLine(new ReportCommand()).execute(run.toString(), "--out", report.toString(),
            "--bootstrap", "10")).isZero();
        assertThat(Files.list(report).count()).isPositive();
    }
}
