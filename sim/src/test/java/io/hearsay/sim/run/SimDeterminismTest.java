package io.hearsay.sim.run;

import io.hearsay.records.log.EventLogReader;
import io.hearsay.records.log.LogRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimDeterminismTest
{
    private static final String SCENARIO = String.join("\n",
        "at 0s loss ge=0.05:0.5:0.5:0",
        "at 0s duplicate p=0.05",
        "at 0s reorder p=0.1 hold=30ms",
        "at 100ms partition groups=n0-n99/n100-n299 one-way",
        "at 600ms heal",
        "at 150ms crash nodes=n5-n9",
        "at 200ms sleep nodes=n10-n14 for=300ms",
        "at 250ms leave nodes=n15",
        "at 700ms restart nodes=n5-n9",
        "");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "rounds, push-pull",
        "rounds, median-counter",
        "dissemination, push-pull",
        "dissemination, median-counter",
        "dissemination, pull",
        "full, push-pull" })
    void shouldWriteByteIdenticalOutputForTheSameSeed(final String fidelity, final String strategy, @TempDir final Path tmp)
        throws Exception
    {
        final Path scenario = tmp.resolve("scenario.txt");
        Files.writeString(scenario, SCENARIO);
        final Path first = run(fidelity, strategy, 11, tmp.resolve("a"), scenario);
        final Path second = run(fidelity, strategy, 11, tmp.resolve("b"), scenario);
        final Path other = run(fidelity, strategy, 12, tmp.resolve("c"), scenario);

        for (final String file : List.of("summary.json", "rounds.csv", "config.properties"))
        {
            assertThat(Files.readAllBytes(second.resolve(file))).as(file).isEqualTo(Files.readAllBytes(first.resolve(file)));
        }
        assertThat(records(second)).isEqualTo(records(first)).hasSizeGreaterThan(300);
        assertThat(Files.readString(other.resolve("rounds.csv"))).isNotEqualTo(Files.readString(first.resolve("rounds.csv")));
        assertThat(Files.readString(first.resolve("summary.json")))
            .contains("\"source\": \"sim\"", "\"fidelity\": \"" + fidelity + "\"", "\"runs\": [", "\"ci95_low\"");
    }

    private static Path run(final String fidelity, final String strategy, final long seed, final Path out, final Path scenario)
        throws Exception
    {
        final boolean events = !"rounds".equals(fidelity);
        final SimConfig config = new SimConfig().nodes(300).strategy(strategy).fidelity(Fidelity.fromCliName(fidelity))
            .runs("full".equals(fidelity) ? 2 : 3).seed(seed).loss(0.05).latency("lognormal:5ms,0.5;jitter=1ms").gossipPeriodMs(50)
            .scenarioFile(events ? scenario : null).outDir(out);
        SimRunner.run(config, SimRunner.Progress.NONE);
        return out;
    }

    private static List<String> records(final Path dir)
    {
        final List<String> records = new ArrayList<>();
        EventLogReader.read(dir.resolve("logs").resolve("sim"), (LogRecord r) -> records.add(r.toString()));
        return records;
    }
}
