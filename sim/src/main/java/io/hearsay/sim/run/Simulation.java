package io.hearsay.sim.run;

/** One fidelity's simulation, built once for a configuration and run once per seed. */
public interface Simulation
{
    /**
     * Runs one event to its end.
     *
     * @param seed         the run's seed (the only source of randomness)
     * @param sequence     the event's sequence number (the run number, from 1)
     * @param sampleStride nodes whose index is a multiple of this are reported to the sink as they learn
     * @param sink         per-round aggregates and sampled learn records
     */
    RunResult run(long seed, long sequence, int sampleStride, RoundSink sink);
}
