package io.hearsay.sim.run;

import io.hearsay.core.NodeConfig;
import io.hearsay.core.dissemination.DisseminationRule;
import io.hearsay.core.dissemination.DisseminationRules;
import io.hearsay.sim.direct.DirectAddressingSimulation;
import io.hearsay.sim.direct.TreeSimulation;
import io.hearsay.sim.dissemination.DisseminationSimulation;
import io.hearsay.sim.engine.SimRandom;
import io.hearsay.sim.full.FullSimulation;
import io.hearsay.core.impair.DelayDistribution;
import io.hearsay.sim.scenario.Scenario;
import io.hearsay.sim.rounds.RoundsSimulation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a series: checks the memory estimate, builds the fidelity's simulation once, runs it {@code runs} times
 * (run k's seed derived from the series seed; run 0 uses the seed itself), writes the run folder.
 */
public final class SimRunner
{
    /** told about each run as it starts and ends (the CLI draws a progress bar) */
    public interface Progress
    {
        void onRunStart(int run, int runs);

        void onRunEnd(int run, int runs, RunResult result, long wallNs);

        /** a round (or gossip period) of the current run ended */
        default void onRound(final int run, final int round, final long informed)
        {
        }

        Progress NONE = new Progress()
        {
            public void onRunStart(final int run, final int runs)
            {
            }

            public void onRunEnd(final int run, final int runs, final RunResult result, final long wallNs)
            {
            }
        };
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private SimRunner()
    {
    }

    public static List<RunResult> run(final SimConfig config, final Progress progress) throws IOException
    {
        config.conclude();
        final String scenarioText = config.scenarioFile() == null ? null :
            Files.readString(config.scenarioFile(), StandardCharsets.UTF_8);
        final MemoryEstimate estimate = MemoryEstimate.of(config);
        final long maxHeapBytes = Runtime.getRuntime().maxMemory();
        estimate.requireFits(maxHeapBytes);
        final Simulation simulation = create(config, scenarioText);
        final int threads = threads(config, simulation, estimate, maxHeapBytes);
        final String runId = "sim-" + config.fidelity().cliName() + "-" + config.strategy() + "-n" + config.nodes() +
            "-s" + config.seed();
        final List<RunResult> results = new ArrayList<>(config.runs());
        final StringBuilder timing = new StringBuilder("# host measurements: not reproducible, unlike every other file\n");
        timing.append("threads=").append(threads).append('\n');
        long peakUsedBytes = 0;
        final long startNs = System.nanoTime();
        try (RunFolder folder = new RunFolder(config.outDir(), config, scenarioText))
        {
            if (threads == 1)
            {
                for (int run = 0; run < config.runs(); run++)
                {
                    progress.onRunStart(run, config.runs());
                    final TimedRun timed = TimedRun.of(
                        simulation, config, run, withProgress(folder.sinkFor(run + 1), progress, run));
                    peakUsedBytes = Math.max(peakUsedBytes, usedHeapBytes());
                    finish(timed, run, config.runs(), results, timing, progress);
                }
            }
            else
            {
                peakUsedBytes = runInParallel(config, scenarioText, simulation, threads, folder, results, timing, progress);
            }
            folder.writeSummary(config, runId, results);
            timing.append("total.wall_ms=").append(String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNs) / 1e6))
                .append('\n')
                .append("heap.estimate_bytes=").append(estimate.bytes()).append('\n')
                .append("heap.peak_used_sampled_bytes=").append(peakUsedBytes).append('\n')
                .append("heap.max_bytes=").append(maxHeapBytes).append('\n');
            folder.writeTiming(timing.toString());
        }
        return results;
    }

    /**
     * How many runs go at once: one unless the runs are independent rounds-fidelity runs of a uniform strategy
     * (each run depends on its seed alone), then up to {@code --threads} (0: every processor), as many simulations
     * as the heap holds, and no more than there are runs.
     */
    static int threads(final SimConfig config, final Simulation simulation, final MemoryEstimate estimate, final long maxHeapBytes)
    {
        if (!(simulation instanceof RoundsSimulation) || config.runs() < 2)
        {
            return 1;
        }
        final int wanted = config.threads() == 0 ? Runtime.getRuntime().availableProcessors() : config.threads();
        final long perSimulation = Math.max(1, estimate.bytes() - MemoryEstimate.BASE_BYTES);
        final long fitting = Math.max(1, (maxHeapBytes - MemoryEstimate.BASE_BYTES) / perSimulation);
        return (int)Math.max(1, Math.min(Math.min(wanted, fitting), config.runs()));
    }

    /**
     * Runs {@code threads} runs at a time, each on its own simulation; a run's records are kept until the runs
     * before it are written, so that the run folder is byte for byte the one a sequential series writes.
     */
    private static long runInParallel(
        final SimConfig config, final String scenarioText, final Simulation first, final int threads, final RunFolder folder,
        final List<RunResult> results, final StringBuilder timing, final Progress progress)
    {
        final Simulation[] simulations = new Simulation[threads];
        simulations[0] = first;
        for (int t = 1; t < threads; t++)
        {
            simulations[t] = create(config, scenarioText);
        }
        final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r ->
        {
            final Thread thread = new Thread(r, "hearsay-sim-run");
            thread.setDaemon(true);
            return thread;
        });
        long peakUsedBytes = 0;
        try
        {
            for (int batch = 0; batch < config.runs(); batch += threads)
            {
                final List<java.util.concurrent.Future<TimedRun>> running = new ArrayList<>(threads);
                final List<RecordedSink> sinks = new ArrayList<>(threads);
                for (int run = batch; run < Math.min(config.runs(), batch + threads); run++)
                {
                    final int thisRun = run;
                    final Simulation simulation = simulations[run - batch];
                    final RecordedSink sink = new RecordedSink();
                    sinks.add(sink);
                    running.add(pool.submit(() -> TimedRun.of(simulation, config, thisRun, sink)));
                }
                for (int k = 0; k < running.size(); k++)
                {
                    final int run = batch + k;
                    final TimedRun timed = await(running.get(k));
                    peakUsedBytes = Math.max(peakUsedBytes, usedHeapBytes());
                    progress.onRunStart(run, config.runs());
                    sinks.get(k).replayInto(withProgress(folder.sinkFor(run + 1), progress, run));
                    finish(timed, run, config.runs(), results, timing, progress);
                }
            }
        }
        finally
        {
            pool.shutdownNow();
        }
        return peakUsedBytes;
    }

    private static TimedRun await(final java.util.concurrent.Future<TimedRun> run)
    {
        try
        {
            return run.get();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a simulated run", ex);
        }
        catch (final java.util.concurrent.ExecutionException ex)
        {
            if (ex.getCause() instanceof RuntimeException)
            {
                throw (RuntimeException)ex.getCause();
            }
            throw new IllegalStateException(ex.getCause());
        }
    }

    private static void finish(
        final TimedRun timed, final int run, final int runs, final List<RunResult> results, final StringBuilder timing,
        final Progress progress)
    {
        results.add(timed.result);
        timing.append("run.").append(run + 1).append(".wall_ms=")
            .append(String.format(Locale.ROOT, "%.1f", timed.wallNs / 1e6)).append('\n')
            .append("run.").append(run + 1).append(".cpu_ms=")
            .append(String.format(Locale.ROOT, "%.1f", timed.cpuNs / 1e6)).append('\n');
        progress.onRunEnd(run, runs, timed.result, timed.wallNs);
    }

    private static long usedHeapBytes()
    {
        final Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** one run with the host's wall and CPU time of the thread that ran it */
    private record TimedRun(RunResult result, long wallNs, long cpuNs)
    {
        static TimedRun of(final Simulation simulation, final SimConfig config, final int run, final RoundSink sink)
        {
            final long runSeed = SimRandom.runSeed(config.seed(), run);
            final long t0 = System.nanoTime();
            final long cpu0 = THREADS.getCurrentThreadCpuTime();
            final RunResult result = simulation.run(runSeed, run + 1, config.sampleStride(), sink);
            return new TimedRun(result, System.nanoTime() - t0, THREADS.getCurrentThreadCpuTime() - cpu0);
        }
    }

    private static RoundSink withProgress(final RoundSink sink, final Progress progress, final int run)
    {
        return new RoundSink()
        {
            public void onRound(
                final int round, final long timeNs, final long informed, final long active, final long messages,
                final long maxReceived, final long maxSent)
            {
                sink.onRound(round, timeNs, informed, active, messages, maxReceived, maxSent);
                progress.onRound(run, round, informed);
            }

            public void onLearned(
                final long timeNs, final long node, final int round, final int hops, final long from,
                final io.hearsay.core.Channel channel)
            {
                sink.onLearned(timeNs, node, round, hops, from, channel);
            }

            public void onMemberChange(
                final long timeNs, final long node, final long member, final io.hearsay.core.MemberStatus status,
                final long incarnation)
            {
                sink.onMemberChange(timeNs, node, member, status, incarnation);
            }

            public void onPhase(final PhaseRecord phase)
            {
                sink.onPhase(phase);
            }
        };
    }

    /** the simulation of the configured fidelity and strategy */
    public static Simulation create(final SimConfig config, final String scenarioText)
    {
        switch (config.fidelity())
        {
            case ROUNDS:
                if (scenarioText != null)
                {
                    throw new IllegalArgumentException(
                        "--scenario is not supported by the rounds fidelity (it has no time or network); " +
                        "use --fidelity dissemination or full");
                }
                if (SimConfig.DIRECT_ADDRESSING.equals(config.strategy()))
                {
                    return new DirectAddressingSimulation(
                        config.nodes(), config.gossipPeriodMs() * 1_000_000L, config.maxRounds(), config.maxAnswers(),
                        config.loss(), config.killLeader());
                }
                if (!config.isCoreStrategy())
                {
                    return new TreeSimulation(config.nodes(), SimConfig.STAR.equals(config.strategy()) ?
                        config.nodes() - 1 : config.fanout(), config.gossipPeriodMs() * 1_000_000L, config.maxRounds(),
                        config.maxAnswers());
                }
                return new RoundsSimulation(
                    config.nodes(), rule(config), config.fanout(), config.loss(),
                    config.gossipPeriodMs() * 1_000_000L, config.maxRounds(), config.untilQuiescent());
            case DISSEMINATION:
            {
                final Scenario scenario = scenarioText == null ? Scenario.empty() : Scenario.parse(scenarioText, config.nodes());
                return new DisseminationSimulation(
                    config.nodes(), rule(config), config.fanout(), config.loss(), config.gossipPeriodMs() * 1_000_000L,
                    config.maxRounds(), DelayDistribution.parseWithJitter(config.latency()), scenario, config.untilQuiescent());
            }
            case FULL:
            {
                final Scenario scenario = scenarioText == null ? Scenario.empty() : Scenario.parse(scenarioText, config.nodes());
                return new FullSimulation(
                    config.nodes(),
                    FullSimulation.nodeConfig(
                        NodeConfig.parseProfile(config.profile()), config.strategyKind(), config.timing(), config.fanout(),
                        config.gossipPeriodMs()).maxAnswers(config.maxAnswers()).conclude(),
                    rule(config), config.loss(), DelayDistribution.parseWithJitter(config.latency()), scenario, config.maxRounds())
                    .preseeded(SimConfig.PRESEEDED.equals(config.formationResolved()));
            }
            default:
                throw new IllegalArgumentException("fidelity " + config.fidelity() + " is not available yet");
        }
    }

    public static DisseminationRule rule(final SimConfig config)
    {
        return config.ruleFactor() == 0 ?
            DisseminationRules.create(config.strategyKind()) :
            DisseminationRules.create(config.strategyKind(), config.ruleFactor());
    }
}
