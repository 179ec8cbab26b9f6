package io.hearsay.master.cluster;

import io.hearsay.daemon.control.ControlClient;
import io.hearsay.core.Addresses;
import io.hearsay.records.run.RunSummary;
import io.hearsay.daemon.shell.HearsayDaemon;
import io.hearsay.master.analysis.CollectedRun;
import io.hearsay.master.analysis.LogCollector;
import io.hearsay.master.analysis.RunFolder;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code ./hearsay local}: N real daemons on loopback in P child JVMs. Waits until membership has converged (every
 * node sees N members, asked over the control ports), injects E events at seeded random nodes, waits until every
 * live node knows every event or the timeout passes, stops the cluster, and leaves DIR with {@code logs/},
 * {@code config.properties} and {@code summary.json}.
 */
@Command(name = "local", mixinStandardHelpOptions = true, defaultValueProvider = LocalCommand.Defaults.class,
    description = "Run N real daemons on loopback, inject events, and summarise how they spread.")
public final class LocalCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--nodes", required = true, description = "total nodes N")
    int nodes;

    @Option(names = "--processes", defaultValue = "1", description = "child JVMs the nodes are spread over (default ${DEFAULT-VALUE})")
    int processes;

    @Mixin
    ProtocolOptions protocol = new ProtocolOptions();

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--events", defaultValue = "1", description = "events to inject (default ${DEFAULT-VALUE})")
    int events;

    @Option(names = "--loss", defaultValue = "0", description = "the daemons' own outbound loss probability (default ${DEFAULT-VALUE})")
    double loss;

    @Option(names = "--timeout-s", defaultValue = "60", description = "how long to wait for every node to learn every event (default ${DEFAULT-VALUE})")
    int timeoutS;

    @Option(names = "--converge-timeout-s", defaultValue = "120", description = "how long to wait for membership to converge (default ${DEFAULT-VALUE})")
    int convergeTimeoutS;

    @Mixin
    IdleOption idle = new IdleOption();

    @Option(names = "--out", required = true, description = "run folder to create")
    Path out;

    @Override
    public Integer call() throws Exception
    {
        validate();
        final long runSeed = seed.orDraw();
        final String runId = "local-" + runSeed + "-" + System.currentTimeMillis();
        final Path logs = out.resolve("logs");
        Files.createDirectories(logs);
        System.out.println("hearsay local: run " + runId + " seed=" + runSeed + " nodes=" + nodes + " processes=" +
            processes + " strategy=" + protocol.strategy + " timing=" + protocol.timing + " profile=" + protocol.profile +
            " out=" + out);

        final Map<String, String> config = new LinkedHashMap<>();
        config.put("run_id", runId);
        config.put("source", "local");
        config.put("nodes", Integer.toString(nodes));
        config.put("processes", Integer.toString(processes));
        config.put("strategy", protocol.strategy);
        config.put("timing", protocol.timing);
        config.put("fanout", Integer.toString(protocol.fanout));
        config.put("max_answers", Integer.toString(protocol.maxAnswers));
        config.put("profile", protocol.profile);
        config.put("gossip_period_ms", Long.toString(protocol.effectiveGossipPeriodMs()));
        config.put("seed", Long.toString(runSeed));
        config.put("events", Integer.toString(events));
        config.put("loss", Double.toString(loss));
        config.put("timeout_s", Integer.toString(timeoutS));
        config.put("idle", idle.value());

        // a cluster of its own: a name no other cluster on this host uses, and a control token only this run knows
        final String clusterName = ClusterNames.forRun(runId);
        final String controlToken = ControlTokens.generate();
        config.put("gossip_cluster", clusterName);

        final List<ChildDaemon> children = new ArrayList<>();
        boolean allKnew = false;
        long convergedMs = -1;
        long spreadMs = -1;
        try
        {
            final long startNs = System.nanoTime();
            String seedAddress = null;
            for (int p = 0; p < processes; p++)
            {
                final int hosted = nodes / processes + (p < nodes % processes ? 1 : 0);
                final long processSeed = HearsayDaemon.mix(runSeed, 1_000 + p);
                config.put("process." + p + ".nodes", Integer.toString(hosted));
                config.put("process." + p + ".seed", Long.toString(processSeed));
                final DaemonOptions daemon = new DaemonOptions();
                daemon.port = 0;
                daemon.nodes = hosted;
                daemon.controlPort = 0;
                daemon.seeds = seedAddress;
                daemon.protocol = protocol;
                daemon.logDir = logs;
                daemon.seed = SeedOption.of(processSeed);
                daemon.loss = loss;
                daemon.idle = idle;
                daemon.cluster = clusterName;
                final Path daemonConfig = out.resolve("process-" + p + ".json");
                daemon.write(daemonConfig);
                final ChildDaemon child = ChildDaemon.start(p, daemonConfig, controlToken, out.resolve("process-" + p + ".out"), 60_000);
                children.add(child);
                if (seedAddress == null)
                {
                    seedAddress = child.firstNodeAddress;
                }
            }
            writeConfig(config);

            convergedMs = awaitConvergence(children, startNs);
            final List<long[]> injected = inject(children, new SplittableRandom(runSeed));
            final long injectNs = System.nanoTime();
            allKnew = awaitSpread(children, injected);
            spreadMs = (System.nanoTime() - injectNs) / 1_000_000L;
            System.out.println("hearsay local: " + (allKnew ? "every node knows every event" :
                "timeout: not every node learned every event") + " after " + spreadMs + " ms");
        }
        catch (final IOException ex)
        {
            config.put("error", ex.getMessage());
            System.out.println("hearsay local: run failed: " + ex.getMessage() + "; stopping and summarising what was logged");
        }
        finally
        {
            for (final ChildDaemon child : children)
            {
                child.close();
            }
        }
        config.put("converged_ms", Long.toString(convergedMs));
        config.put("spread_observed_ms", Long.toString(spreadMs));
        config.put("all_informed", Boolean.toString(allKnew));
        writeConfig(config);
        writeSummary(config);
        return allKnew ? 0 : 3;
    }

    private void validate()
    {
        require(nodes >= 1, "--nodes", nodes, ">= 1");
        require(processes >= 1 && processes <= nodes, "--processes", processes, "1..nodes");
        require(nodes / processes < 10_000, "--nodes/--processes", nodes / processes, "< 10000 nodes per process");
        require(events >= 1, "--events", events, ">= 1");
        require(timeoutS >= 1, "--timeout-s", timeoutS, ">= 1");
        require(convergeTimeoutS >= 1, "--converge-timeout-s", convergeTimeoutS, ">= 1");
        try
        {
            protocol.nodeConfig("hearsay");
            CliValues.probability("--loss", loss);
            idle.validated();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
        if (Files.exists(out) && out.toFile().list() != null && out.toFile().list().length > 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--out " + out + " exists and is not empty; accepted: a new or empty folder");
        }
    }

    private void require(final boolean ok, final String option, final Object value, final String accepted)
    {
        if (!ok)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                option + " " + value + " is out of range; accepted: " + accepted);
        }
    }

    /** how often the wait for membership prints the views it sees */
    private static final long PROGRESS_PERIOD_NS = 10_000_000_000L;

    private long awaitConvergence(final List<ChildDaemon> children, final long startNs) throws IOException
    {
        final long deadlineNs = System.nanoTime() + convergeTimeoutS * 1_000_000_000L;
        int minSeen = 0;
        long nextProgressNs = System.nanoTime() + PROGRESS_PERIOD_NS;
        while (System.nanoTime() - deadlineNs < 0)
        {
            minSeen = Integer.MAX_VALUE;
            final StringBuilder views = new StringBuilder();
            for (final ChildDaemon child : children)
            {
                final ControlClient.ProcessStatus status = child.control.status(0, 0);
                minSeen = Math.min(minSeen, status.minLiveMembers());
                views.append(views.length() == 0 ? "" : ", ").append(status.minLiveMembers()).append('-')
                    .append(status.maxLiveMembers());
            }
            if (minSeen < nodes && System.nanoTime() - nextProgressNs >= 0)
            {
                nextProgressNs += PROGRESS_PERIOD_NS;
                System.out.println("hearsay local: membership " + (System.nanoTime() - startNs) / 1_000_000_000L +
                    " s after the first start: views of " + views + " members per process (of " + nodes + ")");
            }
            if (minSeen >= nodes)
            {
                final long ms = (System.nanoTime() - startNs) / 1_000_000L;
                System.out.println("hearsay local: membership converged (" + nodes + " members everywhere) " + ms +
                    " ms after the first start");
                return ms;
            }
            pause(POLL_PAUSE_MS);
        }
        System.out.println("hearsay local: membership did not converge in " + convergeTimeoutS +
            " s (smallest view " + minSeen + " of " + nodes + "); injecting anyway");
        return -1;
    }

    /** @return {origin, sequence} of each injected event */
    private List<long[]> inject(final List<ChildDaemon> children, final SplittableRandom random) throws IOException
    {
        final List<long[]> addresses = new ArrayList<>();
        for (final ChildDaemon child : children)
        {
            for (final ControlClient.NodeReport report : child.control.report(0, false, 0, 0))
            {
                addresses.add(new long[]{ child.index, report.nodeAddress() });
            }
        }
        final List<long[]> injected = new ArrayList<>();
        for (int e = 0; e < events; e++)
        {
            final long[] target = addresses.get(random.nextInt(addresses.size()));
            final ControlClient.Ack ack = children.get((int)target[0]).control.inject(target[1], 1, "event-" + e);
            if (!ack.ok())
            {
                throw new IOException("inject at " + Addresses.toString(target[1]) + " refused: " + ack.message());
            }
            injected.add(new long[]{ target[1], ack.value() });
            System.out.println("hearsay local: injected event " + Addresses.toString(target[1]) + "/" + ack.value());
        }
        return injected;
    }

    private boolean awaitSpread(final List<ChildDaemon> children, final List<long[]> injected) throws IOException
    {
        final long deadlineNs = System.nanoTime() + timeoutS * 1_000_000_000L;
        final boolean[] done = new boolean[injected.size()];
        int remaining = injected.size();
        while (remaining > 0 && System.nanoTime() - deadlineNs < 0)
        {
            for (int e = 0; e < injected.size(); e++)
            {
                if (done[e])
                {
                    continue;
                }
                int knowing = 0;
                int running = 0;
                boolean answered = true;
                for (final ChildDaemon child : children)
                {
                    try
                    {
                        final ControlClient.ProcessStatus status = child.control.status(injected.get(e)[0], injected.get(e)[1]);
                        knowing += status.knowingEvent();
                        running += status.running();
                    }
                    catch (final IOException ex)
                    {
                        answered = false;
                        System.out.println("hearsay local: " + ex.getMessage() + " (still polling until the timeout)");
                    }
                }
                if (answered && knowing >= running)
                {
                    done[e] = true;
                    remaining--;
                }
            }
            if (remaining > 0)
            {
                pause(POLL_PAUSE_MS * remaining);
            }
        }
        return remaining == 0;
    }

    /**
     * Between polls of the control ports (a poll with a deadline, not a wait for a fixed time): one status command per
     * child and pending event per this many ms keeps a long wait under the daemons' freshness limit of
     * {@link io.hearsay.daemon.control.ControlFreshness#DEFAULT_CAPACITY} commands in 30 s (polling every 5 ms,
     * a wait of more than about 20 s was refused: "too many commands within 30 s", and the run failed).
     */
    private static final long POLL_PAUSE_MS = 25;

    private static void pause(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void writeConfig(final Map<String, String> config) throws IOException
    {
        final StringBuilder sb = new StringBuilder("# hearsay local run: every setting and the seed\n");
        config.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        Files.writeString(out.resolve("config.properties"), sb.toString(), StandardCharsets.UTF_8);
    }

    /** summary.json from the event logs, through the analysis engineer's collector (one pipeline for every run kind). */
    private void writeSummary(final Map<String, String> config) throws IOException
    {
        final RunFolder folder = new RunFolder(out);
        final CollectedRun collected = new LogCollector(w -> System.err.println("hearsay local: " + w)).collect(folder);
        final RunSummary summary = collected.toSummary();
        summary.source = "local";
        summary.extra.put("converged_ms", Long.parseLong(config.get("converged_ms")));
        summary.extra.put("all_informed", Boolean.parseBoolean(config.get("all_informed")));
        summary.write(folder.summaryFile());
        System.out.println("hearsay local: wrote " + folder.summaryFile());
        for (final RunSummary.EventSummary e : summary.events)
        {
            System.out.println("hearsay local: event " + Addresses.toString(e.origin) + "/" + e.sequence + " informed " +
                e.informed + "/" + e.alive + " t50=" + e.t50Ms + " ms t99=" + e.t99Ms + " ms t100=" + e.t100Ms +
                " ms rounds100=" + e.rounds100 + " messages/node=" + e.messagesPerNode);
        }
        if (!summary.corruptFiles.isEmpty() || !summary.missingNodes.isEmpty())
        {
            System.out.println("hearsay local: corrupt " + summary.corruptFiles + " missing " + summary.missingNodes);
        }
        System.out.flush();
    }

    /**
     * Where {@code local}'s defaults differ from the other commands', and why (said in the options' help too): its
     * daemons share one loopback, where the {@code local} profile's short probe timeouts and 5 s anti-entropy converge
     * fast.
     */
    public static final class Defaults implements CommandLine.IDefaultValueProvider
    {
        @Override
        public String defaultValue(final CommandLine.Model.ArgSpec argSpec)
        {
            return argSpec.isOption() && "--profile".equals(((CommandLine.Model.OptionSpec)argSpec).longestName()) ?
                "local" : null;
        }
    }
}
