package io.hearsay.master.cluster;

import io.hearsay.master.options.ProtocolOptions;
import io.hearsay.master.options.SeedOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hearsay cluster up --nodes N [--per-container K] [--network macvlan|bridge] ...} */
@Command(mixinStandardHelpOptions = true, name = "up", description = "Start N gossip nodes in Docker containers (K per container) on macvlan or bridge, or as a Docker Swarm stack (--engine swarm).")
public final class ClusterUpCommand implements Callable<Integer>
{
    @Option(names = "--nodes", required = true, description = "total gossip nodes")
    int nodes;

    @Option(names = "--per-container", description = "nodes per container (default: 1 up to 200 nodes, else N/200)")
    int perContainer;

    @Option(names = "--network", description = "macvlan (default) or bridge; overlay (the default) with --engine swarm")
    String network;

    @Option(names = "--engine", defaultValue = ClusterSpec.ENGINE_DOCKER, description = "docker: the single-host lab " +
        "(default); swarm: a Docker Swarm stack across the swarm's hosts on an overlay network (docker/SWARM.md)")
    String engine;

    @Option(names = "--formation", defaultValue = "auto",
        description = "join (every node joins seeds), roster (every node starts knowing every address), " +
            "auto (join up to " + ClusterSpec.JOIN_UP_TO + " nodes, roster above) (default ${DEFAULT-VALUE})")
    String formation;

    @Mixin
    ProtocolOptions protocol = new ProtocolOptions();

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--name", defaultValue = "lab", description = "cluster name")
    String name;

    @Option(names = "--loss", defaultValue = "0", description = "daemon-level loss from the start")
    double loss;

    @Option(names = "--master", description = "also run the master as a container serving its dashboard")
    boolean master;

    @Option(names = "--dashboard-port", defaultValue = "8080")
    int dashboardPort;

    @Option(names = "--wait-ready", defaultValue = "120", paramLabel = "S", description = "seconds to wait until every " +
        "daemon answers its control port; then cluster up returns, or says which are still starting (default ${DEFAULT-VALUE})")
    int waitReadyS;

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
        spec.engine = engine;
        spec.network = NetworkKind.fromCliName(network != null ? network :
            ClusterSpec.ENGINE_SWARM.equals(engine) ? NetworkKind.OVERLAY.cliName() : NetworkKind.MACVLAN.cliName());
        spec.protocol(protocol);
        spec.formation = formation;
        spec.seed = seed.orDraw();
        spec.loss = loss;
        spec.master = master;
        spec.dashboardPort = dashboardPort;
        spec.conclude();
        final Lab lab = Lab.open(System.out);
        final ClusterState state = lab.up(spec, runDir, placeholder);
        if (placeholder)
        {
            return 0;
        }
        try (ControlPorts control = new ControlPorts(); ClusterProbe probe = new ClusterProbe(state, control))
        {
            final long startNs = System.nanoTime();
            final ClusterProbe.Snapshot ready = lab.awaitReady(state, probe, Duration.ofSeconds(waitReadyS), false);
            System.out.println(ready.allAnswered() && ready.running() > 0 ?
                String.format("every daemon answers (%d nodes, %.1f s); next: hearsay inject --node n%d",
                    ready.running(), (System.nanoTime() - startNs) / 1e9, spec.nodes / 2) :
                Lab.startingLine(ready) + " after " + waitReadyS + " s; hearsay inject waits for them, " +
                    "hearsay cluster status shows them");
        }
        if (waitMembershipS > 0)
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
