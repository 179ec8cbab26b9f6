package io.hearsay.master.cluster;

import io.hearsay.master.options.DaemonOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterPlanTest
{
    private static ClusterSpec spec(final int nodes, final int perContainer)
    {
        final ClusterSpec spec = new ClusterSpec();
        spec.nodes = nodes;
        spec.perContainer = perContainer;
        spec.seed = 7;
        return spec.conclude();
    }

    @Test
    void shouldPackNodesIntoContainersWithTheLastOnePartial()
    {
        final ClusterPlan plan = new ClusterPlan(spec(10, 4));

        assertThat(plan.slots()).hasSize(3);
        assertThat(plan.slots().get(2).nodes()).isEqualTo(2);
        assertThat(plan.slots().get(2).firstNode()).isEqualTo(8);
        assertThat(plan.slotOfNode(9).index()).isEqualTo(2);
    }

    @Test
    void shouldChooseOneNodePerContainerUpTo200NodesAndPackBeyond()
    {
        assertThat(spec(16, 0).perContainer).isEqualTo(1);
        assertThat(spec(200, 0).containers()).isEqualTo(200);
        assertThat(spec(10_000, 0).perContainer).isEqualTo(50);
        assertThat(spec(10_000, 0).containers()).isEqualTo(200);
    }

    @Test
    void shouldAddressContainersInsideTheLabSubnetsOnly()
    {
        final ClusterPlan plan = new ClusterPlan(spec(3, 1));

        assertThat(plan.slots().get(0).ip()).isEqualTo("10.213.0.10");
        assertThat(plan.slots().get(2).endpoint(0)).isEqualTo("10.213.0.12:7946");
        assertThat(NetworkKind.BRIDGE.workerIpv4(0)).isEqualTo(NetworkKind.ipv4(10, 214, 0, 10));
        assertThat(NetworkKind.dotted(NetworkKind.MACVLAN.workerIpv4(300))).isEqualTo("10.213.1.54");
    }

    @Test
    void shouldHandEachDaemonItsConfigurationAndSeedTheFirstContainers() throws Exception
    {
        final ClusterPlan plan = new ClusterPlan(spec(8, 2));
        final ContainerSlot slot = plan.slots().get(1);
        final DaemonOptions daemon = plan.daemonOptions(slot);

        assertThat(plan.seeds()).isEqualTo("10.213.0.10:7946,10.213.0.11:7946,10.213.0.12:7946");
        assertThat(daemon.bind).isEqualTo("10.213.0.11");
        assertThat(daemon.nodes).isEqualTo(2);
        assertThat(daemon.controlPort).isEqualTo(7900);
        assertThat(daemon.controlBind).as("the master reaches the container at its own address").isEqualTo("10.213.0.11");
        assertThat(daemon.seed.given()).isEqualTo(8L);
        assertThat(daemon.logDir).isEqualTo(Path.of("/run/hearsay/logs"));
        assertThat(daemon.protocol.gossipPeriodMs).as("the lan profile's, written out").isEqualTo(200L);
        assertThat(plan.daemonArgs(slot)).containsExactly("daemon", "--config", "/run/hearsay/daemons/c1.json");
        assertThat(plan.runArgs(slot, "/tmp/run", plan.daemonArgs(slot)))
            .containsSequence("-v", "/tmp/run/daemons:/run/hearsay/daemons:ro");
    }

    @Test
    void shouldRunContainersWithNetAdminLabelsAndTheRunFolderMounted()
    {
        final ClusterPlan plan = new ClusterPlan(spec(2, 1));
        final List<String> args = plan.runArgs(plan.slots().get(0), "/tmp/run", List.of("sleep", "1"));

        assertThat(args).containsSequence("--cap-add", "NET_ADMIN").containsSequence("--label", "hearsay.lab=1")
            .containsSequence("--network", "hearsay-mv").containsSequence("--ip", "10.213.0.10")
            .containsSequence("-v", "/tmp/run/logs:/run/hearsay/logs").endsWith("hearsay-node:latest", "sleep", "1");
    }

    @Test
    void shouldJoinSmallClustersAndHandLargeOnesARosterOfEveryNode()
    {
        final ClusterSpec small = spec(16, 1);
        assertThat(small.formation).isEqualTo(ClusterSpec.JOIN);
        assertThat(new ClusterPlan(small).daemonOptions(new ClusterPlan(small).slots().get(0)).roster).isNull();

        final ClusterSpec large = spec(250, 100);
        assertThat(large.formation).as("auto above %d nodes", ClusterSpec.JOIN_UP_TO).isEqualTo(ClusterSpec.ROSTER);
        final ClusterPlan plan = new ClusterPlan(large);
        assertThat(plan.rosterText().lines().filter(l -> !l.startsWith("#")))
            .containsExactly("10.213.0.10:7946+100", "10.213.0.11:7946+100", "10.213.0.12:7946+50");
        assertThat(plan.daemonOptions(plan.slots().get(2)).roster).isEqualTo(Path.of(ClusterPlan.ROSTER_MOUNT));
        assertThat(plan.runArgs(plan.slots().get(2), "/tmp/run", List.of("x")))
            .containsSequence("-v", "/tmp/run/roster.txt:" + ClusterPlan.ROSTER_MOUNT + ":ro");
        assertThat(ClusterSpec.fromProperties(large.toProperties()).formation).isEqualTo(ClusterSpec.ROSTER);

        final ClusterSpec bad = new ClusterSpec();
        bad.formation = "gossip";
        assertThatThrownBy(bad::conclude).hasMessageContaining("--formation = gossip").hasMessageContaining("join, roster, auto");
    }

    @Test
    void shouldRefuseBeforeStartingAClusterThatCannotFitInMemory()
    {
        final long gib = 1L << 30;
        // measured: 200 containers x 50 nodes filled this 24 GiB machine and met the OOM killer
        assertThatThrownBy(() -> Lab.requireMemory(spec(10_000, 50), 22 * gib))
            .hasMessageContaining("10,000 nodes in 200 containers").hasMessageContaining("--per-container");
        assertThat(spec(10_000, 400).estimatedMemoryBytes()).as("25 fuller JVMs").isLessThan(spec(10_000, 50).estimatedMemoryBytes())
            .isBetween(12 * gib, 19 * gib);
        Lab.requireMemory(spec(10_000, 400), 22 * gib);
        Lab.requireMemory(spec(1_000, 10), 8 * gib);
        Lab.requireMemory(spec(10_000, 50), -1); // unknown: nothing refused
        // heaps follow the member tables, so 25 of them stay inside the machine that holds the tables
        assertThat(25L * spec(10_000, 400).heapMb).as("MiB of heap, 25 JVMs").isBetween(15_000L, 20_000L);
        assertThat(spec(16, 1).heapMb).isEqualTo(64);
    }

    @Test
    void shouldRefuteBadSpecsNamingTheValue()
    {
        assertThatThrownBy(() -> spec(0, 1)).hasMessageContaining("--nodes = 0");
        assertThatThrownBy(() -> spec(100, 6000)).hasMessageContaining("--per-container = 6000");
        final ClusterSpec spec = new ClusterSpec();
        spec.name = "Bad Name";
        assertThatThrownBy(spec::conclude).hasMessageContaining("--name = Bad Name");
    }

    @Test
    void shouldRoundTripThroughProperties()
    {
        final ClusterSpec spec = spec(40, 4);
        spec.kernelLoss = 0.2;
        final ClusterSpec back = ClusterSpec.fromProperties(spec.toProperties());

        assertThat(back.nodes).isEqualTo(40);
        assertThat(back.perContainer).isEqualTo(4);
        assertThat(back.kernelLoss).isEqualTo(0.2);
        assertThat(spec.toProperties().getProperty("loss")).isEqualTo("0.2");
        assertThat(spec.toProperties().getProperty("gossip_period_ms")).isEqualTo("200");
    }

    @Test
    void shouldParseDockerMemoryFigures()
    {
        assertThat(ClusterLauncher.parseMib("19.5MiB")).isEqualTo(19.5);
        assertThat(ClusterLauncher.parseMib("1.5GiB")).isEqualTo(1536.0);
        assertThat(ClusterLauncher.parseMib("512KiB")).isEqualTo(0.5);
        assertThat(ClusterLauncher.parseMib("n/a")).isNaN();
    }

    @Test
    void shouldGiveEveryRunItsOwnClusterNameAndControlTokenPassedToItsContainers(@TempDir final Path runs)
    {
        final ClusterState first = ClusterState.createIn(runs.resolve("a"), spec(2, 1));
        final ClusterState second = ClusterState.createIn(runs.resolve("b"), spec(2, 1));

        assertThat(first.spec().gossipCluster()).startsWith("hearsay-").isNotEqualTo(second.spec().gossipCluster());
        assertThat(first.spec().controlToken).hasSize(32).isNotEqualTo(second.spec().controlToken);
        final ClusterPlan plan = first.plan();
        assertThat(plan.daemonOptions(plan.slots().get(1)).cluster).isEqualTo(first.spec().gossipCluster());
        assertThat(plan.runArgs(plan.slots().get(1), "/tmp/run", List.of("x")))
            .containsSequence("-e", "HEARSAY_CONTROL_TOKEN=" + first.spec().controlToken);
        assertThat(plan.slots().get(1).toString()).doesNotContain(first.spec().controlToken);

        final ClusterState loaded = ClusterState.load(first.runDir());
        assertThat(loaded.spec().gossipCluster()).isEqualTo(first.spec().gossipCluster());
        assertThat(loaded.plan().slots().get(0).controlToken()).isEqualTo(first.spec().controlToken);
    }
}
