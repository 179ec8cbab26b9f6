package io.hearsay.bench.sim;

import io.hearsay.bench.BenchJvm;
import io.hearsay.sim.engine.SimRandom;
import io.hearsay.sim.run.RoundSink;
import io.hearsay.sim.run.RunResult;
import io.hearsay.sim.run.SimConfig;
import io.hearsay.sim.run.SimRunner;
import io.hearsay.sim.run.Simulation;
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
 * The simulator's {@code rounds} fidelity, as {@code ./hearsay sim --fidelity rounds} runs it (period 200 ms, fan-out
 * 1, no loss, until all informed, the default rule factors): one operation = one run of one event from a random
 * origin, the next seed of the series each time ({@code SimRandom.runSeed(1, k)}). The secondary result
 * {@code rounds} (per second) gives the cost of one round: 1 / rounds per second, averaged over a run's rounds
 * (the early ones, where nobody knows, are the cheapest; those around half informed the dearest). One thread; the
 * run folder (CSV, event log) is not written.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = { BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX })
public class RoundsBenchmark
{
    @Param({ "1000000", "10000000" })
    public int nodes;

    @Param({ "push-pull", "push", "pull", "median-counter" })
    public String strategy;

    private Simulation simulation;
    private int sampleStride;
    private int run;

    /** rounds simulated, reported by JMH as a rate next to the run rate */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rounds
    {
        public long rounds;

        @Setup(Level.Iteration)
        public void reset()
        {
            rounds = 0;
        }
    }

    @Setup
    public void setUp()
    {
        final SimConfig config = new SimConfig().nodes(nodes).strategy(strategy).conclude();
        simulation = SimRunner.create(config, null);
        sampleStride = config.sampleStride();
    }

    @Benchmark
    public RunResult run(final Rounds counter)
    {
        final RunResult result = simulation.run(SimRandom.runSeed(1, run), run + 1, sampleStride, RoundSink.NONE);
        run++;
        counter.rounds += result.rounds();
        return result;
    }
}
