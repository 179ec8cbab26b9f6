package io.hearsay.master.cluster;

import io.hearsay.master.swarm.SwarmDocker;
import io.hearsay.master.swarm.SwarmGather;
import io.hearsay.master.swarm.SwarmLab;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Docker lab as the master's commands use it: finds the project, prepares the engine, images and networks,
 * brings clusters up and down, and waits on what the nodes log (membership, dissemination) with deadlines.
 */
public final class Lab
{
    public static final long POLL_MS = 500;
    /** while waiting for a cluster to start, say what is still starting this often when it changed (4x when not) */
    private static final long READY_REPORT_NS = 5_000_000_000L;

    private final Path home;
    private final Path runsRoot;
    private final ClusterLauncher launcher;
    private final PrintStream out;
    /** the swarm gateway's overlay address once a swarm cluster was prepared */
    private String swarmGateway;

    public Lab(final Path home, final Path runsRoot, final ClusterLauncher launcher, final PrintStream out)
    {
        this.home = home;
        this.runsRoot = runsRoot;
        this.launcher = launcher;
        this.out = out;
    }

    public static Lab open(final PrintStream out)
    {
        final LabScripts scripts = LabScripts.locate();
        return new Lab(scripts.home(), ClusterState.runsRoot(scripts.home()),
            new ClusterLauncher(new DockerCli(), scripts, out), out);
    }

    public Path home()
    {
        return home;
    }

    public Path runsRoot()
    {
        return runsRoot;
    }

    public ClusterLauncher launcher()
    {
        return launcher;
    }

    public DockerCli docker()
    {
        return launcher.docker();
    }

    public ClusterState current()
    {
        return ClusterState.current(runsRoot);
    }

    /** Prepares the lab and starts the cluster; the run folder is {@code runDir} or a fresh one under runs/. */
    public ClusterState up(final ClusterSpec spec, final Path runDir, final boolean placeholder)
    {
        if (!placeholder && !spec.swarm()) // a swarm's memory is its hosts'
        {
            requireMemory(spec, availableMemoryBytes());
        }
        final long prepareNs = System.nanoTime();
        if (spec.swarm())
        {
            swarmGateway = swarm().prepare(runsRoot);
        }
        else
        {
            launcher.prepare();
        }
        final long prepareMs = (System.nanoTime() - prepareNs) / 1_000_000;
        final ClusterState state = runDir != null ? ClusterState.createIn(runDir, spec) : ClusterState.create(runsRoot, spec);
        state.markCurrent(runsRoot);
        out.printf("cluster %s: %d nodes in %d containers (%d per container) on %s, strategy %s, timing %s, seed %d%n",
            spec.name, spec.nodes, spec.containers(), spec.perContainer, spec.network.cliName(), spec.strategy.cliName(),
            spec.timing.cliName(), spec.seed);
        out.printf("run folder %s (engine/images/networks ready in %d ms)%n", state.runDir(), prepareMs);
        if (spec.swarm())
        {
            final long upMs = swarm().up(state, swarmGateway);
            out.printf("%d swarm services running in %.1f s%n", spec.containers(), upMs / 1000.0);
            return ClusterState.load(state.runDir()); // with the addresses the swarm gave
        }
        final ClusterPlan plan = placeholder ? new PlaceholderPlan(spec) : state.plan();
        final long upMs = launcher.up(new ClusterState(state.runDir(), plan));
        out.printf("%d containers started in %.1f s%n", spec.containers() + (spec.master ? 1 : 0), upMs / 1000.0);
        if (spec.master)
        {
            out.println("dashboard: " + ClusterLauncher.dashboardUrl(spec));
        }
        return state;
    }

