package io.hearsay.sim.rounds;

import io.hearsay.core.Channel;
import io.hearsay.core.dissemination.DisseminationRule;
import io.hearsay.core.dissemination.DisseminationRules;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.sim.engine.SimRandom;
import io.hearsay.sim.run.RoundSink;
import io.hearsay.sim.run.RunResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast rounds simulation against the plain one ({@link RoundsReferenceModel}): for every uniform strategy,
 * fan-out, loss, stopping rule and sizes around the bitset's 64-node words, the same seed must give the same
 * {@link RunResult} and the same sink calls in the same order (rounds and learned nodes), run after run on one
 * instance (nothing left over from the previous run).
 */
class RoundsReferenceTest
{
    @ParameterizedTest(name = "{0} N={1} fanout={2} loss={3} quiescent={4} factor={5}")
    @CsvSource({
        "push-pull, 1000, 1, 0, false, 0",
        "push-pull, 1000, 1, 0, true, 0",
        "push-pull, 4097, 3, 0.1, true, 0",
        "push-pull, 2, 1, 0, true, 0",
        "push-pull, 3, 2, 0.3, true, 0",
        "push, 1000, 1, 0, true, 0",
        "push, 129, 2, 0.2, true, 16",
        "push, 20000, 1, 0, false, 1",
        "pull, 1000, 1, 0, true, 0",
        "pull, 65, 4, 0.25, true, 16",
        "pull, 20000, 1, 0.05, false, 1",
        "median-counter, 1000, 1, 0, true, 0",
        "median-counter, 64, 2, 0.1, true, 0",
        "median-counter, 20000, 3, 0.05, true, 2",
        "median-counter, 5000, 1, 0, false, 0" })
    void shouldGiveTheReferenceModelsResultsAndRecords(
        final String strategy, final int nodes, final int fanout, final double loss, final boolean quiescent, final int factor)
    {
        final StrategyKind kind = StrategyKind.fromCliName(strategy);
        final DisseminationRule rule = factor == 0 ? DisseminationRules.create(kind) : DisseminationRules.create(kind, factor);
        final int maxRounds = 16 * (32 - Integer.numberOfLeadingZeros(nodes)) + 64;
        final RoundsSimulation fast = new RoundsSimulation(nodes, rule, fanout, loss, 200_000_000L, maxRounds, quiescent);
        final RoundsReferenceModel plain = new RoundsReferenceModel(nodes, rule, fanout, loss, 200_000_000L, maxRounds, quiescent);
        final int stride = nodes > 10_000 ? 7 : 1;
        for (int run = 0; run < 4; run++)
        {
            final long seed = SimRandom.runSeed(77, run);
            final List<String> fastCalls = new ArrayList<>();
            final List<String> plainCalls = new ArrayList<>();
            final RunResult fastResult = fast.run(seed, run + 1, stride, recorder(fastCalls));
            final RunResult plainResult = plain.run(seed, run + 1, stride, recorder(plainCalls));

            assertThat(fastResult).as("run %d", run).isEqualTo(plainResult);
            assertThat(fastCalls).as("run %d", run).isEqualTo(plainCalls).hasSizeGreaterThan(fastResult.rounds());
        }
    }

    private static RoundSink recorder(final List<String> calls)
    {
        return new RoundSink()
        {
            public void onRound(
                final int round, final long timeNs, final long informed, final long active, final long messages,
                final long maxReceived, final long maxSent)
            {
                calls.add("round " + round + " " + timeNs + " " + informed + " " + active + " " + messages + " " +
                    maxReceived + " " + maxSent);
            }

            public void onLearned(
                final long timeNs, final long node, final int round, final int hops, final long from, final Channel channel)
            {
                calls.add("learned " + timeNs + " " + node + " " + round + " " + hops + " " + from + " " + channel);
            }
        };
    }
}
