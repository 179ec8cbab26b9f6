package io.hearsay.master.cluster;

import io.hearsay.core.TimingMode;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.master.options.ProtocolOptions;

import java.util.Properties;

/**
 * What {@code cluster up} was asked for: sizes, network, protocol settings, seed. Validated by {@link #conclude()},
 * which names the value and what is accepted; stored as {@code key=value} in the run's {@code config.properties}.
 */
public final class ClusterSpec
{
    /** formation: nodes join seeds (N^2 membership updates) or start from the lab's roster of every address */
    public static final String JOIN = "join";
    public static final String ROSTER = "roster";
    public static final String AUTO = "auto";
    /** auto formation joins up to this many nodes and uses the roster above */
    public static final int JOIN_UP_TO = 200;

    /** containers beyond this make the default packing put several nodes in each */
    public static final int DEFAULT_MAX_CONTAINERS = 200;
    /** BUILD-NOTES: 20,000 descriptors per process at most; keep well below with Chronicle's files */
    public static final int MAX_NODES_PER_CONTAINER = 5_000;

    /** the single-host lab (containers on this engine, fixed addresses) */
    public static final String ENGINE_DOCKER = "docker";
    /** a Docker Swarm stack: one service per container, addresses given by the swarm ({@code io.hearsay.master.swarm}) */
    public static final String ENGINE_SWARM = "swarm";

    public String engine = ENGINE_DOCKER;
    /**
     * swarm: each container's address as the swarm gave it (0 = not known yet), from the run folder's
     * {@code swarm-tasks.properties}; null for the single-host lab, whose addresses are fixed by the plan
     */
    public int[] workerIpv4s;
    public String name = "lab";
    public int nodes = 16;
    /** 0 = choose: 1 up to 200 nodes, else ceil(nodes / 200) */
    public int perContainer;
    public NetworkKind network = NetworkKind.MACVLAN;
    /** join, roster, or auto (join up to {@link #JOIN_UP_TO} nodes, roster above); concluded to join or roster */
    public String formation = AUTO;
    public StrategyKind strategy = StrategyKind.PUSH_PULL;
    public TimingMode timing = TimingMode.PERIODIC;
    public int fanout = 1;
    /** direct-addressing: calls a node answers per structure round, the rest get a busy reply (0 = unbounded) */
    public int maxAnswers;
    public String profile = ProtocolOptions.DEFAULT_PROFILE;
    /** 0 = the profile's (experiment files); {@link #conclude()} puts the period in force here */
    public long gossipPeriodMs;
    public long seed;
    public int basePort = 7946;
    public int controlPort = 7900;
    /** daemon-level loss applied from the start (0 = none) */
    public double loss;
    /** kernel-level receive-side loss applied to every node once the cluster is up (0 = none; experiments) */
    public double kernelLoss;
    /** also run the master as a container serving its dashboard */
    public boolean master;
    public int dashboardPort = 8080;
    /** 0 = derived from the nodes per container */
    public int heapMb;
    public String image = "hearsay-node:latest";
    /** the gossip cluster name the daemons run under: {@link ClusterNames#forRun} of the run id once the run folder exists; null = {@link #name} */
    public String gossipCluster;
    /** the control token of this run (kept in the run folder's control.token, never in config.properties); null = none */
    public String controlToken;

    public String gossipCluster()
    {
        return gossipCluster != null ? gossipCluster : name;
    }