    /**
     * Refuses, before anything starts, a cluster whose estimated memory exceeds 90 % of what the machine has available
     * (found the hard way: 200 containers x 50 nodes = 10,000 started, then filled 24 GiB and met the OOM killer).
     */
    static void requireMemory(final ClusterSpec spec, final long availableBytes)
    {
        final long needed = spec.estimatedMemoryBytes();
        if (availableBytes > 0 && needed > availableBytes / 10 * 9)
        {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                "%,d nodes in %d containers need about %,d MiB (%d JVMs at %d MiB + every node's table of %,d members) " +
                "but the machine has %,d MiB available; fewer, fuller containers (--per-container) save the JVMs' share, " +
                "the member tables (N^2) cannot shrink", spec.nodes, spec.containers(), needed >> 20, spec.containers(),
                io.hearsay.sim.run.MemoryEstimate.BASE_BYTES >> 20, spec.nodes, availableBytes >> 20));
        }
    }

    /** MemAvailable from /proc/meminfo, or -1 where it cannot be read (then nothing is refused). */
    static long availableMemoryBytes()
    {
        try
        {
            for (final String line : java.nio.file.Files.readAllLines(Path.of("/proc/meminfo")))
            {
                if (line.startsWith("MemAvailable:"))
                {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        }
        catch (final java.io.IOException | NumberFormatException ex)
        {
            return -1;
        }
        return -1;
    }

    public SwarmLab swarm()
    {
        return new SwarmLab(launcher.docker(), launcher.lab(), out);
    }

    /** The docker CLI for {@code state}'s containers: this engine's, or addressed to the swarm's tasks. */
    public DockerCli docker(final ClusterState state)
    {
        if (!state.spec().swarm())
        {
            return launcher.docker();
        }
        final SwarmLab swarm = swarm();
        return new SwarmDocker(state, swarm.selfNodeId(), swarm.agents(state));
    }

    /** Docker's view of each container of the cluster: name -> state (running, paused, exited, failed, ...). */
    public Map<String, String> containerStates(final ClusterState state)
    {
        return state.spec().swarm() ? swarm().containerStates(state) : launcher.containerStates(state.spec().name);
    }

    /** A swarm cluster's clocks, consoles and every host's logs into its run folder (before its services go). */
    public void gather(final ClusterState state)
    {
        new SwarmGather(launcher.docker(), swarm(), out).gather(state);
    }

    /** Takes every lab container, network and interface down; prints what was removed. */
    public void down()
    {
        gatherBeforeDown();
        final String removed = launcher.down(runsRoot);
        out.println(removed.isBlank() ? "nothing to remove" : removed);
    }

    /** a swarm cluster that is up and not yet gathered is gathered first: its logs live on its hosts */
    private void gatherBeforeDown()
    {
        final ClusterState state;
        try
        {
            state = current();
        }
        catch (final IllegalStateException | java.io.UncheckedIOException none)
        {
            return;
        }
        if (state.spec().swarm() && !SwarmGather.gathered(state.runDir()) &&
            java.nio.file.Files.isRegularFile(state.runDir().resolve(ClusterState.SWARM_TASKS)))
        {
            try
            {
                gather(state);
            }
            catch (final RuntimeException ex)
            {
                out.println("gathering before down failed (taking it down anyway): " + ex.getMessage());
            }
        }
    }

    /** container index set of the containers Docker reports running (not paused, not exited) */
    public Set<Integer> runningContainers(final ClusterState state)
    {
        return running(state.plan(), containerStates(state));
    }

    private static Set<Integer> running(final ClusterPlan plan, final Map<String, String> states)
    {
        final Set<Integer> running = new HashSet<>();
        for (final ContainerSlot slot : plan.slots())
        {
            if ("running".equals(states.get(slot.name())))
            {
                running.add(slot.index());
            }
        }
        return running;
    }

    /**
     * Waits until every running node of the running containers counts all of them live (its own live-member count,
     * self included, reaches the number of running nodes), asking the daemons' control ports. Returns the
     * milliseconds it took, or -1 at the deadline.
     */
    public long awaitMembership(final ClusterState state, final ClusterProbe probe, final Duration timeout)
        throws InterruptedException
    {
        final long startNs = System.nanoTime();
        final long deadlineNs = startNs + timeout.toNanos();
        final Set<Integer> containers = runningContainers(state);
        while (System.nanoTime() - deadlineNs < 0)
        {
            final ClusterProbe.Snapshot s = probe.status(containers, 0, 0);
            if (s.allAnswered() && s.running() > 0 && s.minLive() >= s.running())
            {
                return (System.nanoTime() - startNs) / 1_000_000;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
        return -1;
    }

    /**
     * Waits until the daemon of every running container answers its control port (and, with {@code membership}, until
     * every node counts every running node live), printing what is still starting as it changes. Returns the last
     * snapshot: complete when every daemon answered, else what answered by the deadline.
     */
    public ClusterProbe.Snapshot awaitReady(final ClusterState state, final ClusterProbe probe, final Duration timeout,
        final boolean membership) throws InterruptedException
    {
        final long startNs = System.nanoTime();
        final long deadlineNs = startNs + timeout.toNanos();
        final Set<Integer> containers = runningContainers(state);
        final List<String> notRunning = new ArrayList<>();
        for (final ContainerSlot slot : state.plan().slots())
        {
            if (!containers.contains(slot.index()))
            {
                notRunning.add(slot.label());
            }
        }
        if (!notRunning.isEmpty())
        {
            out.printf("not running: %s (their output: %s)%n", brief(notRunning), state.runDir().resolve("console"));
        }
        long lastReportNs = startNs;
        String lastReport = "";
        while (true)
        {
            final ClusterProbe.Snapshot s = probe.status(containers, 0, 0);
            final boolean answered = s.allAnswered() && s.running() > 0;
            if (answered && (!membership || s.minLive() >= s.running()) || System.nanoTime() - deadlineNs >= 0)
            {
                return s;
            }
            final String report = startingLine(s);
            final long sinceNs = System.nanoTime() - lastReportNs;
            if (sinceNs >= READY_REPORT_NS && !report.equals(lastReport) || sinceNs >= 4 * READY_REPORT_NS)
            {
                out.println(report);
                lastReport = report;
                lastReportNs = System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
    }

    /** One line: how many daemons answer and which are still starting, or how far membership is. */
    public static String startingLine(final ClusterProbe.Snapshot s)
    {
        return s.allAnswered() ?
            String.format("every daemon answers; membership forming: smallest view %d of %d nodes", s.minLive(), s.running()) :
            String.format("%d of %d daemons answer; still starting: %s", s.answered(), s.asked(), brief(s.silent()));
    }

    private static String brief(final List<String> names)
    {
        return names.size() <= 8 ? String.join(", ", names) :
            String.join(", ", names.subList(0, 8)) + " and " + (names.size() - 8) + " more";
    }

    /** What {@link #awaitInformed} saw: how many running nodes knew the event, of how many, after how long. */
    public record Spread(long origin, long sequence, int knowing, int running, long elapsedMs, boolean complete,
        int silentProcesses)
    {
    }

    /**
     * Waits until every running node of the running containers knows event (origin, sequence), or the deadline.
     * Polls STATUS every {@code pollMs}; complete only when every running container answered (a silent one is not
     * taken for one that knows).
     */
    public Spread awaitInformed(final ClusterState state, final ClusterProbe probe, final long origin, final long sequence,
        final long injectedNs, final Duration timeout, final long pollMs) throws InterruptedException
    {
        final long deadlineNs = injectedNs + timeout.toNanos();
        final Set<Integer> containers = runningContainers(state);
        ClusterProbe.Snapshot s;
        while (true)
        {
            s = probe.status(containers, origin, sequence);
            final long elapsedMs = (System.nanoTime() - injectedNs) / 1_000_000;
            if (s.allAnswered() && s.running() > 0 && s.knowing() >= s.running())
            {
                return new Spread(origin, sequence, s.knowing(), s.running(), elapsedMs, true, 0);
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                return new Spread(origin, sequence, s.knowing(), s.running(), elapsedMs, false, s.silent().size());
            }
            TimeUnit.MILLISECONDS.sleep(pollMs);
        }
    }

    /** Lines describing the cluster: containers by state, memory, logs, conntrack. */
    public List<String> status(final ClusterState state)
    {
        final List<String> lines = new ArrayList<>();
        status(state, lines::add);
        return lines;
    }

    /**
     * The same lines, each handed to {@code sink} as soon as it is known. A swarm's other hosts are asked through their
     * agents, all at once and bounded; a host that does not answer is named and the rest still shown.
     */
    public void status(final ClusterState state, final java.util.function.Consumer<String> sink)
    {
        final ClusterSpec spec = state.spec();
        sink.accept(String.format("cluster %s: %d nodes, %d containers (%d per container), %s, %s/%s, seed %d",
            spec.name, spec.nodes, spec.containers(), spec.perContainer, spec.network.cliName(),
            spec.strategy.cliName(), spec.timing.cliName(), spec.seed));
        sink.accept("run folder " + state.runDir());
        final Map<String, String> states;
        final Map<String, Double> memory = new java.util.TreeMap<>(launcher.memoryMib(spec.name)); // this host's
        if (spec.swarm())
        {
            final SwarmLab.HostViews views = swarm().views(state, true);
            states = views.states();
            memory.putAll(views.memoryMib());
            memory.keySet().removeIf(name -> name.startsWith(io.hearsay.master.swarm.SwarmAgents.serviceName(spec) + "."));
            sink.accept("swarm hosts: " + SwarmLab.placement(List.copyOf(SwarmLab.readTasks(state.runDir()).values()), spec) +
                (views.problems().isEmpty() ? "; every host's agent answered" : ""));
            views.problems().forEach(p -> sink.accept("NOT ANSWERING: " + p));
        }
        else
        {
            states = containerStates(state);
        }
        final Map<String, Long> counts = new java.util.TreeMap<>();
        states.values().forEach(s -> counts.merge(s, 1L, Long::sum));
        sink.accept("containers: " + (counts.isEmpty() ? "none" : counts.toString()));
        if (!memory.isEmpty())
        {
            final double total = memory.values().stream().mapToDouble(Double::doubleValue).sum();
            sink.accept(String.format("memory: %.0f MiB total, %.1f MiB per container (mean of %d)", total,
                total / memory.size(), memory.size()));
        }
        final Set<Integer> runningSet = running(state.plan(), states);
        try (ControlPorts control = new ControlPorts(); ClusterProbe probe = new ClusterProbe(state, control))
        {
            final ClusterProbe.Snapshot snap = probe.status(runningSet, 0, 0);
            sink.accept(String.format("control: %d of %d running containers answered; %d nodes running; live-member views %d..%d%s",
                snap.answered(), snap.asked(), snap.running(), snap.minLive(), snap.maxLive(),
                snap.silent().isEmpty() ? "" : "; silent: " + String.join(",", snap.silent().subList(0,
                Math.min(10, snap.silent().size())))));
        }
        final LogView view = LogView.read(state.logsDir());
        final Set<Long> live = state.nodeAddresses(runningSet);
        sink.accept(String.format("logs: %d nodes wrote records%s", view.nodes().size(),
            spec.swarm() && !io.hearsay.master.swarm.SwarmGather.gathered(state.runDir()) ?
                " (a swarm's logs count once gathered: hearsay cluster gather)" : ""));
        for (final LogView.EventKey event : view.events())
        {
            sink.accept(String.format("event %s#%d: %d of %d live nodes know it", io.hearsay.core.Addresses.toString(
                event.origin()), event.sequence(), view.informed(event, live), live.size()));
        }
        view.unreadable().forEach(u -> sink.accept("unreadable log: " + u));
        final List<String> sample = new ArrayList<>();
        for (final ContainerSlot slot : state.plan().slots())
        {
            if (sample.size() < 3 && "running".equals(states.get(slot.name())))
            {
                sample.add(slot.name());
            }
        }
        final List<String> full = new ConntrackProbe(docker(state)).fullTables(sample);
        sink.accept(full.isEmpty() ? "conntrack: no full table (host" + hostCounts() + ", sampled " + sample.size() +
            " containers)" : "CONNTRACK: " + String.join("; ", full));
    }

    private static String hostCounts()
    {
        final long[] counts = ConntrackProbe.hostCounts();
        return counts == null ? " has none" : " " + counts[0] + "/" + counts[1];
    }

    /** A plan whose containers run {@code sleep infinity}: the lab's plumbing without the daemon. */
    private static final class PlaceholderPlan extends ClusterPlan
    {
        PlaceholderPlan(final ClusterSpec spec)
        {
            super(spec);
        }

        @Override
        public List<String> daemonArgs(final ContainerSlot slot)
        {
            return ClusterUpCommand.placeholderCommand();
        }
    }
}
