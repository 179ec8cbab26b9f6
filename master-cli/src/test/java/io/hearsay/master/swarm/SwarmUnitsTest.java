package io.hearsay.master.swarm;

import io.hearsay.master.analysis.HostClocks;
import io.hearsay.master.cluster.ClusterPlan;
import io.hearsay.master.cluster.ClusterSpec;
import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.NetworkKind;
import io.hearsay.master.options.DaemonOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The swarm lab's pieces that need no engine: its plan, task table, clocks (the agents: SwarmAgentTest). */
class SwarmUnitsTest
{
    @TempDir
    Path dir;

    private ClusterState swarmState(final Path runDir, final int nodes, final int perContainer)
    {
        final ClusterSpec spec = new ClusterSpec();
        spec.name = "t";
        spec.engine = ClusterSpec.ENGINE_SWARM;
        spec.network = NetworkKind.OVERLAY;
        spec.nodes = nodes;
        spec.perContainer = perContainer;
        spec.seed = 1;
        return ClusterState.createIn(runDir, spec.conclude());
    }

    @Test
    void shouldNameContainersByServiceInTheSwarmPlanAndByAddressInTheLab()
    {
        final ClusterState state = swarmState(dir.resolve("run"), 8, 2);
        final ClusterPlan plan = state.plan();
        final DaemonOptions d = plan.daemonOptions(plan.slots().get(1));

        assertThat(d.bind).isEqualTo("hearsay-t-c001");
        assertThat(d.controlBind).isEqualTo("hearsay-t-c001");
        assertThat(d.seeds).isEqualTo("hearsay-t-c000:7946,hearsay-t-c001:7946,hearsay-t-c002:7946");
        assertThat(plan.rosterText()).contains("hearsay-t-c003:7946+2");
        assertThat(plan.slots().get(0).ipv4()).as("no address before the swarm gives one").isZero();

        final ClusterSpec lab = new ClusterSpec();
        lab.nodes = 4;
        assertThat(new ClusterPlan(lab.conclude()).daemonOptions(new ClusterPlan(lab).slots().get(0)).bind)
            .isEqualTo("10.213.0.10");
    }

    @Test
    void shouldRefuseAnOverlayWithoutTheSwarmAndMacvlanWithIt()
    {
        final ClusterSpec lab = new ClusterSpec();
        lab.network = NetworkKind.OVERLAY;
        assertThatThrownBy(lab::conclude).hasMessageContaining("network").hasMessageContaining("--engine swarm");

        final ClusterSpec swarm = new ClusterSpec();
        swarm.engine = "swarm";
        assertThatThrownBy(swarm::conclude).hasMessageContaining("macvlan").hasMessageContaining("overlay");

        final ClusterSpec other = new ClusterSpec();
        other.engine = "k8s";
        assertThatThrownBy(other::conclude).hasMessageContaining("engine").hasMessageContaining("k8s");
    }

    @Test
    void shouldParseTaskLinesAndReloadTheAddressesTheSwarmGave()
    {
        final Map<String, String> hosts = Map.of("node1", "alpha");
        final SwarmTask running = SwarmLab.parseTask("3|node1|running|10.215.0.9/16 |abc123|", hosts);
        final SwarmTask rejected = SwarmLab.parseTask("4|node2|rejected||| No such image: sha256:1", hosts);

        assertThat(running).isEqualTo(new SwarmTask(3, "node1", "alpha", "running",
            NetworkKind.ipv4(10, 215, 0, 9), "abc123", ""));
        assertThat(rejected.terminal()).isTrue();
        assertThat(rejected.host()).as("an unknown node is named by its id").isEqualTo("node2");
        assertThat(rejected.error()).contains("No such image");
        assertThat(SwarmLab.parseTask("||running|||", hosts)).as("not a lab task").isNull();

        final ClusterState state = swarmState(dir.resolve("run"), 8, 2);
        SwarmLab.writeTasks(state, List.of(
            new SwarmTask(0, "node1", "alpha", "running", NetworkKind.ipv4(10, 215, 0, 5), "c0id", ""),
            new SwarmTask(1, "node1", "alpha", "running", NetworkKind.ipv4(10, 215, 0, 6), "c1id", ""),
            new SwarmTask(2, "node2", "beta", "running", NetworkKind.ipv4(10, 215, 0, 7), "c2id", ""),
            new SwarmTask(3, "node2", "beta", "running", NetworkKind.ipv4(10, 215, 0, 8), "c3id", "")));
        final ClusterState loaded = ClusterState.load(state.runDir());

        assertThat(loaded.plan().slots().get(2).ip()).isEqualTo("10.215.0.7");
        assertThat(loaded.plan().slots().get(3).endpoint(1)).isEqualTo("10.215.0.8:7947");
        assertThat(SwarmLab.readTasks(state.runDir()).get(3).host()).isEqualTo("beta");
        assertThat(SwarmLab.placement(List.copyOf(SwarmLab.readTasks(state.runDir()).values()), loaded.spec()))
            .isEqualTo("alpha: 2 containers (4 nodes); beta: 2 containers (4 nodes)");
    }

