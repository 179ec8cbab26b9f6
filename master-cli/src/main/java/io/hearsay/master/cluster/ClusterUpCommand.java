package io.hearsay.master.cluster;

import io.hearsay.core.TimingMode;
import io.hearsay.core.dissemination.StrategyKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hearsay cluster up --nodes N [--per-container K] [--network macvlan|bridge] ...} */
@Command(mixinStandardHelpOptions = true, name = "up", description = "Start N gossip nodes in Docker containers (K per container) on macvlan or bridge.")
public final class ClusterUpCommand implements Callable<Integer>
{
    @Option(names = "--nodes", required = true, description = "total gossip nodes")
    int nodes;

    @Option(names = "--per-container", description = "nodes per container (default: 1 up to 200 nodes, else N/200)")
    int perContainer;

    @Option(names = "--network", defaultValue = "macvlan", description = "macvlan (default) or bridge")
    String network;

    @Option(names = "--strategy", defaultValue = "push-pull", description = "push, pull, push-pull, median-counter")
    String strategy;

    @Option(names = "--timing", defaultValue = "periodic", description = "periodic or eager")
    String timing;

    @Option(names = "--formation", defaultValue = "auto",
        description = "join (every node joins seeds), roster (every node starts knowing every address), " +
            "auto (join up to " + ClusterSpec.JOIN_UP_TO + " nodes, roster above) (default ${DEFAULT-VALUE})")
    String formation;

    @Option(names = "--fanout", defaultValue = "1")
    int fanout;

    @Option(names = "--profile", defaultValue = "lan", description = "lan, wan, local")
    String profile;

    @Option(names = "--gossip-period-ms", defaultValue = "0", description = "0 = the profile's")
    long gossipPeriodMs;

    @Option(names = "--seed", description = "random seed (default: from the clock; printed and recorded)")
    Long seed;

    @Option(names = "--name", defaultValue = "lab", description = "cluster name")
    String name;

    @Option(names = "--loss", defaultValue = "0", description = "daemon-level loss from the start")
    double loss;

    @Option(names = "--master", description = "also run the master as a container serving its dashboard")
    boolean master;

    @Option(names = "--dashboard-port", defaultValue = "8080")
    int dashboardPort;

    @Option(names = "--wait-membership", defaultValue = "0",
        description = "seconds to wait until every node sees every other alive (0: do not wait)")
    int waitMembershipS;

    @Option(names = "--run-dir", description = "run folder (default: runs/docker-<time>-<name>)")
    Path runDir;

    @Option(names = "--placeholder", hidden = true, description = "run 'sleep infinity' instead of the daemon (lab tests)")
    boolean placeholder;

    @Override
    public Integer call() throws Exception
    {
        final ClusterSpec spec = new ClusterSpec();
        spec.name = name;
        spec.nodes = nodes;
        spec.perContainer = perContainer;
        spec.network = NetworkKind.fromCliName(network);
        spec.strategy = StrategyKind.fromCliName(strategy);
        spec.timing = TimingMode.fromCliName(timing);
        spec.fanout = fanout;
        spec.formation = formation;
        spec.profile = profile;
        spec.gossipPeriodMs = gossipPeriodMs;
        spec.seed = seed != null ? seed : System.nanoTime() & 0xFFFF_FFFFL;
        spec.loss = loss;
        spec.master = master;
        spec.dashboardPort = dashboardPort;
        spec.conclude();
        final Lab lab = Lab.open(System.out);
        final ClusterState state = lab.up(spec, runDir, placeholder);
        if (waitMembershipS > 0 && !placeholder)
        {
            final long ms;
            try (ControlPorts control = new ControlPorts(); ClusterProbe probe = new ClusterProbe(state, control))
            {
                ms = lab.awaitMembership(state, probe, Duration.ofSeconds(waitMembershipS));
            }
            System.out.println(ms >= 0 ? "membership converged in " + ms + " ms" :
                "membership did NOT converge within " + waitMembershipS + " s (see: hearsay cluster status)");
            if (ms < 0)
            {
                return 2;
            }
        }
        return 0;
    }

    static List<String> placeholderCommand()
    {
        return List.of("sleep", "infinity");
    }
}
