package io.hearsay.master.sim;

import io.hearsay.sim.run.Fidelity;
import io.hearsay.sim.run.RunResult;
import io.hearsay.sim.run.SimConfig;
import io.hearsay.sim.run.SimRunner;
import io.hearsay.sim.scenario.Scenario;
import io.hearsay.master.options.ProtocolOptions;
import io.hearsay.master.options.SeedOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ./hearsay sim}: runs the deterministic simulator and writes a run folder. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = {
        "Simulate a gossip cluster deterministically (same seed, same output) and write a run folder:",
        "config.properties, summary.json, rounds.csv, logs/sim (EventLearned records), timing.properties." })
public final class SimCommand implements Callable<Integer>
{
    @Option(names = "--nodes", required = true, description = "cluster size N (>= 2)")
    int nodes;

    /** strategy, timing (full fidelity), fan-out, profile (its timers in full fidelity; its gossip period in all) */
    @Mixin
    ProtocolOptions protocol = new ProtocolOptions();

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--fidelity", defaultValue = "rounds", description = "rounds, full, dissemination (default ${DEFAULT-VALUE})")
    String fidelity;

    @Option(names = "--runs", defaultValue = "1", description = "independent runs (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--loss", defaultValue = "0", description = "Bernoulli loss probability per datagram")
    double loss;

    @Option(names = "--latency", defaultValue = "constant:1ms",
        description = "constant:D | uniform:MIN,MAX | normal:MEAN,SD | exponential:MEAN | lognormal:MEDIAN,SIGMA | pareto:SCALE,SHAPE [;jitter=D]")
    String latency;

    @Option(names = "--scenario", description = "fault timeline file (see --scenario-help)")
    Path scenario;

    @Option(names = "--scenario-help", help = true, description = "print the scenario file format and exit")
    boolean scenarioHelp;

    @Option(names = "--kill-leader",
        description = "direct-addressing, rounds fidelity: kill the root of the largest tree in the second round of " +
            "the second event (the kept structure's); its members fall back to push-pull and re-cluster")
    boolean killLeader;

    @Option(names = "--rule-factor", defaultValue = "0",
        description = "active-rounds factor c (push/pull/push-pull spread c*log2 N rounds) or median-counter's ctr_max factor; 0 = default")
    int ruleFactor;

    @Option(names = "--max-rounds", defaultValue = "0", description = "stop after this many rounds (0 = automatic)")
    int maxRounds;

    @Option(names = "--sample-nodes", defaultValue = "1000",
        description = "per-node records kept for about this many nodes when N >= --record-all-below")
    int sampleNodes;

    @Option(names = "--record-all-below", defaultValue = "10000", description = "below this N every node's record is kept")
    int recordAllBelow;

    @Option(names = "--until", defaultValue = "all-informed",
        description = "all-informed (stop when every alive node knows) or quiescent (go on until nobody spreads, for the full message cost)")
    String until;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "T",
        description = "rounds fidelity, uniform strategies: runs played at once (0 = one per processor, 1 = one after " +
            "the other; the run folder is the same for any value)")
    int threads;

    @Option(names = "--formation", defaultValue = "auto",
        description = "full fidelity: join (every node joins node 0, O(N^2) membership traffic), preseeded (every node " +
            "starts knowing every member as ALIVE) or auto (join up to 1,000 nodes, preseeded above)")
    String formation;

    @Option(names = "--out", required = true, description = "run folder to write")
    Path out;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() throws Exception
    {
        final PrintStream err = System.err;
        if (scenarioHelp)
        {
            System.out.print(Scenario.usage());
            return 0;
        }
        final long seriesSeed = seed.orDraw();
        final SimConfig config = new SimConfig()
            .nodes(nodes).strategy(protocol.strategy).fidelity(Fidelity.fromCliName(fidelity)).runs(runs).seed(seriesSeed)
            .loss(loss).latency(latency).scenarioFile(scenario).fanout(protocol.fanout).maxAnswers(protocol.maxAnswers).killLeader(killLeader)
            .timing(protocol.timing).ruleFactor(ruleFactor).maxRounds(maxRounds).sampleNodes(sampleNodes)
            .recordAllBelow(recordAllBelow).formation(formation).profile(protocol.profile).outDir(out);
        try
        {
            config.gossipPeriodMs(protocol.effectiveGossipPeriodMs());
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("hearsay sim: " + ex.getMessage());
            return 2;
        }
        if (!"all-informed".equals(until) && !"quiescent".equals(until))
        {
            err.println("hearsay sim: bad --until '" + until + "'; accepted: all-informed, quiescent");
            return 2;
        }
        config.untilQuiescent("quiescent".equals(until)).threads(threads);
        try
        {
            config.conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("hearsay sim: " + ex.getMessage());
            return 2;
        }
        System.out.println("hearsay sim: seed=" + seriesSeed + " (replay with --seed " + seriesSeed + ")");
        System.out.print(config.toString().replaceAll("(?m)^", "  "));
        final ProgressBar bar = new ProgressBar(err, quiet, nodes);
        final List<RunResult> results;
        try
        {
            results = SimRunner.run(config, bar);
        }
        catch (final IllegalArgumentException | IllegalStateException ex)
        {
            bar.finish();
            err.println("hearsay sim: " + ex.getMessage());
            return 2;
        }
        bar.finish();
        double sum = 0;
        int reached = 0;
        for (final RunResult r : results)
        {
            if (r.rounds100() >= 0)
            {
                sum += r.rounds100();
                reached++;
            }
        }
        System.out.printf(Locale.ROOT, "runs=%d all-informed=%d mean rounds100=%.3f; written to %s%n",
            results.size(), reached, reached == 0 ? Double.NaN : sum / reached, out.toAbsolutePath());
        return 0;
    }

    /** a one-line progress bar on stderr: runs done, and the current run's informed fraction */
    static final class ProgressBar implements SimRunner.Progress
    {
        private static final int WIDTH = 30;
        private final PrintStream err;
        private final boolean quiet;
        private final long nodes;
        private long lastDrawNs;

        ProgressBar(final PrintStream err, final boolean quiet, final long nodes)
        {
            this.err = err;
            this.quiet = quiet;
            this.nodes = nodes;
        }

        public void onRunStart(final int run, final int runs)
        {
            draw(run, runs, 0, 0, true);
        }

        public void onRunEnd(final int run, final int runs, final RunResult result, final long wallNs)
        {
            draw(run + 1, runs, result.rounds(), result.informed(), true);
        }

        public void onRound(final int run, final int round, final long informed)
        {
            draw(run, -1, round, informed, false);
        }

        private int runs = 1;

        private void draw(final int done, final int totalRuns, final int round, final long informed, final boolean force)
        {
            if (quiet)
            {
                return;
            }
            if (totalRuns > 0)
            {
                runs = totalRuns;
            }
            final long now = System.nanoTime();
            if (!force && now - lastDrawNs < 200_000_000L)
            {
                return;
            }
            lastDrawNs = now;
            final int filled = (int)((long)WIDTH * done / runs);
            err.printf(Locale.ROOT, "\r[%s%s] run %d/%d  round %d  informed %.1f%%   ",
                "#".repeat(filled), " ".repeat(WIDTH - filled), Math.min(done + 1, runs), runs, round, 100.0 * informed / nodes);
        }

        void finish()
        {
            if (!quiet)
            {
                err.println();
            }
        }
    }
}
