package io.hearsay.master.cluster;

import io.hearsay.core.Addresses;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

/**
 * A cluster's run folder and what it knows about itself: {@code config.properties} (every setting and the seed),
 * {@code logs/} (one event-log queue per container), {@code console/} (each container's stdout/stderr),
 * {@code faults.jsonl} (the fault timeline). {@code runs/current-cluster} points at the run folder of the cluster
 * that is up, so {@code cluster status}, {@code fault} and {@code inject} find it.
 */
public final class ClusterState
{
    public static final String CONFIG = "config.properties";
    public static final String POINTER = "current-cluster";
    /** the run's control token (readable by its owner only): the daemons obey commands tagged with it */
    public static final String CONTROL_TOKEN = "control.token";
    /** swarm: where each container runs and its address ({@code cN.ip}, {@code cN.host}, ...; io.hearsay.master.swarm) */
    public static final String SWARM_TASKS = "swarm-tasks.properties";

    private final Path runDir;
    private final ClusterPlan plan;

    public ClusterState(final Path runDir, final ClusterPlan plan)
    {
        this.runDir = runDir;
        this.plan = plan;
    }

    public static Path runsRoot(final Path home)
    {
        final String env = System.getenv("HEARSAY_RUNS");
        return env != null ? Path.of(env) : home.resolve("runs");
    }

    /** Creates a fresh run folder for {@code spec} under {@code runsRoot} and writes its configuration. */
    public static ClusterState create(final Path runsRoot, final ClusterSpec spec)
    {
        final String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = runsRoot.resolve("docker-" + stamp + "-" + spec.name);
        for (int i = 2; Files.exists(dir); i++)
        {
            dir = runsRoot.resolve("docker-" + stamp + "-" + spec.name + "-" + i);
        }
        return createIn(dir, spec);
    }

    /** Creates (or reuses, when empty of a config) {@code dir} as the run folder for {@code spec}. */
    public static ClusterState createIn(final Path dir, final ClusterSpec spec)
    {
        try
        {
            Files.createDirectories(dir.resolve("logs"));
            Files.createDirectories(dir.resolve("console"));
            // an experiment's repetition folder (rep-R) is named after its cell too, so run ids stay unique
            final String name = dir.getFileName().toString();
            final String runId = name.startsWith("rep-") && dir.getParent() != null ?
                dir.getParent().getFileName() + "-" + name : name;
            if (spec.swarm())
            {
                spec.workerIpv4s = new int[spec.containers()]; // the swarm gives them; known once its tasks run
            }
            spec.gossipCluster = ClusterNames.forRun(runId); // a fresh cluster never merges with another under a shared name
            spec.controlToken = ControlTokens.create(dir.resolve(CONTROL_TOKEN));
            final Properties props = spec.toProperties();
            props.setProperty("run_id", runId);
            try (Writer out = Files.newBufferedWriter(dir.resolve(CONFIG), StandardCharsets.UTF_8))
            {
                props.store(out, "hearsay docker cluster");
            }
            if (spec.rosterFormation())
            {
                Files.writeString(dir.resolve(ClusterPlan.ROSTER_FILE), new ClusterPlan(spec).rosterText(),
                    StandardCharsets.UTF_8);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create run folder " + dir, ex);
        }
        return new ClusterState(dir.toAbsolutePath(), new ClusterPlan(spec));
    }

    public static ClusterState load(final Path runDir)
    {
        final Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(runDir.resolve(CONFIG), StandardCharsets.UTF_8))
        {
            props.load(in);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read " + runDir.resolve(CONFIG) + ": " + ex.getMessage(), ex);
        }
        if (props.getProperty("per_container") == null || props.getProperty("nodes") == null)
        {
            // e.g. a soak's or a local run's folder: their daemons are the command's own, with a token it kept
            throw new IllegalArgumentException(runDir + " is not a lab cluster's run folder (" + CONFIG +
                " names no nodes and per_container; made by 'cluster up' or 'experiment')");
        }
        final ClusterSpec spec = ClusterSpec.fromProperties(props);
        spec.controlToken = ControlTokens.read(runDir.resolve(CONTROL_TOKEN));
        if (spec.swarm())
        {
            spec.workerIpv4s = swarmAddresses(runDir, spec.containers());
        }
        return new ClusterState(runDir.toAbsolutePath(), new ClusterPlan(spec));
    }

    /** {@code cN.ip} of the run's swarm task table, 0 where none is known yet (no table: all 0). */
    static int[] swarmAddresses(final Path runDir, final int containers)
    {
        final int[] ips = new int[containers];
        final Path file = runDir.resolve(SWARM_TASKS);
        if (!Files.isRegularFile(file))
        {
            return ips;
        }
        final Properties tasks = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            tasks.load(in);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
        for (int i = 0; i < containers; i++)
        {
            final String ip = tasks.getProperty("c" + i + ".ip", "").trim();
            if (!ip.isEmpty())
            {
                ips[i] = Addresses.ipv4(Addresses.parse(ip + ":1"));
            }
        }
        return ips;
    }

    /** The cluster that is up (named by {@code runs/current-cluster}); an error saying so when there is none. */
    public static ClusterState current(final Path runsRoot)
    {
        final Path pointer = runsRoot.resolve(POINTER);
        if (!Files.isRegularFile(pointer))
        {
            throw new IllegalStateException("no cluster is up (no " + pointer + "); start one with: hearsay cluster up --nodes N");
        }
        try
        {
            return load(Path.of(Files.readString(pointer).trim()));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void markCurrent(final Path runsRoot)
    {
        try
        {
            Files.createDirectories(runsRoot);
            Files.writeString(runsRoot.resolve(POINTER), runDir.toString() + "\n");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public static void clearCurrent(final Path runsRoot)
    {
        try
        {
            Files.deleteIfExists(runsRoot.resolve(POINTER));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Appends {@code key=value} lines to the run's configuration (measured figures, timings). */
    public void record(final String key, final String value)
    {
        try
        {
            Files.writeString(runDir.resolve(CONFIG), key + "=" + value + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public Path runDir()
    {
        return runDir;
    }

    public Path logsDir()
    {
        return runDir.resolve("logs");
    }

    public ClusterPlan plan()
    {
        return plan;
    }

    public ClusterSpec spec()
    {
        return plan.spec();
    }

    /** the 64-bit address of global node {@code node} */
    public long nodeAddress(final int node)
    {
        final ContainerSlot slot = plan.slotOfNode(node);
        return Addresses.pack(slot.ipv4(), slot.basePort() + (node - slot.firstNode()));
    }

    /** addresses of every node hosted by the given containers */
    public Set<Long> nodeAddresses(final Set<Integer> containers)
    {
        final Set<Long> addresses = new HashSet<>();
        for (final int c : containers)
        {
            final ContainerSlot slot = plan.slots().get(c);
            for (int j = 0; j < slot.nodes(); j++)
            {
                addresses.add(Addresses.pack(slot.ipv4(), slot.basePort() + j));
            }
        }
        return addresses;
    }
}
