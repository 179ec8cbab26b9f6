package io.hearsay.master.cluster;

import io.hearsay.master.options.DaemonOptions;
import io.hearsay.master.options.SeedOption;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where each container and node of a {@link ClusterSpec} goes, the exact {@code docker run} arguments for each
 * container and the configuration its daemon reads ({@link #daemonOptions}). Pure: no Docker is touched here.
 */
public class ClusterPlan
{
    public static final String LOG_MOUNT = "/run/hearsay/logs";
    public static final String CONSOLE_MOUNT = "/run/hearsay/console";
    /** the run folder's roster file, as a container sees it (roster formation) */
    public static final String ROSTER_MOUNT = "/run/hearsay/roster.txt";
    public static final String ROSTER_FILE = "roster.txt";
    /** the run folder's folder of daemon configuration files, one per container, and where containers see it */
    public static final String DAEMONS_DIR = "daemons";
    public static final String DAEMONS_MOUNT = "/run/hearsay/daemons";
    public static final int SEED_CONTAINERS = 3;

    private final ClusterSpec spec;
    private final List<ContainerSlot> slots;

    public ClusterPlan(final ClusterSpec spec)
    {
        this.spec = spec;
        final List<ContainerSlot> list = new ArrayList<>(spec.containers());
        for (int i = 0; i < spec.containers(); i++)
        {
            final int ipv4 = spec.workerIpv4s != null ? spec.workerIpv4s[i] : spec.network.workerIpv4(i);
            list.add(new ContainerSlot(i, containerName(spec.name, i), ipv4, spec.basePort,
                spec.nodesIn(i), i * spec.perContainer, spec.controlPort, spec.controlToken));
        }
        slots = Collections.unmodifiableList(list);
    }

    public static String containerName(final String cluster, final int index)
    {
        return String.format("hearsay-%s-c%03d", cluster, index);
    }

    public static String masterName(final String cluster)
    {
        return "hearsay-" + cluster + "-master";
    }

    public ClusterSpec spec()
    {
        return spec;
    }

    public List<ContainerSlot> slots()
    {
        return slots;
    }

    /** the first node of each of the first few containers */
    public String seeds()
    {
        final StringBuilder seeds = new StringBuilder();
        for (int i = 0; i < Math.min(SEED_CONTAINERS, slots.size()); i++)
        {
            seeds.append(i == 0 ? "" : ",").append(host(slots.get(i))).append(':').append(slots.get(i).basePort());
        }
        return seeds.toString();
    }

    /** The roster file's text: one {@code ip:port+count} line per container (the daemon's {@code --roster}). */
    public String rosterText()
    {
        final StringBuilder text = new StringBuilder("# every node of cluster ").append(spec.name).append(": ")
            .append(spec.nodes).append(" nodes in ").append(slots.size()).append(" containers\n");
        for (final ContainerSlot slot : slots)
        {
            text.append(host(slot)).append(':').append(slot.basePort()).append('+').append(slot.nodes()).append('\n');
        }
        return text.toString();
    }

    /**
     * How daemons name a container: its fixed address in the single-host lab; in a swarm its service name, which the
     * swarm's DNS resolves to the address it gave the container (the daemon resolves it when it starts).
     */
    public String host(final ContainerSlot slot)
    {
        return spec.swarm() ? slot.name() : slot.ip();
    }

    /** Every setting of one container's daemon: written to {@link #daemonConfigFile}, read with {@code --config}. */
    public DaemonOptions daemonOptions(final ContainerSlot slot)
    {
        final DaemonOptions daemon = new DaemonOptions();
        daemon.bind = host(slot);
        daemon.port = slot.basePort();
        daemon.nodes = slot.nodes();
        daemon.seeds = seeds();
        daemon.roster = spec.rosterFormation() ? Path.of(ROSTER_MOUNT) : null;
        daemon.protocol = spec.protocol();
        daemon.cluster = spec.gossipCluster();
        daemon.controlPort = slot.controlPort();
        daemon.controlBind = host(slot); // the master reaches the container at its own address
        daemon.logDir = Path.of(LOG_MOUNT); // the daemon makes its own queue folder in it, named after its first address
        daemon.seed = SeedOption.of(spec.seed + slot.index());
        daemon.loss = spec.loss;
        return daemon;
    }

    /** the run folder's file of {@link #daemonOptions} for {@code slot} */
    public static String daemonConfigFile(final ContainerSlot slot)
    {
        return DAEMONS_DIR + "/" + slot.label() + ".json";
    }

    /** {@code hearsay daemon --config FILE} for one container (after the image's entrypoint), FILE as it sees it. */
    public List<String> daemonArgs(final ContainerSlot slot)
    {
        return List.of("daemon", "--config", DAEMONS_MOUNT + "/" + slot.label() + ".json");
    }

    /** {@code docker run ...} arguments (without the leading "docker") for one worker container. */
    public List<String> runArgs(final ContainerSlot slot, final String runDir, final List<String> command)
    {
        final List<String> args = new ArrayList<>();
        args.add("run");
        args.add("-d");
        args.add("--name");
        args.add(slot.name());
        args.add("--hostname");
        args.add(slot.label());
        args.add("--label");
        args.add("hearsay.lab=1");
        args.add("--label");
        args.add("hearsay.cluster=" + spec.name);
        args.add("--label");
        args.add("hearsay.index=" + slot.index());
        args.add("--network");
        args.add(spec.network.dockerName());
        args.add("--ip");
        args.add(slot.ip());
        args.add("--cap-add");
        args.add("NET_ADMIN");
        args.add("--ulimit");
        args.add("nofile=16384:16384");
        args.add("--log-driver");
        args.add("none");
        args.add("-v");
        args.add(runDir + "/logs:" + LOG_MOUNT);
        args.add("-v");
        args.add(runDir + "/console:" + CONSOLE_MOUNT);
        args.add("-v");
        args.add(runDir + "/" + DAEMONS_DIR + ":" + DAEMONS_MOUNT + ":ro");
        if (spec.rosterFormation())
        {
            args.add("-v");
            args.add(runDir + "/" + ROSTER_FILE + ":" + ROSTER_MOUNT + ":ro");
        }
        args.add("-e");
        args.add("HEARSAY_NOTRACK_PORTS=" + spec.notrackPorts());
        args.add("-e");
        args.add("HEARSAY_CONSOLE_LOG=" + CONSOLE_MOUNT + "/" + slot.label() + ".log");
        args.add("-e");
        args.add("HEARSAY_JAVA_OPTS=" + javaOpts(spec.heapMb));
        if (spec.controlToken != null)
        {
            args.add("-e");
            args.add(io.hearsay.daemon.control.ControlAuth.TOKEN_ENV + "=" + spec.controlToken);
        }
        args.add(spec.image);
        args.addAll(command);
        return args;
    }

    public static String javaOpts(final int heapMb)
    {
        return "-Xmx" + heapMb + "m -Xms16m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss256k " +
            "-XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30";
    }

    /** the slot hosting global node {@code node} */
    public ContainerSlot slotOfNode(final int node)
    {
        if (node < 0 || node >= spec.nodes)
        {
            throw new IllegalArgumentException("node n" + node + " does not exist; the cluster has n0..n" + (spec.nodes - 1));
        }
        return slots.get(node / spec.perContainer);
    }
}