    public ClusterSpec conclude()
    {
        require(name.matches("[a-z0-9][a-z0-9-]{0,30}"), "name", name, "1..31 of a-z 0-9 - (starting alnum)");
        require(ENGINE_DOCKER.equals(engine) || ENGINE_SWARM.equals(engine), "engine", engine, "docker, swarm");
        require(swarm() == (network == NetworkKind.OVERLAY), "network", network.cliName(),
            swarm() ? "overlay with --engine swarm" : "macvlan or bridge (overlay needs --engine swarm)");
        require(nodes >= 1 && nodes <= 100_000, "nodes", nodes, "1..100000");
        if (perContainer == 0)
        {
            perContainer = nodes <= DEFAULT_MAX_CONTAINERS ? 1 : (nodes + DEFAULT_MAX_CONTAINERS - 1) / DEFAULT_MAX_CONTAINERS;
        }
        require(perContainer >= 1 && perContainer <= MAX_NODES_PER_CONTAINER, "per-container", perContainer,
            "1.." + MAX_NODES_PER_CONTAINER);
        require(containers() <= NetworkKind.MAX_CONTAINERS, "containers", containers(), "<= " + NetworkKind.MAX_CONTAINERS);
        require(formation.matches("join|roster|auto"), "formation", formation, "join, roster, auto");
        if (AUTO.equals(formation))
        {
            formation = nodes <= JOIN_UP_TO ? JOIN : ROSTER;
        }
        require(fanout >= 1 && (fanout <= 64 || strategy.isTree() && fanout <= NodeConfig.MAX_TREE_FANOUT), "fanout", fanout,
            "1..64 (1.." + NodeConfig.MAX_TREE_FANOUT + " for tree)");
        require(maxAnswers >= 0, "max-answers", maxAnswers, ">= 0 (0 = unbounded)");
        require(profile.matches("lan|wan|local"), "profile", profile, "lan, wan, local");
        require(gossipPeriodMs >= 0 && gossipPeriodMs <= 60_000, "gossip-period-ms", gossipPeriodMs, "1..60000 (0 = profile)");
        gossipPeriodMs = protocol().effectiveGossipPeriodMs();
        require(basePort >= 1024 && basePort + perContainer - 1 <= 9_999, "base-port", basePort,
            "1024..(9999 - per-container + 1): the notrack rule covers 7000-9999");
        require(controlPort >= 1024 && (controlPort < basePort || controlPort >= basePort + perContainer),
            "control-port", controlPort, "1024..65535 outside the gossip ports");
        require(loss >= 0 && loss < 1, "loss", loss, "0 <= p < 1");
        require(kernelLoss >= 0 && kernelLoss < 1, "kernel-loss", kernelLoss, "0 <= p < 1");
        require(dashboardPort >= 1024 && dashboardPort <= 65_535, "dashboard-port", dashboardPort, "1024..65535");
        if (heapMb == 0)
        {
            heapMb = heapFor(perContainer, nodes, JOIN.equals(formation));
        }
        require(heapMb >= 16, "heap-mb", heapMb, ">= 16");
        return this;
    }

    /**
     * JVM heap for K nodes in one process of an N-node cluster: 48 MiB and half a MiB a node or, where more, the
     * member tables the K nodes hold (K·N entries, the simulator's per-member bytes) with 20 % room. Tight on
     * purpose: at 10,000 nodes the tables are 13 GiB of a 24 GiB machine, and a roomier heap (it used to grow with
     * K²) let 25 JVMs commit more than the machine has; a process that outgrows its heap fails alone, visibly.
     */
    public static int heapFor(final int nodesPerContainer, final int clusterNodes, final boolean join)
    {
        final long liveBytes = nodesPerContainer * nodeBytes(clusterNodes, join);
        final long tablesMb = 64 + (liveBytes * 6 / 5 >> 20);
        return (int)Math.max(48 + nodesPerContainer / 2L, tablesMb);
    }

    /**
     * What the cluster's containers will hold, estimated before any starts (the simulator's {@code MemoryEstimate} for
     * the same core): per container a JVM's base plus, per node, its buffers and a member table of every node. Every
     * node holding every member makes it N² overall: 10,000 nodes hold 10^8 member entries (~13 GiB), whatever the
     * packing; the JVMs add ~64 MiB each, which is why packing more nodes per container reaches further.
     */
    public long estimatedMemoryBytes()
    {
        return (long)containers() * io.hearsay.sim.run.MemoryEstimate.BASE_BYTES + nodes * nodeBytes(nodes, JOIN.equals(formation));
    }

    /** One node of an N-node cluster: its buffers and its table of every member (suspicions possible). */
    private static long nodeBytes(final int clusterNodes, final boolean join)
    {
        return io.hearsay.sim.run.MemoryEstimate.FULL_NODE_BYTES +
            io.hearsay.sim.run.MemoryEstimate.fullBytesPerMember(clusterNodes, join, true) * clusterNodes;
    }

    /** the gossip period in force: the one given, else the profile's */
    public long effectiveGossipPeriodMs()
    {
        return protocol().effectiveGossipPeriodMs();
    }

    /** Takes the protocol settings of the command line ({@code cluster up}'s options, the same as every command's). */
    public ClusterSpec protocol(final ProtocolOptions options)
    {
        strategy = StrategyKind.fromCliName(options.strategy);
        timing = TimingMode.fromCliName(options.timing);
        fanout = options.fanout;
        maxAnswers = options.maxAnswers;
        profile = options.profile;
        gossipPeriodMs = options.gossipPeriodMs == null ? 0 : options.gossipPeriodMs;
        return this;
    }

