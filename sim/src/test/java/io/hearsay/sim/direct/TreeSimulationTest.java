package io.hearsay.sim.direct;

import io.hearsay.sim.engine.SimRandom;
import io.hearsay.sim.run.RoundSink;
import io.hearsay.sim.run.RunResult;
import io.hearsay.sim.run.SimConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TreeSimulationTest
{
    @ParameterizedTest(name = "N = {0}, d = {1}")
    @CsvSource({ "1000, 2", "1000, 4", "4096, 16", "4096, 4095", "100, 99" })
    void shouldInformEveryNodeInAboutTwiceTheDepthAtLoadD(final int nodes, final int fanout)
    {
        final TreeSimulation tree = new TreeSimulation(nodes, fanout, 1, 10_000, 0);
        for (int s = 0; s < 5; s++)
        {
            final RunResult r = tree.run(SimRandom.runSeed(1, s), s + 1, Integer.MAX_VALUE, RoundSink.NONE);
            assertThat(r.informed()).isEqualTo(nodes);
            // up from the origin to the root, down to the deepest leaf
            assertThat(r.rounds100()).isBetween(1, 2 * tree.depth());
            assertThat(r.maxReceivedPerRound()).isLessThanOrEqualTo(fanout);
        }
    }

    @Test
    void shouldAnswerAtMostBCallsPerRoundWhenCapped()
    {
        final int nodes = 4096;
        final int cap = 64;
        final RunResult r = new TreeSimulation(nodes, nodes - 1, 1, 100_000, cap).run(3, 1, Integer.MAX_VALUE, RoundSink.NONE);
        assertThat(r.informed()).isEqualTo(nodes);
        assertThat(r.extraFigures().get("max_answered_per_round")).isEqualTo((double)cap);
        // a hub answering B calls per round needs at least (N - 1) / B rounds
        assertThat(r.rounds100()).isGreaterThanOrEqualTo((nodes - 1) / cap);
    }

    @Test
    void shouldRefuseTheCapForTheUniformStrategies()
    {
        assertThatThrownBy(() -> new SimConfig().strategy("push-pull").maxAnswers(4).conclude())
            .hasMessageContaining("bad max-answers 4; accepted: 0 for push-pull");
        assertThatThrownBy(() -> new SimConfig().strategy("tree").fidelity(io.hearsay.sim.run.Fidelity.DISSEMINATION).conclude())
            .hasMessageContaining("strategy tree exists only in the rounds and full fidelity");
        assertThatThrownBy(() -> new SimConfig().strategy("direct-addressing").fidelity(io.hearsay.sim.run.Fidelity.DISSEMINATION).conclude())
            .hasMessageContaining("strategy direct-addressing exists only in the rounds and full fidelity");
        assertThat(new SimConfig().strategy("direct-addressing").maxAnswers(4).fidelity(io.hearsay.sim.run.Fidelity.FULL)
            .conclude().strategyKind()).as("the core's direct addressing in the full fidelity, with the cap")
            .isEqualTo(io.hearsay.core.dissemination.StrategyKind.DIRECT_ADDRESSING);
        assertThat(new SimConfig().strategy("tree").fanout(16).fidelity(io.hearsay.sim.run.Fidelity.FULL).conclude()
            .strategyKind()).as("the core's tree in the full fidelity").isEqualTo(io.hearsay.core.dissemination.StrategyKind.TREE);
        assertThatThrownBy(() -> new SimConfig().strategy("tree").maxAnswers(4).fidelity(io.hearsay.sim.run.Fidelity.FULL).conclude())
            .hasMessageContaining("bad max-answers 4");
        assertThat(new SimConfig().strategy("tree").fanout(1000).maxAnswers(8).conclude().toProperties())
            .containsEntry("max_answers", "8").containsEntry("fanout", "1000");
    }
}
