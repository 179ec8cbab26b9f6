package io.hearsay.bench.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One trial of one system, driven from the coordinator over the JVMs of its {@link ShardPlan} (each a
 * {@link TrialShard}, one line in and one out): start member 0's JVM, then the others joining through it; wait until
 * every member holds all N alive (a system that does not within {@code --converge-s} is reported
 * {@code not-converged} and not timed); a steady window of {@code --idle-s} (CPU, messages and bytes per member at
 * idle; removals seen = false removals); memory (RSS, heap after GC, direct, threads, summed over the JVMs);
 * {@code --events} user events from random members, each timed from the moment its source is handed it until every
 * other member has it (or {@value #EVENT_TIMEOUT_S} s: then reported with how many had it, not timed); then member
 * N − 1 crashed (its sockets closed, no leave) and timed from the moment it is told to until every other has removed it. A watchdog ends every JVM of the trial when its budget
 * is spent.
 */
final class TrialRun
{
    static final String TRIAL_HEADER = "trial,system,nodes,trial,status,jvms,converge_ms,idle_cpu_pct_per_node," +
        "dissemination_cpu_pct_per_node,idle_msgs_per_node_s,idle_bytes_per_node_s,event_msgs_per_node,event_bytes_per_node," +
        "rss_mib,rss_kib_per_node,rss_added_kib_per_node,heap_kib_per_node,direct_kib_per_node,threads,false_removals," +
        "crash_removed_ms,events_to_all";
    static final String EVENT_HEADER = "event,system,nodes,trial,index,source,informed,t50_ms,t_all_ms";
    static final int EVENT_TIMEOUT_S = 30;
    /** how often events are polled (their time-to-all is timed to this), and views and removals (seconds long; each
     *  poll walks every member's table in every JVM, which would load the members it measures) */
    private static final long EVENT_POLL_MS = 5;
    private static final long MEMBERSHIP_POLL_MS = 50;

    /** what a trial gives the coordinator: its trial row, its event rows, the system's configuration as applied */
    record Result(String trialRow, List<String> eventRows, String configuration)
    {
    }

    private final TrialSettings s;
    private final String label;
    private final ShardPlan plan;
    private final List<String> javaCommand;
    private final Path logPrefix;
    private final List<Shard> shards = new ArrayList<>();
    private String configuration = "";

    TrialRun(final TrialSettings settings, final ShardPlan plan, final List<String> javaCommand, final Path logPrefix)
    {
        this.s = settings;
        this.label = settings.label();
        this.plan = plan;
        this.javaCommand = javaCommand;
        this.logPrefix = logPrefix;
    }

    /** the trial's budget in seconds, after which the watchdog ends its JVMs */
    long budgetS()
    {
        return 2L * s.convergeS + s.idleS + s.events * (EVENT_TIMEOUT_S + 5L) + s.crashS + 120;
    }

    Result run() throws Exception
    {
        final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "trial-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.schedule(() -> shards.forEach(sh -> sh.process.destroyForcibly()), budgetS(), TimeUnit.SECONDS);
        final List<String> events = new ArrayList<>();
        try
        {
            return new Result(measure(events), events, configuration);
        }
        catch (final IOException ex)
        {
            return new Result(row("trial", label, s.nodes, s.trial, "failed(" + ex.getMessage() + "; see " + logPrefix + "-*.err)",
                plan.jvms()), events, configuration);
        }
        finally
        {
            for (final Shard shard : shards)
            {
                shard.quit();
            }
            watchdog.shutdownNow();
        }
    }

    private String measure(final List<String> eventRows) throws Exception
    {
        final int n = s.nodes;
        final long startNs = System.nanoTime();
        final Shard first = launch(0, plan.perJvm(), "");
        for (int lo = plan.perJvm(); lo < n; lo += plan.perJvm())
        {
            launch(lo, Math.min(plan.perJvm(), n - lo), first.seedAddress);
        }
        long baselineRss = 0;
        for (final Shard shard : shards)
        {
            shard.awaitReady();
            baselineRss += shard.baselineRss;
        }
        if (!await(() -> smallestView() >= n, s.convergeS * 1000L, MEMBERSHIP_POLL_MS))
        {
            return row("trial", label, n, s.trial, "not-converged(smallest view " + smallestView() + " of " + n + " in " +
                s.convergeS + " s)", plan.jvms(), ms(System.nanoTime() - startNs));
        }
        final String convergeMs = ms(System.nanoTime() - startNs);

        final long[] idleStart = usage(false);
        final long idleWallStart = System.nanoTime();
        Thread.sleep(s.idleS * 1000L);
        final long[] idleEnd = usage(false);
        final long idleWallNs = System.nanoTime() - idleWallStart;
        final double idleCpuPct = 100.0 * (idleEnd[0] - idleStart[0]) / idleWallNs / n;
        final double idleMsgsPerS = (idleEnd[5] - idleStart[5]) * 1e9 / idleWallNs / n;
        final double idleBytesPerS = (idleEnd[6] - idleStart[6]) * 1e9 / idleWallNs / n;
        final long falseRemovals = idleEnd[7] - idleStart[7];

        final long[] memory = usage(true);

        final SplittableRandom random = new SplittableRandom(s.seed);
        int toAll = 0;
        final long[] dissemStart = usage(false);
        final long dissemWallStart = System.nanoTime();
        for (int e = 0; e < s.events; e++)
        {
            final int source = random.nextInt(n - 1);   // never the member crashed later
            final String payload = label + "-" + s.trial + "-" + e;
            final long t0 = Long.parseLong(owner(source).ask("broadcast " + source + " " + payload, "sent"));
            final boolean all = await(() -> everyOtherHas(payload, source), EVENT_TIMEOUT_S * 1000L, EVENT_POLL_MS);
            final long[] latencies = new long[n - 1];
            Arrays.fill(latencies, Long.MAX_VALUE);
            int informed = 0;
            for (final Shard shard : shards)
            {
                for (final String entry : shard.ask("times " + payload, "times").split(";"))
                {
                    if (!entry.isEmpty())
                    {
                        final int member = Integer.parseInt(entry.substring(0, entry.indexOf(':')));
                        if (member != source)
                        {
                            latencies[informed++] = Long.parseLong(entry.substring(entry.indexOf(':') + 1)) - t0;
                        }
                    }
                }
            }
            Arrays.sort(latencies);
            final boolean everyOther = all || informed >= n - 1;
            toAll += everyOther ? 1 : 0;
            eventRows.add(row("event", label, n, s.trial, e, source, informed,
                informed > (n - 1) / 2 ? ms(latencies[(n - 1) / 2]) : "", everyOther ? ms(latencies[n - 2]) : ""));
            Thread.sleep(Math.max(1_000, 3L * s.intervalMs));
        }
        final long[] dissemEnd = usage(false);
        final long dissemWallNs = System.nanoTime() - dissemWallStart;
        final double dissemCpuPct = 100.0 * (dissemEnd[0] - dissemStart[0]) / dissemWallNs / n;
        final double idleShare = (double)dissemWallNs / idleWallNs;   // the membership's own traffic in that window
        final double eventMsgs = Math.max(0, dissemEnd[5] - dissemStart[5] - idleShare * (idleEnd[5] - idleStart[5])) / s.events / n;
        final double eventBytes = Math.max(0, dissemEnd[6] - dissemStart[6] - idleShare * (idleEnd[6] - idleStart[6])) / s.events / n;

        String crashMs = "";
        if (s.crashS > 0)
        {
            final int victim = n - 1;
            final long t0 = Long.parseLong(owner(victim).ask("crash " + victim, "crashed"));
            crashMs = await(() -> removedByAll(victim), s.crashS * 1000L, MEMBERSHIP_POLL_MS) ?
                ms(System.nanoTime() - t0) : "not-removed-in-" + s.crashS + "s";
        }
        return row("trial", label, n, s.trial, "ok", plan.jvms(), convergeMs, idleCpuPct, dissemCpuPct, idleMsgsPerS,
            idleBytesPerS, eventMsgs, eventBytes, memory[1] / 1048576.0, memory[1] / 1024.0 / n,
            (memory[1] - baselineRss) / 1024.0 / n, memory[2] / 1024.0 / n, memory[3] / 1024.0 / n, memory[4],
            falseRemovals, crashMs, toAll);
    }

    private Shard launch(final int firstMember, final int count, final String seedAddress) throws IOException
    {
        final TrialSettings shard = TrialSettings.parse(s.toArgs().toArray(String[]::new));
        shard.first = firstMember;
        shard.count = count;
        shard.seedAddress = seedAddress;
        final List<String> command = new ArrayList<>(javaCommand);
        command.add(TrialShard.class.getName());
        command.addAll(shard.toArgs());
        final Path log = Path.of(logPrefix + "-" + firstMember + ".err");
        final Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        final Shard started = new Shard(process, log);
        shards.add(started);
        if (firstMember == 0)
        {
            started.awaitReady();
        }
        return started;
    }

    private Shard owner(final int member)
    {
        return shards.get(member / plan.perJvm());
    }

    private int smallestView() throws IOException
    {
        int smallest = Integer.MAX_VALUE;
        for (final Shard shard : shards)
        {
            smallest = Math.min(smallest, Integer.parseInt(shard.ask("view", "view")));
        }
        return smallest;
    }

    /** whether every member but the source has the event (the source may or may not deliver it to itself) */
    private boolean everyOtherHas(final String payload, final int source) throws IOException
    {
        int delivered = 0;
        for (final Shard shard : shards)
        {
            delivered += Integer.parseInt(shard.ask("count " + payload, "count"));
        }
        if (delivered < s.nodes - 1)
        {
            return false;
        }
        int others = 0;
        for (final Shard shard : shards)
        {
            for (final String entry : shard.ask("times " + payload, "times").split(";"))
            {
                others += !entry.isEmpty() && Integer.parseInt(entry.substring(0, entry.indexOf(':'))) != source ? 1 : 0;
            }
        }
        return others >= s.nodes - 1;
    }

    private boolean removedByAll(final int victim) throws IOException
    {
        for (final Shard shard : shards)
        {
            if (!Boolean.parseBoolean(shard.ask("removed " + victim, "removed")))
            {
                return false;
            }
        }
        return true;
    }

    /** summed over the JVMs: CPU ns, RSS, heap, direct, threads, messages sent, bytes sent, removals seen */
    private long[] usage(final boolean gc) throws IOException
    {
        final long[] sum = new long[8];
        for (final Shard shard : shards)
        {
            final String[] v = shard.ask(gc ? "usage gc" : "usage", "usage").split(",");
            for (int i = 0; i < sum.length; i++)
            {
                sum[i] += Long.parseLong(v[i]);
            }
        }
        return sum;
    }

    @FunctionalInterface
    private interface Condition
    {
        boolean holds() throws IOException;
    }

    /** polls the condition every {@code pollMs} until it holds (true) or the deadline passes (false) */
    private static boolean await(final Condition condition, final long timeoutMs, final long pollMs)
        throws IOException, InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.holds())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            Thread.sleep(pollMs);
        }
        return true;
    }

    static String row(final Object... values)
    {
        final StringBuilder line = new StringBuilder();
        for (final Object v : values)
        {
            if (line.length() > 0)
            {
                line.append(',');
            }
            line.append(v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(v).replace(',', ';'));
        }
        return line.toString();
    }

    private static String ms(final long ns)
    {
        return ns == Long.MAX_VALUE ? "" : String.format(Locale.ROOT, "%.3f", ns / 1e6);
    }

    /** one JVM of the trial: its commands in, its answers out */
    private final class Shard
    {
        final Process process;
        final Path log;
        final BufferedReader answers;
        final PrintWriter commands;
        String seedAddress = "";
        long baselineRss;
        boolean ready;

        Shard(final Process process, final Path log)
        {
            this.process = process;
            this.log = log;
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        void awaitReady() throws IOException
        {
            while (!ready)
            {
                final String line = answers.readLine();
                if (line == null)
                {
                    throw new IOException("a JVM of the trial ended before it was ready (" + log + ")");
                }
                if (line.startsWith("config,"))
                {
                    configuration = line.substring("config,".length());
                }
                else if (line.startsWith("ready,"))
                {
                    final String[] f = line.split(",", -1);
                    seedAddress = f[1];
                    baselineRss = Long.parseLong(f[2]);
                    ready = true;
                }
            }
        }

        /** sends one command and returns its answer after {@code kind,} */
        String ask(final String command, final String kind) throws IOException
        {
            commands.println(command);
            final String line = answers.readLine();
            if (line == null)
            {
                throw new IOException("a JVM of the trial ended (" + log + ")");
            }
            if (!line.startsWith(kind + ","))
            {
                throw new IOException("'" + command + "' answered '" + line + "' (" + log + ")");
            }
            return line.substring(kind.length() + 1);
        }

        void quit()
        {
            commands.println("quit");
            try
            {
                if (!process.waitFor(60, TimeUnit.SECONDS))
                {
                    process.destroyForcibly();
                }
            }
            catch (final InterruptedException ex)
            {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
