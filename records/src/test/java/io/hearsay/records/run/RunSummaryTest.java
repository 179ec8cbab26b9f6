package io.hearsay.records.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RunSummaryTest
{
    private static RunSummary.EventSummary event(final double t50Ms, final int rounds100)
    {
        final RunSummary.EventSummary e = new RunSummary.EventSummary();
        e.origin = 3;
        e.sequence = 1;
        e.informed = 100;
        e.alive = 100;
        e.t50Ms = t50Ms;
        e.t99Ms = t50Ms * 2;
        e.rounds50 = 4;
        e.rounds99 = 7;
        e.rounds100 = rounds100;
        e.messagesPerNode = 12.5;
        e.maxReceivedPerRound = 6;
        return e;
    }

    @Test
    void shouldWriteExactlyTheAgreedSnakeCaseFields()
    {
        final RunSummary s = new RunSummary();
        s.source = "sim";
        s.events.add(event(10, 9));
        final Map<String, Object> json = s.toJson();
        assertThat(json.keySet()).containsExactly(
            "source", "run_id", "nodes", "processes", "strategy", "timing", "fanout", "gossip_period_ms", "loss",
            "seed", "fidelity", "events", "missing_nodes", "corrupt_files");
        assertThat(Json.asObject(Json.asArray(json.get("events"), "events").get(0), "event").keySet()).containsExactly(
            "origin", "sequence", "informed", "alive", "t50_ms", "t99_ms", "t100_ms", "rounds50", "rounds99",
            "rounds100", "messages_per_node", "max_received_per_round");
    }

    @Test
    void shouldRoundTripThroughAFileWithRunsStatsAndUnknownFields(@TempDir final Path dir) throws Exception
    {
        final RunSummary s = new RunSummary();
        s.source = "sim";
        s.runId = "r-1";
        s.nodes = 1024;
        s.processes = 1;
        s.strategy = "push-pull";
        s.timing = "periodic";
        s.fanout = 1;
        s.gossipPeriodMs = 200;
        s.loss = 0.05;
        s.seed = -42;
        s.fidelity = "dissemination";
        s.events.add(event(10, 9));
        s.missingNodes.add("10.0.0.7:7946");
        s.corruptFiles.add("logs/p3: truncated");
        for (int i = 0; i < 3; i++)
        {
            final RunSummary.Run run = new RunSummary.Run();
            run.seed = i;
            run.events.add(event(10 + i, -1));
            s.runs.add(run);
        }
        s.computeStats();
        s.extra.put("impairment", Map.of("kind", "nftables"));

        final Path file = dir.resolve(RunSummary.FILE_NAME);
        s.write(file);
        final RunSummary back = RunSummary.read(file);

        assertThat(Json.parse(Json.write(back.toJson()))).isEqualTo(Json.parse(Json.write(s.toJson())));
        assertThat(back.runs).hasSize(3);
        assertThat(back.runs.get(2).events.get(0).rounds100).isEqualTo(-1);
        assertThat(back.events.get(0).t100Ms).isNaN();
        assertThat(back.stats.get("t50_ms").mean).isEqualTo(11.0);
        assertThat(back.extra).containsKey("impairment");
        assertThat(Files.readString(file)).contains("\"rounds100\": null", "\"ci95_low\"");
    }

    @Test
    void shouldComputeMeanSdAndStudentTInterval()
    {
        final RunSummary.Stats s = RunSummary.Stats.of(1, 2, 3, 4, 5, Double.NaN);
        assertThat(s.n).isEqualTo(5);
        assertThat(s.mean).isEqualTo(3.0);
        assertThat(s.sd).isCloseTo(Math.sqrt(2.5), within(1e-12));
        // t(0.975, 4) = 2.776445
        assertThat(s.ci95High - s.mean).isCloseTo(2.776445 * Math.sqrt(2.5) / Math.sqrt(5), within(1e-5));
        assertThat(RunSummary.Stats.of(7).sd).isNaN();
        assertThat(RunSummary.Stats.of().mean).isNaN();
    }

    @Test
    void shouldMatchStudentTTables()
    {
        assertThat(StudentT.critical(0.95, 1)).isCloseTo(12.7062, within(1e-3));
        assertThat(StudentT.critical(0.95, 9)).isCloseTo(2.2622, within(1e-4));
        assertThat(StudentT.critical(0.95, 30)).isCloseTo(2.0423, within(1e-4));
        assertThat(StudentT.critical(0.95, 1e6)).isCloseTo(1.95996, within(1e-4));
        assertThat(StudentT.cdf(0, 5)).isEqualTo(0.5);
        assertThat(StudentT.cdf(2.015, 5)).isCloseTo(0.95, within(1e-4));
    }

    @Test
    void shouldTolerateCountsWhereNamesAreExpected()
    {
        final RunSummary s = RunSummary.fromJson(Json.parse("{\"missing_nodes\": 0, \"corrupt_files\": 2}"), "s");
        assertThat(s.missingNodes).isEmpty();
        assertThat(s.corruptFiles).containsExactly("2 (a count; no names recorded)");
    }

    @Test
    void shouldNameTheFieldOfABadValue()
    {
        assertThatThrownBy(() -> RunSummary.fromJson(Json.parse("{\"nodes\": \"many\"}"), "x/summary.json"))
            .hasMessageContaining("x/summary.json.nodes").hasMessageContaining("expected an integer");
        assertThatThrownBy(() -> RunSummary.fromJson(Json.parse("{\"events\": [1]}"), "s"))
            .hasMessageContaining("s.events[0]").hasMessageContaining("expected a JSON object");
    }
}