    @Test
    void shouldCreateOneServicePerContainerWithItsConfigVolumeAndGatewayRoute()
    {
        final ClusterState state = swarmState(dir.resolve("run"), 8, 2);
        final List<String> args = SwarmLab.serviceArgs(state.plan(), state.plan().slots().get(2), "sha256:abc",
            "cfg-c2", null, "10.215.0.3");

        assertThat(String.join(" ", args))
            .startsWith("service create -d -q --name hearsay-t-c002 --hostname c2 --endpoint-mode dnsrr --network hearsay-ov")
            .contains("--restart-condition none", "--cap-add NET_ADMIN",
                "--config source=cfg-c2,target=/run/hearsay/daemons/c2.json",
                "--mount type=volume,source=hearsay-logs-" + state.spec().gossipCluster(),
                "--env HEARSAY_GATEWAY=10.215.0.3", "--container-label hearsay.index=2",
                "--label com.docker.stack.namespace=hearsay-t")
            .endsWith("sha256:abc daemon --config /run/hearsay/daemons/c2.json");
    }

    @Test
    void shouldTakeTheMiddleOfTheRoundTripAndTheBestExchangePerHost()
    {
        final ClockProbe.Sample s = ClockProbe.sample(0, 1_000_000, 1_600_000, 1_200_000);
        assertThat(s.offsetNs()).isEqualTo(500_000);
        assertThat(s.uncertaintyNs()).isEqualTo(100_000);

        final Map<Integer, SwarmTask> tasks = Map.of(
            0, new SwarmTask(0, "n1", "alpha", "running", 1, "", ""),
            1, new SwarmTask(1, "n1", "alpha", "running", 2, "", ""),
            2, new SwarmTask(2, "n2", "beta", "running", 3, "", ""));
        final List<HostClocks.Host> hosts = ClockProbe.perHost(List.of(new ClockProbe.Sample(0, 900, 400),
            new ClockProbe.Sample(1, 1_000, 150), new ClockProbe.Sample(2, -5_000, 300)), tasks);

        assertThat(hosts).containsExactly(new HostClocks.Host("alpha", 1_000, 150, 2),
            new HostClocks.Host("beta", -5_000, 300, 1));
    }

    @Test
    void shouldWarnWhenTheUncertaintyIsANoticeableFractionOfThePropagationTime() throws Exception
    {
        final List<HostClocks.Host> hosts = List.of(new HostClocks.Host("alpha", 0, 100_000, 3),
            new HostClocks.Host("beta", 2_000_000, 400_000, 3));
        HostClocks.write(dir, hosts);

        assertThat(HostClocks.load(dir)).isEqualTo(hosts);
        assertThat(HostClocks.warning(hosts, 100.0)).as("0.4 ms of 100 ms").isNull();
        assertThat(HostClocks.warning(hosts, 5.0)).contains("0.40 ms", "beta", "8 %");
        assertThat(HostClocks.toJson(hosts).get(1).toString()).contains("offset_ms=2.0", "uncertainty_ms=0.4");
    }
}
