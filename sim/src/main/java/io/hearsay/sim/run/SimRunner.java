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
        estimate.requireFits(Runtime.getRuntime().maxMemory());
        final Simulation simulation = create(config, scenarioText);
        final String runId = "sim-" + config.fidelity().cliName() + "-" + config.strategy() + "-n" + config.nodes() +
            "-s" + config.seed();
        final List<RunResult> results = new ArrayList<>(config.runs());
        final StringBuilder timing = new StringBuilder("# host measurements: not reproducible, unlike every other file\n");
        long peakUsedBytes = 0;
        final long startNs = System.nanoTime();
        try (RunFolder folder = new RunFolder(config.outDir(), config, scenarioText))
        {
            for (int run = 0; run < config.runs(); run++)
            {
                progress.onRunStart(run, config.runs());
                final long runSeed = SimRandom.runSeed(config.seed(), run);
                final long t0 = System.nanoTime();
                final long cpu0 = THREADS.getCurrentThreadCpuTime();
                final RunResult result = simulation.run(
                    runSeed, run + 1, config.sampleStride(), withProgress(folder.sinkFor(run + 1), progress, run));
                final long wallNs = System.nanoTime() - t0;
                final long cpuNs = THREADS.getCurrentThreadCpuTime() - cpu0;
                results.add(result);
                final Runtime rt = Runtime.getRuntime();
                peakUsedBytes = Math.max(peakUsedBytes, rt.totalMemory() - rt.freeMemory());
                timing.append("run.").append(run + 1).append(".wall_ms=")
                    .append(String.format(Locale.ROOT, "%.1f", wallNs / 1e6)).append('\n')
                    .append("run.").append(run + 1).append(".cpu_ms=")
                    .append(String.format(Locale.ROOT, "%.1f", cpuNs / 1e6)).append('\n');
                progress.onRunEnd(run, config.runs(), result, wallNs);
            }
            folder.writeSummary(config, runId, results);
            timing.append("total.wall_ms=").append(String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNs) / 1e6))
                .append('\n')
                .append("heap.estimate_bytes=").append(estimate.bytes()).append('\n')
                .append("heap.peak_used_sampled_bytes=").append(peakUsedBytes).append('\n')
                .append("heap.max_bytes=").append(Runtime.getRuntime().maxMemory()).append('\n');
            folder.writeTiming(timing.toString());
        }
        return results;
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
