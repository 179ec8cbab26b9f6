package io.hearsay.sim.run;

import io.hearsay.records.run.RunSummary.Stats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimRunnerTest
{
    @Test
    void shouldRefuseARunThatCannotFitNamingTheEstimate()
    {
        final SimConfig config = new SimConfig().nodes(2_000_000_000).fidelity(Fidelity.DISSEMINATION).conclude();
        final MemoryEstimate estimate = MemoryEstimate.of(config);

        assertThatThrownBy(() -> estimate.requireFits(1L << 30))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("needs about")
            .hasMessageContaining("MiB")
            .hasMessageContaining("bytes per node");
    }

    @Test
    void shouldEstimateFullMemberTablesQuadraticallyAndRefuseTenThousandJoinersInSixGiB()
    {
        final SimConfig preseeded = new SimConfig().nodes(10_000).fidelity(Fidelity.FULL).conclude();
        final SimConfig join = new SimConfig().nodes(10_000).fidelity(Fidelity.FULL).formation("join").conclude();
        final MemoryEstimate p = MemoryEstimate.of(preseeded);
        final MemoryEstimate j = MemoryEstimate.of(join);

        assertThat(preseeded.formationResolved()).isEqualTo(SimConfig.PRESEEDED);
        assertThat(new SimConfig().nodes(1_000).fidelity(Fidelity.FULL).conclude().formationResolved()).isEqualTo(SimConfig.JOIN);
        // 10^8 member entries at >= 80 bytes: measured 82 bytes per entry at N = 3,000 pre-seeded
        assertThat(p.bytes()).isBetween(8_000_000_000L, 12_000_000_000L);
        assertThat(j.bytes()).isGreaterThan(p.bytes());
        assertThatThrownBy(() -> j.requireFits(6L << 30)).hasMessageContaining("full (join)");
        assertThatThrownBy(() -> new SimConfig().formation("gradual").conclude()).hasMessageContaining("bad formation gradual");
    }

    @Test
    void shouldRefuseBadSettingsNamingTheValue()
    {
        assertThatThrownBy(() -> new SimConfig().nodes(1).conclude()).hasMessageContaining("bad nodes 1");
        assertThatThrownBy(() -> new SimConfig().loss(1.5).conclude()).hasMessageContaining("bad loss 1.5");
        assertThatThrownBy(() -> new SimConfig().strategy("gossip").conclude()).hasMessageContaining("unknown strategy 'gossip'");
        assertThatThrownBy(() -> Fidelity.fromCliName("exact")).hasMessageContaining("unknown fidelity 'exact'");
    }

    @Test
    void shouldWriteSampleRecordsAndPerRoundAggregatesForLargeN(@TempDir final Path tmp) throws Exception
    {
        final SimConfig config = new SimConfig().nodes(50_000).runs(2).seed(5).sampleNodes(100).outDir(tmp);
        final List<RunResult> results = SimRunner.run(config, SimRunner.Progress.NONE);

        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.informed()).isEqualTo(50_000));
        final long[] sampled = { 0 };
        io.hearsay.records.log.EventLogReader.read(tmp.resolve("logs").resolve("sim"), r -> sampled[0]++);
        assertThat(sampled[0]).isBetween(150L, 250L); // ~100 sampled nodes per run (+ origins)
        final List<String> csv = Files.readAllLines(tmp.resolve("rounds.csv"));
        assertThat(csv.get(0)).isEqualTo("run,round,time_ms,informed,active,messages,max_received,max_sent");
        assertThat(csv).anyMatch(line -> line.startsWith("2,") && line.contains(",50000,"));
        assertThat(Files.readString(tmp.resolve("config.properties"))).contains("seed=5", "nodes=50000", "sample_stride=500");
        assertThatThrownBy(() -> SimRunner.run(config, SimRunner.Progress.NONE))
            .hasMessageContaining("already holds a simulation's records");
    }

    @Test
    void shouldWriteTheSameRunFolderWithRunsOnSeveralThreadsAsOneAfterTheOther(@TempDir final Path tmp) throws Exception
    {
        final java.util.function.Function<Integer, SimConfig> config = threads -> new SimConfig()
            .nodes(3_000).strategy("push-pull").runs(5).seed(9).loss(0.05).fanout(2).threads(threads)
            .outDir(tmp.resolve("t" + threads));
        final SimConfig sequential = config.apply(1);
        final SimConfig parallel = config.apply(3);
        final MemoryEstimate estimate = MemoryEstimate.of(parallel.conclude());

        final List<RunResult> one = SimRunner.run(sequential, SimRunner.Progress.NONE);
        final List<RunResult> three = SimRunner.run(parallel, SimRunner.Progress.NONE);

        assertThat(SimRunner.threads(parallel, SimRunner.create(parallel, null), estimate, 1L << 30)).isEqualTo(3);
        assertThat(SimRunner.threads(parallel, SimRunner.create(parallel, null), estimate, MemoryEstimate.BASE_BYTES + 1))
            .as("no room for a second simulation").isEqualTo(1);
        assertThat(Files.readString(tmp.resolve("t3").resolve("timing.properties"))).contains("threads=3");
        assertThat(three).isEqualTo(one).hasSize(5);
        for (final String file : List.of("summary.json", "rounds.csv", "config.properties"))
        {
            assertThat(Files.readAllBytes(tmp.resolve("t3").resolve(file))).as(file)
                .isEqualTo(Files.readAllBytes(tmp.resolve("t1").resolve(file)));
        }
        assertThat(records(tmp.resolve("t3"))).isEqualTo(records(tmp.resolve("t1"))).hasSize(5 * 3_000); // every node of every run, origins included
    }

    private static List<String> records(final Path dir)
    {
        final List<String> records = new java.util.ArrayList<>();
        io.hearsay.records.log.EventLogReader.read(dir.resolve("logs").resolve("sim"), r -> records.add(r.toString()));
        return records;
    }

    @Test
    void shouldComputeStudentConfidenceIntervals()
    {
        final Stats stats = Stats.of(new double[]{ 1, 2, 3, 4, Double.NaN });

        assertThat(stats.n).isEqualTo(4);
        assertThat(stats.mean).isEqualTo(2.5);
        assertThat(stats.sd).isCloseTo(1.29099, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(stats.ci95High - stats.mean).isCloseTo(3.182 * 1.29099 / 2, org.assertj.core.data.Offset.offset(1e-3));
    }
}
