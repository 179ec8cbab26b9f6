package io.hearsay.sim.dissemination;

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

class DisseminationSimulationTest
{
    private static final long PERIOD_NS = 100_000_000L;

    @ParameterizedTest
    @EnumSource(value = StrategyKind.class, names = {"TREE", "STAR", "DIRECT_ADDRESSING"}, mode = EnumSource.Mode.EXCLUDE)
    void shouldInformEverybodyWithoutFaults(final StrategyKind kind)
    {
        final RunResult result = simulate(kind, 2000, 0, Scenario.empty(), 7);

        assertThat(result.informed()).isEqualTo(2000);
        assertThat(result.rounds100()).isBetween(5, 40);
        assertThat(result.t100Ms()).isGreaterThan(0);
        assertThat(result.maxReceivedPerRound()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldNotCrossAOneWayPartitionUntilItHeals()
    {
        // the origin is drawn by the seed; cut both directions so it does not matter where it is
        final String cut = "at 0s partition groups=n0-n999/n1000-n1999\n";
        final RunResult cutForever = simulate(StrategyKind.PUSH_PULL, 2000, 0, Scenario.parse(cut, 2000), 3);
        final RunResult healed = simulate(StrategyKind.PUSH_PULL, 2000, 0, Scenario.parse(cut + "at 3s heal groups=n0-n999/n1000-n1999\n", 2000), 3);

        assertThat(cutForever.informed()).isEqualTo(1000);
        assertThat(cutForever.rounds100()).isEqualTo(-1);
        assertThat(healed.informed()).isEqualTo(2000);
        assertThat(healed.t100Ms()).isGreaterThan(3000);
    }

    @Test
    void shouldCountOnlyAliveNodesAfterCrashesAndStillInformThem()
    {
        final Scenario crash = Scenario.parse("at 150ms crash nodes=n0-n499\n", 2000); // after the origin has spoken
        final RunResult result = simulate(StrategyKind.PUSH_PULL, 2000, 0.1, crash, 4);

        assertThat(result.alive()).isEqualTo(1500);
        assertThat(result.informed()).isEqualTo(1500);
    }

    @Test
    void shouldSlowDownUnderLoss()
    {
        double clean = 0;
        double lossy = 0;
        for (int seed = 0; seed < 10; seed++)
        {
            clean += simulate(StrategyKind.PUSH_PULL, 2000, 0, Scenario.empty(), seed).t100Ms();
            lossy += simulate(StrategyKind.PUSH_PULL, 2000, 0.5, Scenario.empty(), seed).t100Ms();
        }
        assertThat(lossy).isGreaterThan(clean * 1.2);
    }

    private static RunResult simulate(
        final StrategyKind kind, final int nodes, final double loss, final Scenario scenario, final long seed)
    {
        final DisseminationSimulation simulation = new DisseminationSimulation(
            nodes, DisseminationRules.create(kind), 1, loss, PERIOD_NS, 400,
            DelayDistribution.parseWithJitter("uniform:1ms,10ms"), scenario, false);
        return simulation.run(seed, 1, Integer.MAX_VALUE, RoundSink.NONE);
    }
}
