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
    void shouldCarryMaxAnswersIntoEveryClusterAndItsDaemons() throws Exception
    {
        final ExperimentSpec spec = ExperimentSpec.parse("e", List.of("sizes = 64", "strategies = direct-addressing",
            "max_answers = 32"), null);
        final ExperimentRunner runner = new ExperimentRunner(null, spec, java.nio.file.Path.of("/tmp/x"), System.out);
        final io.hearsay.master.cluster.ClusterSpec cluster = runner.clusterSpec(runner.tasks().get(0));

        assertThat(cluster.maxAnswers).isEqualTo(32);
        assertThat(cluster.toProperties().getProperty("max_answers")).as("recorded in config.properties").isEqualTo("32");
        assertThat(io.hearsay.master.cluster.ClusterSpec.fromProperties(cluster.toProperties()).maxAnswers).isEqualTo(32);
        final io.hearsay.master.cluster.ClusterPlan plan = new io.hearsay.master.cluster.ClusterPlan(cluster);
        assertThat(plan.daemonOptions(plan.slots().get(0)).protocol.maxAnswers).as("handed to every daemon").isEqualTo(32);
        assertThat(plan.daemonOptions(plan.slots().get(0)).protocol.nodeConfig("c").maxAnswers()).isEqualTo(32);
        assertThat(ExperimentSpec.parse("e", List.of("sizes = 16"), null).maxAnswers).as("default: unbounded").isZero();
        // cluster up --max-answers B: the command line's protocol options reach the spec the same way
        final io.hearsay.master.options.ProtocolOptions options =
            io.hearsay.master.options.ProtocolOptions.of("direct-addressing", "periodic", 1, "lan", null);
        options.maxAnswers = 8;
        assertThat(new io.hearsay.master.cluster.ClusterSpec().protocol(options).conclude().protocol().maxAnswers).isEqualTo(8);
        final io.hearsay.master.cluster.ClusterSpec negative = new io.hearsay.master.cluster.ClusterSpec();
        negative.maxAnswers = -1;
        assertThatThrownBy(negative::conclude).hasMessageContaining("--max-answers = -1").hasMessageContaining(">= 0");
        assertThatThrownBy(() -> ExperimentSpec.parse("e.exp", List.of("max_answers = -1"), null))
            .hasMessageContaining("max_answers").hasMessageContaining("0 (unbounded)");
        assertThatThrownBy(() -> ExperimentSpec.parse("e.exp", List.of("max_answers = many"), null))
            .hasMessageContaining("'many' is not a whole number");
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
