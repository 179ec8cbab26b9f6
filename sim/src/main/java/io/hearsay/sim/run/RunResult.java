package io.hearsay.sim.run;

/**
 * The figures of one simulated run of one event; the names follow {@code summary.json}'s event entry.
 * A figure that was never reached (the rumor died out before 50/99/100 %) is -1 for rounds, NaN for times.
 *
 * @param seed                       the run's seed
 * @param origin                     the node that created the event
 * @param sequence                   the event's sequence at its origin (the run number, from 1)
 * @param nodes                      cluster size N
 * @param alive                      nodes alive at the end
 * @param informed                   alive nodes that know the event at the end
 * @param rounds                     rounds simulated (rounds fidelity) or gossip periods elapsed
 * @param rounds50                   first round at which half the alive nodes knew it
 * @param rounds99                   ... 99 %
 * @param rounds100                  ... all of them
 * @param t50Ms                      virtual time to 50 %
 * @param t99Ms                      virtual time to 99 %
 * @param t100Ms                     virtual time to 100 %
 * @param messagesPerNode            messages sent in total / N (calls, pull requests, answers)
 * @param transmissionsPerNode       messages that carried the rumor / N (what Karp et al. count)
 * @param meanSentPerNodePerRound    messages sent per node per round, averaged over nodes and active rounds
 * @param maxSentPerRound            the most messages one node sent in one round
 * @param maxReceivedPerRound        the most messages one node received in one round (peak in-degree)
 * @param events                     simulation events processed (messages and timers; rounds fidelity: node steps)
 * @param extraFigures               a strategy's own figures (name to value, in a fixed order), summarised like the
 *                                   simulator's figures; empty for the core strategies
 */
public record RunResult(
    long seed,
    long origin,
    long sequence,
    long nodes,
    long alive,
    long informed,
    int rounds,
    int rounds50,
    int rounds99,
    int rounds100,
    double t50Ms,
    double t99Ms,
    double t100Ms,
    double messagesPerNode,
    double transmissionsPerNode,
    double meanSentPerNodePerRound,
    long maxSentPerRound,
    long maxReceivedPerRound,
    long events,
    java.util.Map<String, Double> extraFigures)
{
    /** a run without extra figures (the core strategies) */
    public RunResult(
        final long seed, final long origin, final long sequence, final long nodes, final long alive, final long informed,
        final int rounds, final int rounds50, final int rounds99, final int rounds100, final double t50Ms,
        final double t99Ms, final double t100Ms, final double messagesPerNode, final double transmissionsPerNode,
        final double meanSentPerNodePerRound, final long maxSentPerRound, final long maxReceivedPerRound, final long events)
    {
        this(seed, origin, sequence, nodes, alive, informed, rounds, rounds50, rounds99, rounds100, t50Ms, t99Ms, t100Ms,
            messagesPerNode, transmissionsPerNode, meanSentPerNodePerRound, maxSentPerRound, maxReceivedPerRound, events,
            java.util.Map.of());
    }
}
