package io.hearsay.master.experiment;

import io.hearsay.core.TimingMode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExperimentSpecTest
{
    @Test
    void shouldExpandTheAxesIntoCellsSmallestFirst()
    {
        final ExperimentSpec spec = ExperimentSpec.parse("e", List.of(
            "name = t",
            "sizes = 64, 16  # unordered on purpose",
            "timings = periodic, eager",
            "loss = 0, 0.2",
            "repetitions = 3",
            "seed = 5"), null);

        assertThat(spec.cells()).hasSize(8);
        assertThat(spec.cells().get(0)).isEqualTo(new ExperimentSpec.Cell(16, spec.strategies.get(0), TimingMode.PERIODIC, 0.0));
        assertThat(spec.cells().get(7).nodes()).isEqualTo(64);
        assertThat(spec.cells().get(0).id()).isEqualTo("n00016-push-pull-periodic-loss0.00");
    }

    @Test
    void shouldGiveEveryRepetitionItsOwnReproducibleSeedAndRunFolder()
    {
        final ExperimentSpec spec = ExperimentSpec.parse("e", List.of("sizes = 16", "repetitions = 2", "loss = 0.2"), null);
        final ExperimentRunner runner = new ExperimentRunner(null, spec, java.nio.file.Path.of("/tmp/x"), System.out);
        final List<ExperimentRunner.Task> tasks = runner.tasks();

        assertThat(tasks).hasSize(2);
        assertThat(runner.clusterSpec(tasks.get(0)).seed).isNotEqualTo(runner.clusterSpec(tasks.get(1)).seed);
        assertThat(runner.clusterSpec(tasks.get(1)).seed).isEqualTo(runner.clusterSpec(tasks.get(1)).seed);
        assertThat(runner.clusterSpec(tasks.get(0)).kernelLoss).isEqualTo(0.2);
        assertThat(tasks.get(1).dirName()).isEqualTo("n00016-push-pull-periodic-loss0.20/rep-1");
    }

    @Test
    void shouldCarryFormationAndSettleTimeIntoEveryCluster()
    {
        final ExperimentSpec spec = ExperimentSpec.parse("e", List.of("sizes = 16, 300", "formation = roster",
            "settle_s = 10"), null);
        final ExperimentRunner runner = new ExperimentRunner(null, spec, java.nio.file.Path.of("/tmp/x"), System.out);

        assertThat(spec.settleS).isEqualTo(10);
        assertThat(runner.tasks()).allMatch(t -> runner.clusterSpec(t).rosterFormation());
        final ExperimentSpec auto = ExperimentSpec.parse("e", List.of("sizes = 16, 300"), null);
        final ExperimentRunner autoRunner = new ExperimentRunner(null, auto, java.nio.file.Path.of("/tmp/x"), System.out);
        assertThat(autoRunner.tasks()).extracting(t -> autoRunner.clusterSpec(t).formation).containsExactly("join", "roster");
        assertThatThrownBy(() -> ExperimentSpec.parse("e", List.of("formation = mesh"), null))
            .hasMessageContaining("join, roster, auto");
        assertThatThrownBy(() -> ExperimentSpec.parse("e", List.of("settle_s = -1"), null)).hasMessageContaining("0..3600");
        assertThat(ExperimentSpec.parse("e", List.of("first_event_s = 3"), null).firstEventS).isEqualTo(3);
        assertThatThrownBy(() -> ExperimentSpec.parse("e", List.of("first_event_s = 4000"), null))
            .hasMessageContaining("first_event_s").hasMessageContaining("0..3600");
    }

    @Test
    void shouldWeighRunsByTheirContainersAlsoWithAutomaticPacking()
    {
        // no containers / per_container key: packing is the cluster's automatic one (1 a container up to 200 nodes)
        final ExperimentSpec spec = ExperimentSpec.parse("e", List.of("sizes = 16, 64"), null);
        final ExperimentRunner runner = new ExperimentRunner(null, spec, java.nio.file.Path.of("/tmp/x"), System.out);

        assertThat(runner.tasks()).extracting(runner::weight).containsExactly(5L + 2 * 16, 5L + 2 * 64);
    }

    @Test
    void shouldRefuseBadValuesNamingLineKeyAndValue()
    {
        assertThatThrownBy(() -> ExperimentSpec.parse("e", List.of("sizes = 16", "strategies = gossip"), null))
            .hasMessageContaining("e line 2").hasMessageContaining("unknown strategy 'gossip'");
        assertThatThrownBy(() -> ExperimentSpec.parse("e", List.of("size = 16"), null))
            .hasMessageContaining("'size'").hasMessageContaining("unknown key");
        assertThatThrownBy(() -> ExperimentSpec.parse("e", List.of("loss = 1.5"), null)).hasMessageContaining("not in [0, 1)");
        assertThatThrownBy(() -> ExperimentSpec.parse("e", List.of("sizes = 1"), null)).hasMessageContaining("2..100000");
        assertThatThrownBy(() -> ExperimentSpec.parse("e", List.of("seed = 1", "seed = 2"), null))
            .hasMessageContaining("given twice");
        assertThatThrownBy(() -> ExperimentSpec.parse("e", List.of("scenario = /no/such/file"), null))
            .hasMessageContaining("does not exist");
    }

    @Test
    void shouldPlayInlineFaultLinesAsAScenarioNamingTheirLineAndColumn()
    {
        final ExperimentSpec spec = ExperimentSpec.parse("e.exp", List.of(
            "sizes = 16",
            "fault = at 5s partition groups=half/rest   # cut in two",
            "fault = at 15s heal"), null);
        final ExperimentRunner runner = new ExperimentRunner(null, spec, java.nio.file.Path.of("/tmp/x"), System.out);
        final io.hearsay.master.fault.Scenario scenario =
            spec.scenario(new io.hearsay.master.cluster.ClusterPlan(runner.clusterSpec(runner.tasks().get(0))), 0);

        assertThat(scenario.steps()).extracting(io.hearsay.master.fault.Scenario.Step::atMs).containsExactly(5000L, 15_000L);
        assertThat(scenario.steps().get(0).line()).isEqualTo(2);
        assertThatThrownBy(() -> ExperimentSpec.parse("e.exp", List.of("sizes = 16", "fault = at 5s loss p=2"), null))
            .hasMessageContaining("e.exp line 2, column 20: 'p=2'");
        assertThatThrownBy(() -> ExperimentSpec.parse("e.exp", List.of("scenario = e.exp", "fault = at 1s heal"),
            java.nio.file.Path.of("/nonexistent"))).hasMessageContaining("does not exist");
    }
}
