package io.hearsay.master.analysis;

import io.hearsay.master.HearsayMain;
import io.hearsay.records.run.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The theory drawn over curves against the simulator: asynchronous runs (full fidelity: every node a real
 * {@code GossipNode}, probes and all) against {@link AsyncSpreadModel} at the rate measured from the run's own message
 * counts; rounds runs against the synchronous closed form. Seeded, so the same numbers every time.
 */
class SpreadTheoryTest
{
    private static final double TOLERANCE = 0.15;

    @ParameterizedTest(name = "N = {0}, period {1} ms, {2} runs")
    @CsvSource({
        "64, 200, 8", "64, 1000, 8",
        "256, 200, 6", "256, 1000, 6",
        "1024, 200, 4", "1024, 1000, 4"})
    void shouldPutTheAsynchronousModelWithin15PercentOfTheFullSimulator(
        final int nodes, final int periodMs, final int runs, @TempDir final Path tmp) throws Exception
    {
        final Path out = tmp.resolve("sim");
        final int exit = HearsayMain.commandLine().execute("sim", "--nodes", String.valueOf(nodes), "--fidelity", "full",
            "--formation", "preseeded", "--gossip-period-ms", String.valueOf(periodMs), "--runs", String.valueOf(runs),
            "--seed", "7", "--quiet", "--out", out.toString());
        assertThat(exit).isZero();
        final RunSummary simulated = RunSummary.read(out.resolve(RunSummary.FILE_NAME));
        final CollectedRun run = new LogCollector(w -> { }).collect(new RunFolder(out));

        final SpreadTheory theory = SpreadTheory.of(List.of(run), nodes);

        assertThat(theory.synchronous).isFalse();
        assertThat(theory.measuredMessagesPerNode).isPositive();
        assertThat(theory.scale).isCloseTo(1.0, within(0.1));
        final double t50 = simulated.stats.get("t50_ms").mean;
        final double t100 = simulated.stats.get("t100_ms").mean;
        assertThat(theory.model.t50Ms).isCloseTo(t50, within(TOLERANCE * t50));
        assertThat(theory.model.t100Ms).isCloseTo(t100, within(TOLERANCE * t100));
    }

    @Test
    void shouldKeepTheSynchronousFormulaForTheRoundsFidelityWithinHalfARound(@TempDir final Path tmp) throws Exception
    {
        final Path out = tmp.resolve("rounds");
        final int exit = HearsayMain.commandLine().execute("sim", "--nodes", "1000", "--fidelity", "rounds",
            "--runs", "40", "--seed", "7", "--quiet", "--out", out.toString());
        assertThat(exit).isZero();
        final RunSummary simulated = RunSummary.read(out.resolve(RunSummary.FILE_NAME));
        final CollectedRun run = new LogCollector(w -> { }).collect(new RunFolder(out));

        final SpreadTheory theory = SpreadTheory.of(List.of(run), 1000);

        assertThat(theory.synchronous).isTrue();
        assertThat(theory.roundsAll(run.configuration, 1000))
            .isCloseTo(simulated.stats.get("rounds100").mean, within(0.5));
    }

    @Test
    void shouldMatchThePoissonChainWhereItIsExactAndEndLaterThanRandomPhases()
    {
        final double[] poisson = AsyncSpreadModel.poissonPushPullMs(64, 6.0);
        final AsyncSpreadModel phases = AsyncSpreadModel.compute("push-pull", 64, 1, 200, 1000, 0, 1);

        assertThat(poisson[64]).isCloseTo(1000.0 * 63 / 64 * harmonic(63) / 6.0, within(1e-6));
        assertThat(phases.t50Ms).isCloseTo(poisson[32], within(0.15 * poisson[32]));
        assertThat(phases.t100Ms).isLessThan(0.9 * poisson[64]);
    }

    @Test
    void shouldGiveTheSameCurveForTheSameSeed()
    {
        final AsyncSpreadModel a = AsyncSpreadModel.compute("pull", 300, 2, 200, 0, 0.1, 5);
        final AsyncSpreadModel b = AsyncSpreadModel.compute("pull", 300, 2, 200, 0, 0.1, 5);

        assertThat(a.meanInformed).containsExactly(b.meanInformed);
        assertThat(a.completed).isEqualTo(a.runs);
        assertThat(a.informedAt(1e9)).isEqualTo(300.0);
    }

    private static double harmonic(final int n)
    {
        double h = 0;
        for (int k = 1; k <= n; k++)
        {
            h += 1.0 / k;
        }
        return h;
    }
}
