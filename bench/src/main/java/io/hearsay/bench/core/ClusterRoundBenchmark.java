package io.hearsay.bench.core;

import io.hearsay.bench.BenchJvm;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.TimingMode;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.testing.InMemoryCluster;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Whole protocol rounds: an {@link InMemoryCluster} of {@code nodes} nodes (LAN profile: gossip every 200 ms, probe
 * every 1 s) advanced in 10 ms ticks, a new event every 20 ticks (one per gossip period). One operation = one tick:
 * the {@code doWork} of every due node plus the delivery of every datagram that causes. The secondary result
 * {@code datagrams} (ops/s) is the number of datagrams sent and handled per second through the whole core
 * (encode + check + decode + protocol), one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX })
public class ClusterRoundBenchmark
{
    public static final long TICK_NS = 10_000_000L;
    public static final int EVENT_EVERY_TICKS = 20;

    @Param({ "64", "256" })
    public int nodes;

    @Param({ "push-pull", "median-counter" })
    public String strategy;

    @Param({ "periodic", "eager" })
    public String timing;

    private InMemoryCluster cluster;

    /** Datagrams delivered, reported by JMH as a rate next to the tick rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Datagrams
    {
        public long datagrams;

        @Setup(Level.Iteration)
        public void reset()
        {
            datagrams = 0;
        }
    }

    @Setup
    public void setUp()
    {
        cluster = newCluster(nodes, strategy, timing);
    }

    public static InMemoryCluster newCluster(final int nodes, final String strategy, final String timing)
    {
        final NodeConfig config = NodeConfig.profile(NodeConfig.Profile.LAN)
            .strategy(StrategyKind.fromCliName(strategy))
            .timing(TimingMode.fromCliName(timing))
            .rumorRetentionNs(10_000_000_000L)
            .conclude();
        final InMemoryCluster cluster = InMemoryCluster.ticking(nodes, config, 20_261_126L, TICK_NS, EVENT_EVERY_TICKS);
        if (!cluster.converge(60_000))
        {
            throw new IllegalStateException("in-memory cluster of " + nodes + " did not converge");
        }
        for (int i = 0; i < 6_000; i++)
        {
            cluster.tick();
        }
        return cluster;
    }

    @Benchmark
    public int tick(final Datagrams counter)
    {
        final int delivered = cluster.tick();
        counter.datagrams += delivered;
        return delivered;
    }
}
