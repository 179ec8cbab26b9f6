package io.hearsay.sim.direct;

import io.hearsay.sim.engine.SimRandom;
import io.hearsay.sim.run.Fidelity;
import io.hearsay.core.Channel;
import io.hearsay.sim.run.PhaseRecord;
import io.hearsay.sim.run.RoundSink;
import io.hearsay.sim.run.RunResult;
import io.hearsay.sim.run.SimConfig;
import io.hearsay.sim.run.SimRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DirectAddressingSimulationTest
{
    private static final long ROUND_NS = 200_000_000L;

    @ParameterizedTest(name = "N = {0}, {1} seeds")
    @CsvSource({ "10, 40", "100, 30", "1000, 20", "10000, 8", "100000, 2" })
    void shouldInformEveryNodeAndKeepTheStructureForTheNextEvent(final int nodes, final int seeds)
    {
        final DirectAddressingSimulation simulation = new DirectAddressingSimulation(nodes, ROUND_NS, 1000);
        for (int s = 0; s < seeds; s++)
        {
            final long seed = SimRandom.runSeed(42, s);
            final RunResult r = simulation.run(seed, s + 1, Integer.MAX_VALUE, RoundSink.NONE);
            assertThat(r.informed()).as("N %d seed %d", nodes, seed).isEqualTo(nodes);
            final Map<String, Double> f = r.extraFigures();
            assertThat(f.get("structure_rounds")).isEqualTo((double)simulation.schedule().structureRounds());
            // the rumor rides on the structure's calls: at most source -> leader -> root -> leaders -> members after it
            assertThat(f.get("rumor_rounds")).as("rumor rounds after the structure, N %d seed %d", nodes, seed).isBetween(0.0, 4.0);
            // the kept structure: a later event costs source -> leader -> root -> leaders -> members (below ~2^8 a
            // second root is often left, and roots find each other by random calls: a few more rounds)
            assertThat(f.get("steady_rounds")).as("steady rounds, N %d seed %d", nodes, seed).isBetween(1.0, nodes <= 100 ? 12.0 : 4.0);
        }
    }

    /**
     * Issue 10's acceptance on the rounds model, 100 runs per N: the structure ends as one group in at least 99 % of
     * runs, and the chance of needing rounds after the structure does not rise with N (at most 5 more of 100 runs
     * than at the smallest N: binomial noise at p = 0.05 is about 2 runs). Larger N (2^16 ... 2^20, 30 runs each) are
     * checked on the checked-in ladder by the results generator (docs/RESULTS.md, "Acceptance").
     */
    @Test
    void shouldEndAsOneGroupAndKeepTheRoundsAfterTheStructureConstant()
    {
        final int runs = 100;
        int firstMore = -1;
        for (final int nodes : new int[] { 1 << 10, 1 << 12, 1 << 14 })
        {
            final DirectAddressingSimulation simulation = new DirectAddressingSimulation(nodes, ROUND_NS, 1000);
            int one = 0;
            int more = 0;
            for (int s = 0; s < runs; s++)
            {
                final RunResult r = simulation.run(SimRandom.runSeed(3, s), s + 1, Integer.MAX_VALUE, RoundSink.NONE);
                one += r.extraFigures().get("one_group") == 1.0 ? 1 : 0;
                more += r.extraFigures().get("rumor_rounds") > 0 ? 1 : 0;
            }
            System.out.printf("N %d: one group in %d of %d runs, rounds after the structure in %d of %d%n",
                nodes, one, runs, more, runs);
            assertThat(one).as("runs ending as one group at N = %d", nodes).isGreaterThanOrEqualTo(99);
            if (firstMore < 0)
            {
                firstMore = more;
            }
            assertThat(more).as("runs needing rounds after the structure at N = %d (2^10: %d)", nodes, firstMore)
                .isLessThanOrEqualTo(firstMore + 5);
        }
    }

    /** Issue 10: in every merge phase with at least 30 active groups log2 s(k+1) >= 1.8 log2 s(k), at 2^16 and 2^20 */
    @ParameterizedTest(name = "N = {0}, {1} seeds")
    @CsvSource({ "65536, 3", "1048576, 2" })
    void shouldSquareTheGroupSizeInEveryMergePhaseWithManyActiveGroups(final int nodes, final int seeds)
    {
        final DirectAddressingSimulation simulation = new DirectAddressingSimulation(nodes, ROUND_NS, 1000);
        final List<String> expected = new ArrayList<>(List.of("growth", "normalise"));
        for (int k = 0; k < simulation.schedule().mergePhases(); k++)
        {
            expected.add("merge-" + k);
        }
        expected.addAll(List.of("final-trim", "final", "delivery", "steady"));
        int checked = 0;
        for (int s = 0; s < seeds; s++)
        {
            final List<PhaseRecord> phases = new ArrayList<>();
            simulation.run(SimRandom.runSeed(9, s), s + 1, Integer.MAX_VALUE, phaseSink(phases));
            for (final PhaseRecord p : phases)
            {
                if (p.phase().startsWith("merge-") && p.activeGroups() >= 30)
                {
                    assertThat(p.logSizeRatio()).as("log2 s(k+1) / log2 s(k) in %s, N %d seed %d", p.phase(), nodes, s)
                        .isGreaterThanOrEqualTo(1.8);
                    checked++;
                }
            }
            assertThat(phases).extracting(PhaseRecord::phase).containsExactlyElementsOf(expected);
        }
        assertThat(checked).as("merge phases with >= 30 active groups").isGreaterThanOrEqualTo(seeds);
    }

    @Test
    void shouldKeepPeakInDegreeWithinTheLargestGroupAndWithinTheCap()
    {
        final int nodes = 1 << 14;
        final List<PhaseRecord> phases = new ArrayList<>();
        final RunResult free = new DirectAddressingSimulation(nodes, ROUND_NS, 1000).run(5, 1, Integer.MAX_VALUE, phaseSink(phases));
        long largestGroup = 0;
        for (final PhaseRecord p : phases)
        {
            largestGroup = Math.max(largestGroup, p.sizeMax());
        }
        final long groups = phases.get(phases.size() - 1).groups();
        // a leader answers its own members, and the root also its sub-leaders
        assertThat(free.maxReceivedPerRound()).isLessThanOrEqualTo(largestGroup + groups);

        final int cap = 64;
        final RunResult capped = new DirectAddressingSimulation(nodes, ROUND_NS, 1000, cap, 0, false).run(5, 1, Integer.MAX_VALUE, RoundSink.NONE);
        assertThat(capped.informed()).isEqualTo(nodes);
        assertThat(capped.extraFigures().get("max_answered_per_round")).isLessThanOrEqualTo((double)cap);
        assertThat(capped.extraFigures().get("steady_rounds")).as("a capped root answers its members B at a time")
            .isGreaterThan(free.extraFigures().get("steady_rounds"));
    }

    /** the seeds of {@code ./hearsay sim --seed 1 --runs 30}: at 2^10 the killed root was the source's only path in 5 */
    @ParameterizedTest(name = "N = {0}, loss {1}, root killed {2}, {3} runs")
    @CsvSource({
        "1024, 0, true, 30", "1024, 0.1, true, 30", "4096, 0, true, 5", "4096, 0.1, true, 5",
        "4096, 0.1, false, 3", "65536, 0.1, true, 3" })
    void shouldInformEveryLiveNodeThroughTheFallback(final int nodes, final double loss, final boolean killRoot, final int runs)
    {
        final DirectAddressingSimulation simulation = new DirectAddressingSimulation(nodes, ROUND_NS, 1000, 0, loss, killRoot);
        for (int s = 0; s < runs; s++)
        {
            final RunResult r = simulation.run(SimRandom.runSeed(1, s), s + 1, Integer.MAX_VALUE, RoundSink.NONE);
            final Map<String, Double> f = r.extraFigures();
            assertThat(r.informed()).as("first event").isEqualTo(nodes);
            assertThat(f.get("steady_alive")).isEqualTo(killRoot ? nodes - 1.0 : nodes);
            assertThat(f.get("steady_informed")).as("every live node, second event, run %d", s + 1).isEqualTo(f.get("steady_alive"));
            assertThat(f.get("steady_rounds")).isPositive();
            System.out.printf("N %d loss %.2f root killed %s: first event %d rounds, second event %.0f rounds%n",
                nodes, loss, killRoot, r.rounds100(), f.get("steady_rounds"));
        }
    }

    private static RoundSink phaseSink(final List<PhaseRecord> phases)
    {
        return new RoundSink()
        {
            public void onRound(
                final int round, final long timeNs, final long informed, final long active, final long messages,
                final long maxReceived, final long maxSent)
            {
            }

            public void onLearned(final long timeNs, final long node, final int round, final int hops, final long from, final Channel channel)
            {
            }

            public void onPhase(final PhaseRecord phase)
            {
                phases.add(phase);
            }
        };
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
        for (final String file : List.of("summary.json", "rounds.csv", "config.properties", "phases.csv"))
        {
            assertThat(Files.readAllBytes(b.resolve(file))).as(file).isEqualTo(Files.readAllBytes(a.resolve(file)));
        }
        assertThat(Files.readString(c.resolve("rounds.csv"))).isNotEqualTo(Files.readString(a.resolve("rounds.csv")));
        assertThat(Files.readString(a.resolve("summary.json")))
            .contains("\"strategy\": \"direct-addressing\"", "\"rounds100\"", "\"max_received_per_round\"",
                "\"structure_rounds\"", "\"rumor_rounds\"", "\"max_received_per_round_rumor\"");
    }

    private static Path runFolder(final Path out, final long seed) throws Exception
    {
        SimRunner.run(new SimConfig().nodes(2000).strategy(SimConfig.DIRECT_ADDRESSING).fidelity(Fidelity.ROUNDS)
            .runs(2).seed(seed).outDir(out), SimRunner.Progress.NONE);
        return out;
    }
}
