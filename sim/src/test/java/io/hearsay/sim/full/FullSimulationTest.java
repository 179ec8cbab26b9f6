package io.hearsay.sim.full;

import io.hearsay.core.dissemination.DisseminationRules;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.core.impair.DelayDistribution;
import io.hearsay.sim.run.RoundSink;
import io.hearsay.sim.run.RunResult;
import io.hearsay.sim.scenario.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FullSimulationTest
{
    @ParameterizedTest
    @EnumSource(StrategyKind.class)
    void shouldFormTheClusterAndInformEverybody(final StrategyKind kind)
    {
        final RunResult result = simulate(kind, 64, 0, Scenario.empty(), 3);

        assertThat(result.informed()).isEqualTo(64);
        assertThat(result.rounds100()).isPositive();
        assertThat(result.t100Ms()).isPositive();
        assertThat(result.maxReceivedPerRound()).isPositive();
    }

    @Test
    void shouldGiveTheSameRunForTheSameSeed()
    {
        final Scenario scenario = Scenario.parse("at 100ms crash nodes=n5-n9\nat 0s loss p=0.1\n", 64);
        final RunResult a = simulate(StrategyKind.PUSH_PULL, 64, 0.05, scenario, 9);
        final RunResult b = simulate(StrategyKind.PUSH_PULL, 64, 0.05, scenario, 9);

        assertThat(b).isEqualTo(a);
        assertThat(a.alive()).isEqualTo(59);
    }

    @Test
    void shouldInformEverybodyFromPreseededMemberTablesWithoutFormationTraffic()
    {
        final FullSimulation simulation = new FullSimulation(
            500, FullSimulation.nodeConfig(StrategyKind.PUSH_PULL, "periodic", 1, 200),
            DisseminationRules.create(StrategyKind.PUSH_PULL), 0, DelayDistribution.parseWithJitter("uniform:1ms,5ms"),
            Scenario.empty(), 300).preseeded(true);
        final RunResult a = simulation.run(4, 1, 1, RoundSink.NONE);
        final RunResult b = simulation.run(4, 1, 1, RoundSink.NONE);

        assertThat(a.informed()).isEqualTo(500);
        assertThat(b).as("deterministic").isEqualTo(a);
        // everybody knows everybody from the start: push-pull needs about log3 N + log2 ln N = 8 periods, not 50 s
        assertThat(a.t100Ms()).isBetween(400.0, 4_000.0);
        // no join or member-state traffic: the messages per node are the dissemination's and SWIM's of a few seconds
        assertThat(a.messagesPerNode()).isLessThan(60.0);
    }

    private static RunResult simulate(
        final StrategyKind kind, final int nodes, final double loss, final Scenario scenario, final long seed)
    {
        final FullSimulation simulation = new FullSimulation(
            nodes, FullSimulation.nodeConfig(kind, "periodic", 1, 200), DisseminationRules.create(kind), loss,
            DelayDistribution.parseWithJitter("uniform:1ms,5ms"), scenario, 300);
        return simulation.run(seed, 1, 1, RoundSink.NONE);
    }
}
