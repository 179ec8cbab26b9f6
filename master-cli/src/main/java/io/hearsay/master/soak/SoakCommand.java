package io.hearsay.master.soak;

import io.hearsay.core.Addresses;
import io.hearsay.daemon.control.ControlClient;
import io.hearsay.daemon.shell.HearsayDaemon;
import io.hearsay.master.cluster.ChildDaemon;
import io.hearsay.master.cluster.ClusterNames;
import io.hearsay.master.cluster.ControlTokens;
import io.hearsay.master.fault.Durations;
import io.hearsay.master.options.CliValues;
import io.hearsay.master.options.DaemonOptions;
import io.hearsay.master.options.IdleOption;
import io.hearsay.master.options.ProtocolOptions;
import io.hearsay.master.options.SeedOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Writer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./hearsay soak}: N real nodes on loopback in P daemon processes, formed from a roster, under churn (a share of
 * the nodes crashed per minute, each back {@code --down} later as a fresh boot: new boot id, empty state) and the
 * daemons' own datagram loss, with an event injected every {@code --event-every}. While it runs it samples each
 * process (resident memory and CPU from /proc, its nodes' views over the control port); when it ends it stops the
 * daemons and checks the run from their event logs ({@link SoakCheck}): no false removals, crashed nodes removed,
 * restarted ones re-admitted, events reaching every live node, memory and member tables bounded. Exit 0 when every
 * check holds, 4 on a violation. {@code --check DIR} checks a finished run folder again.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, defaultValueProvider = SoakCommand.Defaults.class,
    description = "Churn soak on loopback: crash/restart nodes, datagram loss, periodic events; check and summarise.")
