package io.hearsay.sim.run;

import io.hearsay.sim.rounds.RoundsSimulation;

/**
 * What a simulation will need on the heap, computed before it starts, so that a run that cannot fit says so
 * (with the estimate) instead of failing an hour in.
 */
public record MemoryEstimate(long bytes, long bytesPerNode, String detail)
{
    /** fixed overhead: JVM, classes, buffers, the event log's mapped files */
    public static final long BASE_BYTES = 64L << 20;

    public static MemoryEstimate of(final SimConfig config)
    {
        final long perNode;
        final String detail;
        switch (config.fidelity())
        {
            case ROUNDS:
                perNode = config.isCoreStrategy() ?
                    RoundsSimulation.bytesPerNode() : io.hearsay.sim.direct.DirectAddressingSimulation.bytesPerNode();
                detail = "rounds: flat arrays";
                break;
            case DISSEMINATION:
                perNode = io.hearsay.sim.dissemination.DisseminationSimulation.bytesPerNode(config.fanout());
                detail = "dissemination: state arrays + event pool";
                break;
            default:
                perNode = 64L << 10;
                detail = "full: one GossipNode with its member table per node (~64 KiB each, N-dependent)";
                break;
        }
        long bytes = BASE_BYTES + perNode * config.nodes();
        if (config.fidelity() == Fidelity.FULL)
        {
            bytes += 64L * config.nodes() * config.nodes(); // every member table holds every member
        }
        return new MemoryEstimate(bytes, perNode, detail);
    }

    /** @throws IllegalStateException naming the estimate and the limit if it does not fit in {@code maxHeapBytes} */
    public void requireFits(final long maxHeapBytes)
    {
        if (bytes > maxHeapBytes)
        {
            throw new IllegalStateException(String.format(
                "this simulation needs about %,d MiB of heap (%s, about %d bytes per node) but the JVM may use %,d MiB; " +
                "run with HEARSAY_JAVA_OPTS=-Xmx%dg (the machine has to have it) or fewer nodes",
                bytes >> 20, detail, bytesPerNode, maxHeapBytes >> 20, (bytes >> 30) + 2));
        }
    }
}
