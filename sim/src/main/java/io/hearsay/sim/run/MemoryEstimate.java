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

    /** full fidelity, per node apart from its members: buffers (the 64 KiB receive buffer), timers, rumor store */
    public static final long FULL_NODE_BYTES = 96L << 10;

    /**
     * Full fidelity, bytes per member of one node's member table: the table's parallel arrays (4 longs + 4 ints),
     * the address-to-slot hash map (Agrona, load factor 0.65, power-of-two capacity, 16 bytes a slot), the failure
     * detector's probe order (a long per member), and when members can be suspected (loss or a scenario) room for
     * suspicions (arrays grow to the highest suspected slot: 3 longs, 3 ints, a flag, a confirmer); joining grows arrays by doubling (up to 2x) and keeps a gossip update per member
     * (a hash-map slot and 5 longs) where pre-seeding sizes the table exactly and queues nothing.
     */
    public static long fullBytesPerMember(final int nodes, final boolean join, final boolean suspicions)
    {
        final long arraySlots = join ? nextPowerOfTwo(nodes) : nodes;
        final long hashSlots = nextPowerOfTwo((long)Math.ceil(nodes / 0.65));
        long bytes = 48 * arraySlots + 16 * hashSlots + 8 * nextPowerOfTwo(nodes) + (suspicions ? 50L * nodes : 0);
        if (join)
        {
            bytes += 16 * hashSlots + 40 * arraySlots;
        }
        return (bytes + nodes - 1) / nodes;
    }

    private static long nextPowerOfTwo(final long value)
    {
        return value <= 1 ? 1 : Long.highestOneBit(value - 1) << 1;
    }

    public static MemoryEstimate of(final SimConfig config)
    {
        final long perNode;
        final String detail;
        switch (config.fidelity())
        {
            case ROUNDS:
                perNode = config.isCoreStrategy() ?
                    RoundsSimulation.bytesPerNode(config.strategyKind()) : io.hearsay.sim.direct.DirectAddressingSimulation.bytesPerNode();
                detail = "rounds: flat arrays";
                break;
            case DISSEMINATION:
                perNode = io.hearsay.sim.dissemination.DisseminationSimulation.bytesPerNode(config.fanout());
                detail = "dissemination: state arrays + event pool";
                break;
            default:
            {
                final boolean join = SimConfig.JOIN.equals(config.formationResolved());
                final long perMember = fullBytesPerMember(
                    config.nodes(), join, config.loss() > 0 || config.scenarioFile() != null);
                perNode = FULL_NODE_BYTES + perMember * config.nodes();
                detail = "full (" + config.formationResolved() + "): one GossipNode per node, " + FULL_NODE_BYTES / 1024 +
                    " KiB + a member table of N members at " + perMember + " bytes each";
                break;
            }
        }
        final long bytes = BASE_BYTES + perNode * config.nodes();
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
