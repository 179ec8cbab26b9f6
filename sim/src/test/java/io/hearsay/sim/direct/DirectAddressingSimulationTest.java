package io.hearsay.sim.direct;

import io.hearsay.core.dissemination.DisseminationRules;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.sim.engine.SimRandom;
import io.hearsay.sim.rounds.RoundsSimulation;
import io.hearsay.sim.run.Fidelity;
import io.hearsay.sim.run.RoundSink;
import io.hearsay.sim.run.RunResult;
import io.hearsay.sim.run.SimConfig;
import io.hearsay.sim.run.SimRunner;
import io.hearsay.sim.run.Simulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DirectAddressingSimulationTest
{
    private static final long ROUND_NS = 200_000_000L;

    @ParameterizedTest(name = "N = {0}, {1} seeds")
    @CsvSource({ "10, 40", "100, 30", "1000, 20", "10000, 8", "100000, 3" })
    void shouldInformEveryNode(final int nodes, final int seeds)
    {
        final DirectAddressingSimulation simulation = new DirectAddressingSimulation(nodes, ROUND_NS, 1000);
        double rumorRounds = 0;
        for (int s = 0; s < seeds; s++)
        {
            final long seed = SimRandom.runSeed(42, s);
            final RunResult r = simulation.run(seed, s + 1, Integer.MAX_VALUE, RoundSink.NONE);
            assertThat(r.informed()).as("N %d seed %d", nodes, seed).isEqualTo(nodes);
            assertThat(r.rounds100()).isEqualTo(r.rounds());
            final int structure = simulation.schedule().structureRounds();
            assertThat(r.extraFigures().get("structure_rounds")).isEqualTo((double)structure);
            // source -> leader -> members is 2 rounds (1 if the source leads); stragglers (a cluster the final merge
            // left apart, whose leader then pulls at random) may take several more
            assertThat(r.rounds100() - structure).as("rumor rounds N %d seed %d", nodes, seed).isBetween(1, 12);
            rumorRounds += r.rounds100() - structure;
        }
        assertThat(rumorRounds / seeds).as("mean rumor rounds N %d", nodes).isLessThan(4);
    }

    @Test
    void shouldGiveTheSameRunForTheSameSeed()
    {
        final DirectAddressingSimulation simulation = new DirectAddressingSimulation(5000, ROUND_NS, 1000);
        final RunResult first = simulation.run(7, 1, 1, RoundSink.NONE);
        final RunResult second = new DirectAddressingSimulation(5000, ROUND_NS, 1000).run(7, 1, 1, RoundSink.NONE);
        final RunResult other = simulation.run(8, 1, 1, RoundSink.NONE);
        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void shouldWriteByteIdenticalRunFoldersForTheSameSeed(@TempDir final Path tmp) throws Exception
    {
        final Path a = runFolder(tmp.resolve("a"), 3);
        final Path b = runFolder(tmp.resolve("b"), 3);
        final Path c = runFolder(tmp.resolve("c"), 4);
        for (final String file : List.of("summary.json", "rounds.csv", "config.properties"))
        {
            assertThat(Files.readAllBytes(b.resolve(file))).as(file).isEqualTo(Files.readAllBytes(a.resolve(file)));
        }
        assertThat(Files.readString(c.resolve("rounds.csv"))).isNotEqualTo(Files.readString(a.resolve("rounds.csv")));
        assertThat(Files.readString(a.resolve("summary.json")))
            .contains("\"strategy\": \"direct-addressing\"", "\"rounds100\"", "\"max_received_per_round\"",
                "\"structure_rounds\"", "\"rumor_rounds\"", "\"max_received_per_round_rumor\"");
    }

    /**
     * The squaring ladder N = 2^8, 2^16: under a + b log log N the increment T(N^2) - T(N) stays constant, under
     * a + b log N it doubles. Direct addressing's increment must be smaller than push-pull's, and its peak
     * in-degree must grow with N (the price: a leader answers its whole cluster).
     */
    @Test
    void shouldGrowSlowerThanPushPullButWithPeakInDegreeGrowingWithN()
    {
        final int runs = 6;
        final double direct8 = meanRounds(new DirectAddressingSimulation(1 << 8, ROUND_NS, 1000), runs);
        final double direct16 = meanRounds(new DirectAddressingSimulation(1 << 16, ROUND_NS, 1000), runs);
        final double push8 = meanRounds(pushPull(1 << 8), runs);
        final double push16 = meanRounds(pushPull(1 << 16), runs);
        System.out.printf("ladder: direct %.2f -> %.2f (+%.2f), push-pull %.2f -> %.2f (+%.2f)%n",
            direct8, direct16, direct16 - direct8, push8, push16, push16 - push8);
        assertThat(direct16 - direct8).isLessThan(push16 - push8);

        final long peak8 = new DirectAddressingSimulation(1 << 8, ROUND_NS, 1000).run(1, 1, Integer.MAX_VALUE, RoundSink.NONE)
            .maxReceivedPerRound();
        final long peak16 = new DirectAddressingSimulation(1 << 16, ROUND_NS, 1000).run(1, 1, Integer.MAX_VALUE, RoundSink.NONE)
            .maxReceivedPerRound();
        final long pushPeak16 = pushPull(1 << 16).run(1, 1, Integer.MAX_VALUE, RoundSink.NONE).maxReceivedPerRound();
        System.out.printf("peak in-degree: direct %d -> %d, push-pull at 2^16 %d%n", peak8, peak16, pushPeak16);
        assertThat(peak16).isGreaterThan(100 * peak8 / 2).isGreaterThan((1 << 16) / 2).isGreaterThan(100 * pushPeak16);
    }

    private static RoundsSimulation pushPull(final int nodes)
    {
        return new RoundsSimulation(nodes, DisseminationRules.create(StrategyKind.PUSH_PULL), 1, 0, ROUND_NS, 1000, false);
    }

    private static double meanRounds(final Simulation simulation, final int runs)
    {
        double sum = 0;
        for (int s = 0; s < runs; s++)
        {
            final RunResult r = simulation.run(SimRandom.runSeed(5, s), s + 1, Integer.MAX_VALUE, RoundSink.NONE);
            assertThat(r.rounds100()).isPositive();
            sum += r.rounds100();
        }
        return sum / runs;
    }

    private static Path runFolder(final Path out, final long seed) throws Exception
    {
        SimRunner.run(new SimConfig().nodes(2000).strategy(SimConfig.DIRECT_ADDRESSING).fidelity(Fidelity.ROUNDS)
            .runs(2).seed(seed).outDir(out), SimRunner.Progress.NONE);
        return out;
    }
}
