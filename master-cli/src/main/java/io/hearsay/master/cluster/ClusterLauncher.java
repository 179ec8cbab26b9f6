package io.hearsay.master.cluster;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Brings a cluster of containers up and down through the docker CLI, and reads its state. Container starts run
 * {@link #START_PARALLELISM} at a time (the engine serialises most of the work; more threads only add contention).
 */
public final class ClusterLauncher
{
    public static final int START_PARALLELISM = 4;
    public static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    private final DockerCli docker;
    private final LabScripts lab;
    private final PrintStream out;

    public ClusterLauncher(final DockerCli docker, final LabScripts lab, final PrintStream out)
    {
        this.docker = docker;
        this.lab = lab;
        this.out = out;
    }

    public LabScripts lab()
    {
        return lab;
    }

    public DockerCli docker()
    {
        return docker;
    }

    /** Engine, images and networks ready (each step idempotent and quick when already done). */
    public void prepare()
    {
        lab.ensureEngine();
        lab.ensureImages();
        lab.networksUp();
    }

    /**
     * Starts every container of {@code state}'s plan (and the master container when asked for) and waits until all
     * are running. Returns the milliseconds it took. Throws naming the containers that failed to start.
     */
    public long up(final ClusterState state)
    {
        final ClusterPlan plan = state.plan();
        final ClusterSpec spec = plan.spec();
        final String running = docker.docker(Duration.ofSeconds(30), "ps", "-q", "--filter",
            "label=hearsay.cluster=" + spec.name).stdout().trim();
        if (!running.isEmpty())
        {
            throw new IllegalStateException("a cluster named '" + spec.name + "' is already up; run: hearsay cluster down");
        }
        writeDaemonConfigs(state);
        final long startNs = System.nanoTime();
        final List<java.util.function.Supplier<DockerCli.Result>> calls = new ArrayList<>();
        for (final ContainerSlot slot : plan.slots())
        {
            final List<String> args = plan.runArgs(slot, state.runDir().toString(), plan.daemonArgs(slot));
            calls.add(() -> docker.docker(RUN_TIMEOUT, args.toArray(String[]::new)));
        }
        if (spec.master)
        {
            calls.add(() -> startMaster(state));
        }
        runAll(calls, "containers started", out);
        final long upMs = (System.nanoTime() - startNs) / 1_000_000;
        state.record("up_ms", Long.toString(upMs));
        return upMs;
    }

    /**
     * Runs docker calls {@link #START_PARALLELISM} at a time (the engine serialises most of the work), printing progress
     * every 50 as "N/M WHAT"; throws naming how many failed and the first failure.
     */
    public static void runAll(final List<java.util.function.Supplier<DockerCli.Result>> calls, final String what,
        final PrintStream out)
    {
        final long startNs = System.nanoTime();
        final ExecutorService pool = Executors.newFixedThreadPool(START_PARALLELISM);
        try
        {
            final List<Future<DockerCli.Result>> results = new ArrayList<>();
            for (final java.util.function.Supplier<DockerCli.Result> call : calls)
            {
                results.add(pool.submit(call::get));
            }
            final List<String> failures = new ArrayList<>();
            int done = 0;
            for (final Future<DockerCli.Result> f : results)
            {
                final DockerCli.Result r = f.get();
                if (!r.ok())
                {
                    failures.add(r.describe());
                }
                if (++done % 50 == 0)
                {
                    out.printf("  %d/%d %s (%.1f s)%n", done, results.size(), what, seconds(startNs));
                }
            }
            if (!failures.isEmpty())
            {
                throw new IllegalStateException(failures.size() + " of " + calls.size() + " failed (" + what + "); first: " +
                    failures.get(0));
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted (" + what + ")", ex);
        }
        catch (final java.util.concurrent.ExecutionException ex)
        {
            throw new IllegalStateException(what + " failed: " + ex.getCause(), ex.getCause());
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    /** One {@code daemons/<container>.json} per container: its daemon's every setting (read with --config). */
    public static void writeDaemonConfigs(final ClusterState state)
    {
        final ClusterPlan plan = state.plan();
        try
        {
            final java.nio.file.Path dir = state.runDir().resolve(ClusterPlan.DAEMONS_DIR);
            java.nio.file.Files.createDirectories(dir);
            for (final ContainerSlot slot : plan.slots())
            {
                plan.daemonOptions(slot).write(state.runDir().resolve(ClusterPlan.daemonConfigFile(slot)));
            }
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException("cannot write the daemons' configuration in " + state.runDir(), ex);
        }
    }

    private DockerCli.Result startMaster(final ClusterState state)
    {
        final ClusterSpec spec = state.spec();
        final String name = ClusterPlan.masterName(spec.name);
        // the dashboard is reached from the host, so it listens beyond loopback: its commands need this token
        final String token = dashboardToken(state.runDir());
        final DockerCli.Result run = docker.docker(RUN_TIMEOUT, "run", "-d", "--name", name, "--hostname", "master",
            "--label", "hearsay.lab=1", "--label", "hearsay.cluster=" + spec.name, "--label", "hearsay.role=master",
            "--network", NetworkKind.BRIDGE.dockerName(), "--ip", NetworkKind.dotted(NetworkKind.BRIDGE.masterIpv4()),
            "--cap-add", "NET_ADMIN", "--log-driver", "none",
            "-v", state.runDir() + ":/run/hearsay/run",
            "-e", "HEARSAY_CONSOLE_LOG=/run/hearsay/run/console/master.log",
            "-e", "HEARSAY_JAVA_OPTS=" + ClusterPlan.javaOpts(128), "-e", "HEARSAY_DASHBOARD_TOKEN=" + token,
            "-e", io.hearsay.daemon.control.ControlAuth.TOKEN_ENV + "=" + (spec.controlToken == null ? "" : spec.controlToken),
            spec.image, "master", "--run-dir", "/run/hearsay/run", "--dashboard-port", Integer.toString(spec.dashboardPort),
            "--bind", "0.0.0.0", "--log-dir", "/run/hearsay/run/master-log");
        if (!run.ok() || spec.network == NetworkKind.BRIDGE)
        {
            return run;
        }
        return docker.docker(RUN_TIMEOUT, "network", "connect", "--ip", NetworkKind.dotted(spec.network.masterIpv4()),
            spec.network.dockerName(), name);
    }

    /** A fresh token for the master container's dashboard commands, written to RUN/dashboard-token (owner only). */
    public static String dashboardToken(final java.nio.file.Path runDir)
    {
        final byte[] bytes = new byte[16];
        new java.security.SecureRandom().nextBytes(bytes);
        final String token = java.util.HexFormat.of().formatHex(bytes);
        final java.nio.file.Path file = runDir.resolve("dashboard-token");
        try
        {
            java.nio.file.Files.writeString(file, token + "\n");
            java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        catch (final java.io.IOException | UnsupportedOperationException ex)
        {
            throw new IllegalStateException("cannot write the dashboard token to " + file + ": " + ex.getMessage(), ex);
        }
        return token;
    }

    /** the dashboard's address as seen from the host */
    public static String dashboardUrl(final ClusterSpec spec)
    {
        return "http://" + NetworkKind.dotted(NetworkKind.BRIDGE.masterIpv4()) + ":" + spec.dashboardPort + "/";
    }

    /** Docker's view of each container of the cluster: name -> status (running, paused, exited, ...). */
    public Map<String, String> containerStates(final String cluster)
    {
        final DockerCli.Result r = docker.docker(Duration.ofSeconds(30), "ps", "-a", "--filter",
            "label=hearsay.cluster=" + cluster, "--format", "{{.Names}} {{.State}}");
        final Map<String, String> states = new HashMap<>();
        for (final String line : r.stdout().split("\n"))
        {
            final String[] parts = line.trim().split(" ");
            if (parts.length == 2)
            {
                states.put(parts[0], parts[1]);
            }
        }
        return states;
    }

    /** name -> memory in use (MiB), from one {@code docker stats} sample */
    public Map<String, Double> memoryMib(final String cluster)
    {
        final DockerCli.Result r = docker.docker(Duration.ofSeconds(60), "stats", "--no-stream", "--format",
            "{{.Name}} {{.MemUsage}}");
        return memoryMib(cluster, r.stdout());
    }

    /** container name -> MiB of {@code cluster}'s containers in {@code docker stats --format "{{.Name}} {{.MemUsage}}"} */
    public static Map<String, Double> memoryMib(final String cluster, final String statsOutput)
    {
        final Map<String, Double> memory = new HashMap<>();
        for (final String line : statsOutput.split("\n"))
        {
            final String[] parts = line.trim().split("\\s+");
            if (parts.length >= 2 && parts[0].startsWith("hearsay-" + cluster + "-"))
            {
                memory.put(parts[0], parseMib(parts[1]));
            }
        }
        return memory;
    }

    static double parseMib(final String text)
    {
        final String t = text.trim();
        final double factor;
        final String number;
        if (t.endsWith("GiB"))
        {
            factor = 1024;
            number = t.substring(0, t.length() - 3);
        }
        else if (t.endsWith("MiB"))
        {
            factor = 1;
            number = t.substring(0, t.length() - 3);
        }
        else if (t.endsWith("KiB"))
        {
            factor = 1.0 / 1024;
            number = t.substring(0, t.length() - 3);
        }
        else if (t.endsWith("B"))
        {
            factor = 1.0 / (1024 * 1024);
            number = t.substring(0, t.length() - 1);
        }
        else
        {
            return Double.NaN;
        }
        try
        {
            return Double.parseDouble(number) * factor;
        }
        catch (final NumberFormatException ex)
        {
            return Double.NaN;
        }
    }

    /** Removes every lab container, network and interface (all clusters); returns what was removed. */
    public String down(final Path runsRoot)
    {
        final String removed = lab.down();
        ClusterState.clearCurrent(runsRoot);
        return removed;
    }

    /** Waits until every container of the cluster is running; false at the deadline. */
    public boolean awaitRunning(final ClusterState state, final Duration timeout) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadlineNs < 0)
        {
            final Map<String, String> states = containerStates(state.spec().name);
            final long running = states.values().stream().filter("running"::equals).count();
            if (running >= state.plan().slots().size() + (state.spec().master ? 1 : 0))
            {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        return false;
    }

    private static double seconds(final long startNs)
    {
        return (System.nanoTime() - startNs) / 1e9;
    }
}
