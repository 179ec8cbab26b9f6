package io.hearsay.master.sim;

import io.hearsay.core.NodeConfig;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.records.log.EventLogReader;
import io.hearsay.records.log.LogRecord;
import io.hearsay.daemon.shell.HearsayDaemon;
import io.hearsay.daemon.shell.HostedNode;
import io.hearsay.daemon.shell.ShellConfig;
import io.hearsay.sim.run.Fidelity;
import io.hearsay.sim.run.KolmogorovSmirnov;
import io.hearsay.sim.run.SimConfig;
import io.hearsay.sim.run.SimRunner;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code full} fidelity against the real daemon: the same N, strategy, periodic timing and timer profile
 * ({@code local}: gossip period 100 ms, as {@code ./hearsay local}); the daemon's nodes are real {@link HearsayDaemon}
 * nodes over loopback UDP in this process (stepped by the test thread), the simulator's are {@code GossipNode}s over
 * the simulated network with loopback-like latency. Both clusters form by joining one seed and the event is created
 * once every node sees all N. Learn times (ms since creation, from the event logs' monotonic time) and learn rounds
 * of all nodes of several runs are pooled per side and compared with the two-sample Kolmogorov–Smirnov distance.
 * <p>
 * Tolerance {@value #MAX_KS_TIMES} on learn times: with R runs of N nodes per side the KS distance of two samples of
 * the same law stays below about 1.36·sqrt(2/(R·N)) at 95 % if the samples were independent (0.14 for 3 × 64), but
 * the nodes of one run are strongly correlated (one origin, one epidemic), so the effective sample is nearer R
 * epidemics and run-to-run variation alone moves the distance by 0.1–0.3 (median-counter at N = 64 gave 0.48 with 3 runs, 0.23 with 6;
 * push-pull with 3 runs once gave 0.43 in CI, so the default is 8 runs: 0.10–0.17 in three tries); on top the daemon has OS scheduling
 * jitter (one test thread steps 64 nodes, a datagram waits for the next duty cycle), which delays learning by a
 * fraction of a period. A model error (a wrong period, pull behaving as push, rounds counted per probe) shifts
 * the whole distribution by a period or more, giving KS above 0.5. Set {@code -Dhearsay.fvd.nodes=256
 * -Dhearsay.fvd.runs=5} for a larger measurement; the test prints the table row.
 */
class FullVersusDaemonTest
{
    static final double MAX_KS_TIMES = 0.35;
    static final double MAX_KS_ROUNDS = 0.35;
    private static final long PERIOD_MS = 100;
    private static final UnsafeBuffer PAYLOAD = new UnsafeBuffer("event".getBytes());

    @Test
    void shouldSpreadWithTheSameDistributionInFullFidelityAsInTheRealDaemon(@TempDir final Path tmp) throws Exception
    {
        final int nodes = Integer.getInteger("hearsay.fvd.nodes", 64);
        final int runs = Integer.getInteger("hearsay.fvd.runs", 8);
        final StrategyKind strategy = StrategyKind.fromCliName(System.getProperty("hearsay.fvd.strategy", "push-pull"));

        final List<double[]> daemonTimes = new ArrayList<>();
        final List<double[]> daemonRounds = new ArrayList<>();
        for (int run = 0; run < runs; run++)
        {
            final Path logDir = tmp.resolve("daemon-" + run);
            runDaemon(nodes, strategy, 100 + run, logDir);
            collect(logDir, nodes, daemonTimes, daemonRounds);
        }

        final Path simDir = tmp.resolve("sim");
        SimRunner.run(new SimConfig().nodes(nodes).strategy(strategy.cliName()).fidelity(Fidelity.FULL).runs(runs).seed(200)
            .profile("local").gossipPeriodMs(PERIOD_MS).latency("uniform:20us,200us").formation(SimConfig.JOIN)
            .outDir(simDir), SimRunner.Progress.NONE);
        final List<double[]> simTimes = new ArrayList<>();
        final List<double[]> simRounds = new ArrayList<>();
        collect(simDir.resolve("logs"), nodes, simTimes, simRounds);

        assertThat(daemonTimes).as("every daemon run learned by every node").hasSize(runs);
        assertThat(simTimes).as("every simulated run learned by every node").hasSize(runs);
        final double[] dt = pool(daemonTimes);
        final double[] st = pool(simTimes);
        final double[] dr = pool(daemonRounds);
        final double[] sr = pool(simRounds);
        final double ksTimes = KolmogorovSmirnov.distance(dt, st);
        final double ksRounds = KolmogorovSmirnov.distance(dr, sr);
        System.out.printf("| %s | %d | %d | %.3f | %.0f / %.0f / %.0f ms | %.0f / %.0f / %.0f ms | %.3f | %.0f / %.0f | %.0f / %.0f |%n",
            strategy.cliName(), nodes, runs, ksTimes,
            quantile(dt, 0.5), quantile(dt, 0.99), quantile(dt, 1), quantile(st, 0.5), quantile(st, 0.99), quantile(st, 1),
            ksRounds, quantile(dr, 0.5), quantile(dr, 1), quantile(sr, 0.5), quantile(sr, 1));
        assertThat(ksTimes).as("KS distance of learn times, daemon vs full").isLessThan(MAX_KS_TIMES);
        assertThat(ksRounds).as("KS distance of learn rounds, daemon vs full").isLessThan(MAX_KS_ROUNDS);
    }

    private static void runDaemon(final int nodes, final StrategyKind strategy, final long seed, final Path logDir) throws Exception
    {
        Files.createDirectories(logDir);
        final ShellConfig config = new ShellConfig().port(0).nodes(nodes).seed(seed).logDir(logDir)
            .nodeConfig(NodeConfig.profile(NodeConfig.Profile.LOCAL).strategy(strategy).gossipPeriodNs(PERIOD_MS * 1_000_000L));
        try (HearsayDaemon daemon = new HearsayDaemon(config))
        {
            stepUntil(daemon, 120_000, nodes + " nodes see all " + nodes + " members", () -> minLive(daemon) == nodes);
            final HostedNode origin = daemon.node(new SplittableRandom(seed).nextInt(nodes));
            final long sequence = origin.protocol().broadcast(System.nanoTime(), System.currentTimeMillis() * 1_000_000L,
                PAYLOAD, 0, PAYLOAD.capacity());
            stepUntil(daemon, 60_000, "all " + nodes + " nodes learn the event", () ->
            {
                for (final HostedNode node : daemon.nodes())
                {
                    if (!node.protocol().knowsEvent(origin.address(), sequence))
                    {
                        return false;
                    }
                }
                return true;
            });
        }
    }

    private static void stepUntil(final HearsayDaemon daemon, final long timeoutMs, final String what, final BooleanSupplier done)
    {
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!done.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting until " + what);
            }
            if (daemon.invoker().invoke() == 0)
            {
                Thread.onSpinWait();
            }
        }
    }

    private static int minLive(final HearsayDaemon daemon)
    {
        int min = Integer.MAX_VALUE;
        for (final HostedNode node : daemon.nodes())
        {
            min = Math.min(min, node.protocol().liveMemberCount());
        }
        return min;
    }

    /**
     * Per event found in the queues under {@code dir}: learn times (ms after the origin's own record, monotonic
     * clock) and rounds of every node; an event that fewer than {@code nodes} learned is left out.
     */
    static void collect(final Path dir, final int nodes, final List<double[]> times, final List<double[]> rounds) throws Exception
    {
        final java.util.Map<String, List<long[]>> byEvent = new java.util.TreeMap<>();
        final List<Path> queues;
        try (Stream<Path> walk = Files.walk(dir))
        {
            queues = walk.filter(p -> p.toString().endsWith(".cq4")).map(Path::getParent).distinct().sorted().toList();
        }
        for (final Path queue : queues)
        {
            EventLogReader.read(queue, r ->
            {
                if (r.type == LogRecord.EVENT_LEARNED)
                {
                    byEvent.computeIfAbsent(r.origin + ":" + r.sequence, k -> new ArrayList<>())
                        .add(new long[]{ r.monoNs, r.round, r.node == r.origin && r.hops == 0 ? 1 : 0 });
                }
            });
        }
        for (final List<long[]> learned : byEvent.values())
        {
            if (learned.size() < nodes)
            {
                continue;
            }
            long originNs = Long.MAX_VALUE;
            for (final long[] l : learned)
            {
                if (l[2] == 1)
                {
                    originNs = l[0];
                }
            }
            final double[] t = new double[learned.size()];
            final double[] r = new double[learned.size()];
            for (int i = 0; i < t.length; i++)
            {
                t[i] = (learned.get(i)[0] - originNs) / 1e6;
                r[i] = learned.get(i)[1];
            }
            times.add(t);
            rounds.add(r);
        }
    }

    private static double[] pool(final List<double[]> samples)
    {
        final double[] pooled = samples.stream().flatMapToDouble(Arrays::stream).toArray();
        Arrays.sort(pooled); // KolmogorovSmirnov.distance takes sorted samples
        return pooled;
    }

    private static double quantile(final double[] values, final double q)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int)Math.ceil(q * sorted.length) - 1 < 0 ? 0 : (int)Math.ceil(q * sorted.length) - 1)];
    }
}
