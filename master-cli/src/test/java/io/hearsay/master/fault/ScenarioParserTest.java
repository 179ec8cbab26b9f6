package io.hearsay.master.fault;

import io.hearsay.master.cluster.ClusterPlan;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioParserTest
{
    private final ClusterPlan plan = NodeSelectorTest.plan(16, 1);
    private final ScenarioParser parser = new ScenarioParser(plan, System.currentTimeMillis());

    @Test
    void shouldReadATimelineSortedByTimeWithItsSeed()
    {
        final Scenario s = parser.parse("s.scenario", List.of(
            "# a flaky network",
            "seed 99",
            "at 10s heal",
            "at 0s loss p=0.2 nodes=all layer=kernel",
            "at 2.5s partition groups=c0-c7/rest",
            "at 5s sleep nodes=c3 for=2s layer=process",
            "at +7s kill nodes=c5"));

        assertThat(s.seed()).isEqualTo(99);
        assertThat(s.steps()).extracting(Scenario.Step::atMs).containsExactly(0L, 2500L, 5000L, 7000L, 10_000L);
        assertThat(s.steps().get(0).action().probability).isEqualTo(0.2);
        assertThat(s.steps().get(2).action().layer).isEqualTo(FaultLayer.PROCESS);
        assertThat(s.steps().get(2).action().durationMs).isEqualTo(2000);
        assertThat(s.lengthMs()).isEqualTo(10_000);
    }

    @Test
    void shouldRefuseAnUnknownFaultNamingLineAndValue()
    {
        assertThatThrownBy(() -> parser.parse("s", List.of("seed 1", "at 1s explode nodes=c1")))
            .hasMessageContaining("s line 2").hasMessageContaining("'explode'").hasMessageContaining("unknown fault");
    }

    @Test
    void shouldRefuseATargetThatDoesNotExist()
    {
        assertThatThrownBy(() -> parser.parse("s", List.of("at 1s kill nodes=c16")))
            .hasMessageContaining("s line 1").hasMessageContaining("c16").hasMessageContaining("c0..c15");
    }

    @Test
    void shouldRefuseATimeInThePast()
    {
        assertThatThrownBy(() -> parser.parse("s", List.of("", "at -5s heal")))
            .hasMessageContaining("s line 2, column 4").hasMessageContaining("'-5s'").hasMessageContaining("before the start");
        final ScenarioParser late = new ScenarioParser(plan, System.currentTimeMillis() + 3_600_000L * 25);
        assertThatThrownBy(() -> late.parse("s", List.of("at 00:00:01 heal")))
            .hasMessageContaining("'00:00:01'").hasMessageContaining("in the past");
    }

    @Test
    void shouldRefuseMissingParametersAndUnknownKeys()
    {
        assertThatThrownBy(() -> parser.parse("s", List.of("at 1s loss nodes=all")))
            .hasMessageContaining("line 1").hasMessageContaining("missing p or ge");
        assertThatThrownBy(() -> parser.parse("s", List.of("at 1s loss p=0.1 colour=red")))
            .hasMessageContaining("unknown key 'colour'");
        assertThatThrownBy(() -> parser.parse("s", List.of("at 1s loss p=0.1 layer=process")))
            .hasMessageContaining("cannot be made in layer process");
        assertThatThrownBy(() -> parser.parse("s", List.of("run 1s heal"))).hasMessageContaining("'run'");
    }

    @Test
    void shouldRefuseWhatTheClusterCannotDoNamingTheColumn()
    {
        assertThatThrownBy(() -> parser.parse("s", List.of("at 1s loss ge=0.01:0.3")))
            .hasMessageContaining("s line 1, column 12: 'ge=0.01:0.3': Gilbert-Elliott loss is made by the daemon layer only");
        assertThatThrownBy(() -> parser.parse("s", List.of("at 1s delay dist=lognormal:10ms,0.5 layer=kernel")))
            .hasMessageContaining("the kernel layer (netem) delays uniformly").hasMessageContaining("layer=daemon");
        assertThatThrownBy(() -> parser.parse("s", List.of("at 1s loss p=0.1 side=out")))
            .hasMessageContaining("column 18: 'side=out'");
        assertThatThrownBy(() -> parser.parse("s", List.of("at 1s partition groups=c0-c3/c3-c5")))
            .hasMessageContaining("'groups=c0-c3/c3-c5'").hasMessageContaining("overlap");
    }

    @Test
    void shouldReadTheSameDelayForTheDaemonAndTheKernel()
    {
        final Scenario s = parser.parse("s", List.of(
            "at 0s delay dist=normal:20ms,5ms",
            "at 1s delay dist=uniform:15ms,25ms layer=kernel"));
        assertThat(DaemonFaults.impairmentSpec(s.steps().get(0).action())).isEqualTo("delay dist=normal:20ms,5ms");
        assertThat(s.steps().get(1).action().delayMs).isEqualTo(20);
        assertThat(s.steps().get(1).action().jitterMs).isEqualTo(5);
    }
}