    /** The protocol settings every daemon of the cluster runs with. */
    public ProtocolOptions protocol()
    {
        final ProtocolOptions options =
            ProtocolOptions.of(strategy.cliName(), timing.cliName(), fanout, profile, gossipPeriodMs > 0 ? gossipPeriodMs : null);
        options.maxAnswers = maxAnswers;
        return options;
    }

    public int containers()
    {
        return (nodes + perContainer - 1) / perContainer;
    }

    /** nodes hosted by container {@code index} (the last one may hold fewer) */
    public int nodesIn(final int index)
    {
        return Math.min(perContainer, nodes - index * perContainer);
    }

    public boolean swarm()
    {
        return ENGINE_SWARM.equals(engine);
    }

    public boolean rosterFormation()
    {
        return ROSTER.equals(formation);
    }

    public String notrackPorts()
    {
        return "7000-9999";
    }

    private static void require(final boolean ok, final String name, final Object value, final String accepted)
    {
        if (!ok)
        {
            throw new IllegalArgumentException("--" + name + " = " + value + " is not accepted; accepted: " + accepted);
        }
    }

    public Properties toProperties()
    {
        final Properties p = new Properties();
        p.setProperty("source", "docker");
        p.setProperty("engine", engine);
        p.setProperty("cluster", name);
        p.setProperty("nodes", Integer.toString(nodes));
        p.setProperty("per_container", Integer.toString(perContainer));
        p.setProperty("processes", Integer.toString(containers()));
        p.setProperty("network", network.cliName());
        p.setProperty("formation", formation);
        p.setProperty("strategy", strategy.cliName());
        p.setProperty("timing", timing.cliName());
        p.setProperty("fanout", Integer.toString(fanout));
        p.setProperty("max_answers", Integer.toString(maxAnswers));
        p.setProperty("profile", profile);
        p.setProperty("gossip_period_ms", Long.toString(effectiveGossipPeriodMs()));
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("base_port", Integer.toString(basePort));
        p.setProperty("control_port", Integer.toString(controlPort));
        // the loss a curve is labelled with: the kernel's when the experiment set one, else the daemon's
        p.setProperty("loss", Double.toString(kernelLoss > 0 ? kernelLoss : loss));
        p.setProperty("loss_layer", kernelLoss > 0 ? "kernel" : loss > 0 ? "daemon" : "none");
        p.setProperty("daemon_loss", Double.toString(loss));
        p.setProperty("kernel_loss", Double.toString(kernelLoss));
        p.setProperty("master", Boolean.toString(master));
        p.setProperty("dashboard_port", Integer.toString(dashboardPort));
        p.setProperty("heap_mb", Integer.toString(heapMb));
        p.setProperty("image", image);
        if (gossipCluster != null)
        {
            p.setProperty("gossip_cluster", gossipCluster);
        }
        return p;
    }

    public static ClusterSpec fromProperties(final Properties p)
    {
        final ClusterSpec spec = new ClusterSpec();
        spec.name = p.getProperty("cluster", spec.name);
        spec.engine = p.getProperty("engine", ENGINE_DOCKER);
        spec.gossipCluster = p.getProperty("gossip_cluster");
        spec.nodes = Integer.parseInt(p.getProperty("nodes"));
        spec.perContainer = Integer.parseInt(p.getProperty("per_container"));
        spec.network = NetworkKind.fromCliName(p.getProperty("network"));
        spec.formation = p.getProperty("formation", JOIN);
        spec.strategy = StrategyKind.fromCliName(p.getProperty("strategy"));
        spec.timing = TimingMode.fromCliName(p.getProperty("timing"));
        spec.fanout = Integer.parseInt(p.getProperty("fanout"));
        spec.maxAnswers = Integer.parseInt(p.getProperty("max_answers", "0"));
        spec.profile = p.getProperty("profile");
        spec.gossipPeriodMs = Long.parseLong(p.getProperty("gossip_period_ms"));
        spec.kernelLoss = Double.parseDouble(p.getProperty("kernel_loss", "0"));
        spec.seed = Long.parseLong(p.getProperty("seed"));
        spec.basePort = Integer.parseInt(p.getProperty("base_port"));
        spec.controlPort = Integer.parseInt(p.getProperty("control_port"));
        spec.loss = Double.parseDouble(p.getProperty("daemon_loss", "0"));
        spec.master = Boolean.parseBoolean(p.getProperty("master"));
        spec.dashboardPort = Integer.parseInt(p.getProperty("dashboard_port"));
        spec.heapMb = Integer.parseInt(p.getProperty("heap_mb"));
        spec.image = p.getProperty("image", spec.image);
        return spec.conclude();
    }
}