public final class SoakCommand implements Callable<Integer>
{
    /** exit status when a check failed */
    public static final int VIOLATION = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "1000", description = "total nodes N (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--processes", defaultValue = "4", description = "daemon processes the nodes are spread over (default ${DEFAULT-VALUE})")
    int processes;

    @Option(names = "--duration", defaultValue = "60m", description = "how long the soak runs: 90s, 10m, 60m (default ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--churn", defaultValue = "1%/min", description = "nodes crashed and restarted per minute, P%%/min (default ${DEFAULT-VALUE})")
    String churn;

    @Option(names = "--down", defaultValue = "45s", description = "how long a crashed node stays down before it restarts (default ${DEFAULT-VALUE})")
    String down;

    @Option(names = "--settle", defaultValue = "60s", description = "a restarted node must be re-admitted by every live node within this; not crashed again before (default ${DEFAULT-VALUE})")
    String settle;

    @Option(names = "--warmup", defaultValue = "60s", description = "time before the first crash and event (default ${DEFAULT-VALUE})")
    String warmup;

    @Option(names = "--loss", defaultValue = "0.05", description = "the daemons' own outbound datagram loss (default ${DEFAULT-VALUE})")
    double loss;

    @Option(names = "--event-every", defaultValue = "60s", description = "inject one event this often (default ${DEFAULT-VALUE})")
    String eventEvery;

    @Option(names = "--event-deadline", defaultValue = "30s", description = "every node up throughout must know an event this soon (default ${DEFAULT-VALUE})")
    String eventDeadline;

    @Option(names = "--sample-every", defaultValue = "10s", description = "process memory/CPU sampling period (default ${DEFAULT-VALUE})")
    String sampleEvery;

    @Option(names = "--max-rss-mib", defaultValue = "2048", description = "resident memory bound per process, MiB (default ${DEFAULT-VALUE})")
    long maxRssMib;

    @Option(names = "--port", defaultValue = "23000", description = "first node's UDP port; nodes use PORT..PORT+N-1 (default ${DEFAULT-VALUE})")
    int port;

    @Mixin
    ProtocolOptions protocol = new ProtocolOptions();

    @Mixin
    SeedOption seed = new SeedOption();

    @Mixin
    IdleOption idle = new IdleOption();

    @Option(names = "--out", description = "run folder to create")
    Path out;

    @Option(names = "--check", paramLabel = "DIR", description = "check a finished soak's run folder again (nothing is started)")
    Path check;

    @Override
    public Integer call() throws Exception
    {
        if (check != null)
        {
            return SoakCheck.checkFolder(check, System.out) ? 0 : VIOLATION;
        }
        final Settings s = validate();
        requirePortsFree();
        final long runSeed = seed.orDraw();
        final String runId = "soak-" + runSeed + "-" + System.currentTimeMillis();
        final Path logs = out.resolve("logs");
        Files.createDirectories(logs);
        final ChurnPlan plan = ChurnPlan.draw(nodes, s.durationMs, s.warmupMs, s.churnPerMinute, s.downMs, s.settleMs,
            s.eventEveryMs, HearsayDaemon.mix(runSeed, 7));

        final Map<String, String> config = new LinkedHashMap<>();
        config.put("run_id", runId);
        config.put("source", "soak");
        config.put("command", "./hearsay soak --nodes " + nodes + " --processes " + processes + " --duration " + duration +
            " --churn " + churn + " --down " + down + " --settle " + settle + " --warmup " + warmup + " --loss " + loss +
            " --event-every " + eventEvery + " --event-deadline " + eventDeadline + " --profile " + protocol.profile +
            " --gossip-period-ms " + protocol.effectiveGossipPeriodMs() + " --strategy " + protocol.strategy +
            " --port " + port + " --seed " + runSeed + " --out " + out);
        config.put("nodes", Integer.toString(nodes));
        config.put("processes", Integer.toString(processes));
        config.put("duration_ms", Long.toString(s.durationMs));
        config.put("warmup_ms", Long.toString(s.warmupMs));
        config.put("churn_per_minute", Double.toString(s.churnPerMinute));
        config.put("crash_interval_ms", Long.toString(plan.crashIntervalMs()));
        config.put("down_ms", Long.toString(s.downMs));
        config.put("settle_ms", Long.toString(s.settleMs));
        config.put("loss", Double.toString(loss));
        config.put("event_every_ms", Long.toString(s.eventEveryMs));
        config.put("event_deadline_ms", Long.toString(s.eventDeadlineMs));
        config.put("sample_every_ms", Long.toString(s.sampleEveryMs));
        config.put("max_rss_bytes", Long.toString(maxRssMib << 20));
        config.put("strategy", protocol.strategy);
        config.put("timing", protocol.timing);
        config.put("fanout", Integer.toString(protocol.fanout));
        config.put("profile", protocol.profile);
        config.put("gossip_period_ms", Long.toString(protocol.effectiveGossipPeriodMs()));
        config.put("seed", Long.toString(runSeed));
        config.put("port", Integer.toString(port));
        config.put("planned_crashes", Long.toString(plan.crashes()));
        config.put("planned_events", Long.toString(plan.events()));
        final String clusterName = ClusterNames.forRun(runId);
        config.put("gossip_cluster", clusterName);
        System.out.println("hearsay soak: run " + runId + " seed=" + runSeed + " nodes=" + nodes + " processes=" +
            processes + " duration=" + duration + " churn=" + churn + " (a crash every " + plan.crashIntervalMs() +
            " ms, " + plan.crashes() + " in all, down " + down + ") loss=" + loss + " profile=" + protocol.profile +
            " gossip-period=" + protocol.effectiveGossipPeriodMs() + " ms events=" + plan.events() + " out=" + out);
        System.out.println("hearsay soak: the same run: " + config.get("command"));

        final long[] addresses = new long[nodes];
        final StringBuilder roster = new StringBuilder();
        for (int i = 0; i < nodes; i++)
        {
            addresses[i] = Addresses.parse("127.0.0.1:" + (port + i));
            roster.append("127.0.0.1:").append(port + i).append('\n');
        }
        final Path rosterFile = out.resolve("roster.txt");
        Files.writeString(rosterFile, roster.toString(), StandardCharsets.UTF_8);

        final String controlToken = ControlTokens.generate();
        final List<ChildDaemon> children = new java.util.concurrent.CopyOnWriteArrayList<>();
        // stopped (SIGTERM, Ctrl-C) before the end: the daemons go too, none is left running
        final Thread stopChildren = new Thread(() -> children.forEach(c -> c.process.destroyForcibly()), "soak-stop");
        Runtime.getRuntime().addShutdownHook(stopChildren);
        final int[] processOf = new int[nodes];
        boolean completed = false;
        try (Writer timeline = Files.newBufferedWriter(out.resolve(SoakCheck.TIMELINE), StandardCharsets.UTF_8);
             Writer samples = Files.newBufferedWriter(out.resolve(SoakCheck.SAMPLES), StandardCharsets.UTF_8))
        {
            timeline.write("wall_ms,kind,node,detail\n");
            samples.write("wall_ms,process,pid,rss_bytes,cpu_cores,running,min_live,max_live\n");
            int first = 0;
            for (int p = 0; p < processes; p++)
            {
                final int hosted = nodes / processes + (p < nodes % processes ? 1 : 0);
                final long processSeed = HearsayDaemon.mix(runSeed, 1_000 + p);
                config.put("process." + p + ".nodes", Integer.toString(hosted));
                config.put("process." + p + ".seed", Long.toString(processSeed));
                for (int i = first; i < first + hosted; i++)
                {
                    processOf[i] = p;
                }
                final DaemonOptions daemon = new DaemonOptions();
                daemon.port = port + first;
                daemon.nodes = hosted;
                daemon.controlPort = 0;
                daemon.roster = rosterFile;
                daemon.protocol = protocol;
                daemon.logDir = logs;
                daemon.seed = SeedOption.of(processSeed);
                daemon.loss = loss;
                daemon.idle = idle;
                daemon.cluster = clusterName;
                daemon.statsPeriodMs = s.sampleEveryMs;
                final Path daemonConfig = out.resolve("process-" + p + ".json");
                daemon.write(daemonConfig);
                children.add(ChildDaemon.start(p, daemonConfig, controlToken, out.resolve("process-" + p + ".out"), 120_000));
                first += hosted;
            }
            SoakCheck.writeConfig(out, config);
            final long startWallMs = System.currentTimeMillis();
            final long startNs = System.nanoTime();
            line(timeline, startWallMs, "start", 0, "");
            final ProcessSampler sampler = new ProcessSampler(children);
            long nextSampleNs = startNs;
            long nextProgressNs = startNs + 60_000_000_000L;
            int next = 0;
            final List<ChurnPlan.Action> actions = plan.actions();
            final long endNs = startNs + s.durationMs * 1_000_000L;
            while (System.nanoTime() - endNs < 0)
            {
                final long nowNs = System.nanoTime();
                if (nowNs - nextSampleNs >= 0)
                {
                    sampler.sample(samples);
                    samples.flush();
                    nextSampleNs += s.sampleEveryMs * 1_000_000L;
                }
                if (nowNs - nextProgressNs >= 0)
                {
                    System.out.println("hearsay soak: " + (nowNs - startNs) / 60_000_000_000L + " min: " + sampler.summary());
                    nextProgressNs += 60_000_000_000L;
                }
                while (next < actions.size() && nowNs - (startNs + actions.get(next).atMs() * 1_000_000L) >= 0)
                {
                    final ChurnPlan.Action action = actions.get(next++);
                    final ChildDaemon child = children.get(processOf[action.node()]);
                    if (!child.process.isAlive())
                    {
                        throw new IOException("daemon process " + child.index + " has exited; its output is in " +
                            child.outputFile);
                    }
                    act(action, child, addresses[action.node()], s, timeline);
                }
                timeline.flush();
                long waitNs = Math.min(nextSampleNs, endNs) - System.nanoTime();
                if (next < actions.size())
                {
                    waitNs = Math.min(waitNs, startNs + actions.get(next).atMs() * 1_000_000L - System.nanoTime());
                }
                if (waitNs > 0)
                {
                    Thread.sleep(waitNs / 1_000_000L, (int)(waitNs % 1_000_000L)); // the schedule's next moment
                }
            }
            line(timeline, System.currentTimeMillis(), "end", 0, "");
            completed = true;
        }
        catch (final IOException ex)
        {
            System.out.println("hearsay soak: run failed: " + ex.getMessage() + "; stopping and checking what was logged");
            config.put("error", ex.getMessage());
        }
        finally
        {
            for (final ChildDaemon child : children)
            {
                child.close();
            }
            Runtime.getRuntime().removeShutdownHook(stopChildren);
        }
        config.put("completed", Boolean.toString(completed));
        SoakCheck.writeConfig(out, config);
        final boolean ok = SoakCheck.checkFolder(out, System.out);
        return ok && completed ? 0 : VIOLATION;
    }

    private static void act(
        final ChurnPlan.Action action, final ChildDaemon child, final long address, final Settings s, final Writer timeline)
        throws IOException
    {
        final long wallMs = System.currentTimeMillis();
        try
        {
            if (action.kind() == ChurnPlan.Kind.CRASH)
            {
                final ControlClient.Ack ack = child.control.crashAndRestart(address, s.downMs);
                line(timeline, wallMs, ack.ok() && ack.value() == 1 ? "crash" : "crash_failed", address,
                    ack.ok() && ack.value() == 1 ? Long.toString(s.downMs) : quote(ack.message()));
            }
            else
            {
                final ControlClient.Ack ack = child.control.inject(address, 1, "soak-" + wallMs);
                line(timeline, wallMs, ack.ok() ? "inject" : "inject_failed", address,
                    ack.ok() ? Long.toString(ack.value()) : quote(ack.message()));
            }
        }
        catch (final IOException ex)
        {
            // a control request that got no answer: recorded, the soak goes on (the check counts it)
            line(timeline, wallMs, action.kind() == ChurnPlan.Kind.CRASH ? "crash_failed" : "inject_failed", address,
                quote(ex.getMessage()));
        }
    }

    private static String quote(final String text)
    {
        return '"' + String.valueOf(text).replace('"', '\'').replace('\n', ' ') + '"';
    }

    private static void line(final Writer w, final long wallMs, final String kind, final long node, final String detail)
        throws IOException
    {
        w.write(wallMs + "," + kind + "," + (node == 0 ? "" : Addresses.toString(node)) + "," + detail + "\n");
    }

    private void requirePortsFree() throws IOException
    {
        for (int i = 0; i < nodes; i++)
        {
            try (DatagramSocket socket = new DatagramSocket(null))
            {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port + i));
            }
            catch (final SocketException ex)
            {
                throw new CommandLine.ParameterException(spec.commandLine(), "--port " + port + ": UDP port " +
                    (port + i) + " on 127.0.0.1 is taken (" + ex.getMessage() + "); accepted: a first port with " +
                    nodes + " free ports from it");
            }
        }
    }

    /** The validated durations and rates. */
    private record Settings(
        long durationMs, long warmupMs, double churnPerMinute, long downMs, long settleMs, long eventEveryMs,
        long eventDeadlineMs, long sampleEveryMs)
    {
    }

    private Settings validate()
    {
        try
        {
            if (out == null)
            {
                throw new IllegalArgumentException("--out is required (or --check DIR)");
            }
            require(nodes >= 2 && nodes <= 20_000, "--nodes", nodes, "2..20000");
            require(processes >= 1 && processes <= nodes, "--processes", processes, "1..nodes");
            require(port >= 1024 && port + nodes <= 65_535, "--port", port, "1024..65535-N");
            require(maxRssMib >= 16, "--max-rss-mib", maxRssMib, ">= 16");
            final Settings s = new Settings(positive("--duration", duration), Durations.parseMs(warmup),
                churnPerMinute(churn), positive("--down", down), positive("--settle", settle),
                positive("--event-every", eventEvery), positive("--event-deadline", eventDeadline),
                positive("--sample-every", sampleEvery));
            require(s.warmupMs >= 0 && s.warmupMs < s.durationMs, "--warmup", warmup, "0..duration");
            require(s.durationMs - s.warmupMs >= s.downMs + s.settleMs, "--duration", duration,
                "at least warmup + down + settle (every crash is restarted and re-admitted inside the run)");
            require(s.eventDeadlineMs <= s.settleMs, "--event-deadline", eventDeadline, "at most --settle");
            protocol.nodeConfig("hearsay");
            CliValues.probability("--loss", loss);
            idle.validated();
            if (Files.exists(out) && out.toFile().list() != null && out.toFile().list().length > 0)
            {
                throw new IllegalArgumentException("--out " + out + " exists and is not empty; accepted: a new or empty folder");
            }
            return s;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
    }

    private static long positive(final String option, final String text)
    {
        final long ms = Durations.parseMs(text);
        require(ms > 0, option, text, "a duration > 0 (500ms, 30s, 10m)");
        return ms;
    }

    /** {@code 1%/min} = 0.01; {@code 0} = no churn. */
    static double churnPerMinute(final String text)
    {
        final String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("0") || t.equals("0%/min"))
        {
            return 0;
        }
        if (t.endsWith("%/min"))
        {
            try
            {
                final double percent = Double.parseDouble(t.substring(0, t.length() - "%/min".length()));
                if (percent > 0 && percent <= 50)
                {
                    return percent / 100;
                }
            }
            catch (final NumberFormatException ignored)
            {
                // answered below
            }
        }
        throw new IllegalArgumentException("--churn " + text + " is not understood; accepted: P%/min with 0 < P <= 50 " +
            "(e.g. 1%/min), or 0");
    }

    private static void require(final boolean ok, final String option, final Object value, final String accepted)
    {
        if (!ok)
        {
            throw new IllegalArgumentException(option + " " + value + " is out of range; accepted: " + accepted);
        }
    }

    /** Gossip period {@value #GOSSIP_PERIOD_MS} ms by default: 1,000 nodes then cost about half a core here. */
    public static final class Defaults implements CommandLine.IDefaultValueProvider
    {
        @Override
        public String defaultValue(final CommandLine.Model.ArgSpec argSpec)
        {
            return argSpec.isOption() && "--gossip-period-ms".equals(((CommandLine.Model.OptionSpec)argSpec).longestName()) ?
                Long.toString(GOSSIP_PERIOD_MS) : null;
        }
    }

    /** the soak's default gossip period */
    public static final long GOSSIP_PERIOD_MS = 1000;
}
