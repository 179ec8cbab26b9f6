package io.hearsay.sim.run;

import java.util.Locale;

/**
 * What one phase of a structured strategy (direct addressing) did, written to {@code phases.csv}: the state at the
 * phase's end (groups, their sizes, unclustered nodes, hops to the leader) and the traffic of its rounds.
 *
 * @param phase          the phase's name (growth, normalise, merge-0, merge-1, ..., final, delivery, steady)
 * @param rounds         rounds the phase took
 * @param groups         groups (leaders) at the phase's end
 * @param activeGroups   groups activated in a merge phase (0 otherwise)
 * @param sizeMin        smallest group
 * @param sizeMedian     median group size
 * @param sizeMax        largest group
 * @param unclustered    nodes in no group
 * @param maxHopsToLeader longest chain of leader pointers from a node to its root (2 = member, leader, root)
 * @param calls          calls started in the phase
 * @param peakInDegree   most calls one node received in one round of the phase
 * @param peakAnswered   most calls one node answered in one round (at most --max-answers when capped)
 * @param messagesPerNode calls and answers per node in the phase
 * @param logSizeRatio   log2 median size at this phase's end / log2 median size at the previous one (NaN if none)
 */
public record PhaseRecord(
    String phase,
    int rounds,
    long groups,
    long activeGroups,
    long sizeMin,
    double sizeMedian,
    long sizeMax,
    long unclustered,
    int maxHopsToLeader,
    long calls,
    long peakInDegree,
    long peakAnswered,
    double messagesPerNode,
    double logSizeRatio)
{
    public static final String CSV_HEADER = "run,phase,rounds,groups,active_groups,size_min,size_median,size_max," +
        "unclustered,max_hops_to_leader,calls,peak_in_degree,peak_answered,messages_per_node,log_size_ratio\n";

    /** one CSV row, run number first */
    public String csvRow(final long run)
    {
        return String.format(Locale.ROOT, "%d,%s,%d,%d,%d,%d,%.1f,%d,%d,%d,%d,%d,%d,%.3f,%s%n",
            run, phase, rounds, groups, activeGroups, sizeMin, sizeMedian, sizeMax, unclustered, maxHopsToLeader, calls,
            peakInDegree, peakAnswered, messagesPerNode,
            Double.isNaN(logSizeRatio) ? "" : String.format(Locale.ROOT, "%.3f", logSizeRatio));
    }
}
