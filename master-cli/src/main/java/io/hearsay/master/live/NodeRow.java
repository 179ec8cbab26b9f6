package io.hearsay.master.live;

/**
 * The latest state of one node as the master shows it (from its last live report); rates are per second over the
 * interval between its last two reports. The probe round trips are those of the node's recent direct probes (0: none
 * timed yet).
 */
public record NodeRow(
    String node, long address, String endpoint, String state, long incarnation, int healthScore, int round,
    int members, int alive, int suspect, int dead, long eventsLearned, long duplicates, long suspicionsRaised,
    long refutations, long datagramsIn, long datagramsOut, long bytesIn, long bytesOut, long drops,
    double datagramsPerSecond, boolean knowsLatestEvent, long reportAgeMs, long probeRttP50Us, long probeRttP99Us)
{
}
