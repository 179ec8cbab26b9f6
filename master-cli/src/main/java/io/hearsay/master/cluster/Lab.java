package io.hearsay.master.cluster;

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

    private final Path home;
    private final Path runsRoot;
    private final ClusterLauncher launcher;
    private final PrintStream out;

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
        final long prepareNs = System.nanoTime();
        launcher.prepare();
        final long prepareMs = (System.nanoTime() - prepareNs) / 1_000_000;
        final ClusterState state = runDir != null ? ClusterState.createIn(runDir, spec) : ClusterState.create(runsRoot, spec);
        state.markCurrent(runsRoot);
        out.printf("cluster %s: %d nodes in %d containers (%d per container) on %s, strategy %s, timing %s, seed %d%n",
            spec.name, spec.nodes, spec.containers(), spec.perContainer, spec.network.cliName(), spec.strategy.cliName(),
            spec.timing.cliName(), spec.seed);
        out.printf("run folder %s (engine/images/networks ready in %d ms)%n", state.runDir(), prepareMs);
        final ClusterPlan plan = placeholder ? new PlaceholderPlan(spec) : state.plan();
        final long upMs = launcher.up(new ClusterState(state.runDir(), plan));
        out.printf("%d containers started in %.1f s%n", spec.containers() + (spec.master ? 1 : 0), upMs / 1000.0);
        if (spec.master)
        {
            out.println("dashboard: " + ClusterLauncher.dashboardUrl(spec));
        }
        return state;
    }

    /** Takes every lab container, network and interface down; prints what was removed. */
    public void down()
    {
        final String removed = launcher.down(runsRoot);
        out.println(removed.isBlank() ? "nothing to remove" : removed);
    }

    /** container index set of the containers Docker reports running (not paused, not exited) */
    public Set<Integer> runningContainers(final ClusterState state)
    {
        final Map<String, String> states = launcher.containerStates(state.spec().name);
        final Set<Integer> running = new HashSet<>();
        for (final ContainerSlot slot : state.plan().slots())
        {
            if ("running".equals(states.get(slot.name())))
            {
                running.add(slot.index());
            }
        }
        return running;
    }

    /**
     * Waits until every node of the running containers believes every other node of them alive, judged by the
     * nodes' logged membership. Returns the milliseconds it took, or -1 at the deadline.
     */
    public long awaitMembership(final ClusterState state, final Duration timeout) throws InterruptedException
    {
        final long startNs = System.nanoTime();
        final long deadlineNs = startNs + timeout.toNanos();
        final Set<Long> live = state.nodeAddresses(runningContainers(state));
        while (System.nanoTime() - deadlineNs < 0)
        {
            final LogView view = LogView.read(state.logsDir());
            if (membershipConverged(view, live))
            {
                return (System.nanoTime() - startNs) / 1_000_000;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
        return -1;
    }

    /** every node in {@code live} logged at least {@code live.size() - 1} members alive */
    public static boolean membershipConverged(final LogView view, final Set<Long> live)
    {
        for (final long node : live)
        {
            if (view.aliveSeenBy(node) < live.size() - 1)
            {
                return false;
            }
        }
        return true;
    }

    /** Lines describing the cluster: containers by state, memory, logs, conntrack. */
    public List<String> status(final ClusterState state)
    {
        final List<String> lines = new ArrayList<>();
        final ClusterSpec spec = state.spec();
        final Map<String, String> states = launcher.containerStates(spec.name);
        final Map<String, Long> counts = new java.util.TreeMap<>();
        states.values().forEach(s -> counts.merge(s, 1L, Long::sum));
        lines.add(String.format("cluster %s: %d nodes, %d containers (%d per container), %s, %s/%s, seed %d",
            spec.name, spec.nodes, spec.containers(), spec.perContainer, spec.network.cliName(),
            spec.strategy.cliName(), spec.timing.cliName(), spec.seed));
        lines.add("run folder " + state.runDir());
        lines.add("containers: " + (counts.isEmpty() ? "none" : counts.toString()));
        final Map<String, Double> memory = launcher.memoryMib(spec.name);
        if (!memory.isEmpty())
        {
            final double total = memory.values().stream().mapToDouble(Double::doubleValue).sum();
            lines.add(String.format("memory: %.0f MiB total, %.1f MiB per container (mean of %d)", total,
                total / memory.size(), memory.size()));
        }
        final LogView view = LogView.read(state.logsDir());
        final Set<Long> live = state.nodeAddresses(runningContainers(state));
        int minAlive = Integer.MAX_VALUE;
        int maxAlive = 0;
        for (final long node : live)
        {
            minAlive = Math.min(minAlive, view.aliveSeenBy(node));
            maxAlive = Math.max(maxAlive, view.aliveSeenBy(node));
        }
        lines.add(String.format("logs: %d nodes wrote records; live nodes see %d..%d members alive (of %d others)",
            view.nodes().size(), live.isEmpty() ? 0 : minAlive, maxAlive, Math.max(0, live.size() - 1)));
        for (final LogView.EventKey event : view.events())
        {
            lines.add(String.format("event %s#%d: %d of %d live nodes know it", io.hearsay.daemon.core.Addresses.toString(
                event.origin()), event.sequence(), view.informed(event, live), live.size()));
        }
        view.unreadable().forEach(u -> lines.add("unreadable log: " + u));
        final List<String> sample = new ArrayList<>();
        for (final ContainerSlot slot : state.plan().slots())
        {
            if (sample.size() < 3 && "running".equals(states.get(slot.name())))
            {
                sample.add(slot.name());
            }
        }
        final List<String> full = new ConntrackProbe(launcher.docker()).fullTables(sample);
        lines.add(full.isEmpty() ? "conntrack: no full table (host" + hostCounts() + ", sampled " + sample.size() +
            " containers)" : "CONNTRACK: " + String.join("; ", full));
        return lines;
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
