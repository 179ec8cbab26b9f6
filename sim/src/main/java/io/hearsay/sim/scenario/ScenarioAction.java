package io.hearsay.sim.scenario;

import io.hearsay.core.impair.DelayDistribution;

/**
 * One step of a scenario: at virtual time {@code atNs} (from the event's creation), apply {@code fault}.
 * Unused fields are 0 / null.
 *
 * @param line      1-based line number in the scenario file
 * @param firstNode first node of the NODES range (inclusive)
 * @param lastNode  last node of the NODES range (inclusive)
 * @param p         probabilities: loss, duplicate, reorder, drop ({@code p[0]}); Gilbert-Elliott uses all four
 *                  (P(good to bad), P(bad to good), loss in good, loss in bad)
 * @param durationNs sleep length or reorder hold
 * @param groupA    a group's name (its selector as written), or a partition's first group
 */
public record ScenarioAction(
    int line, long atNs, Fault fault, int firstNode, int lastNode, double[] p, long durationNs,
    String groupA, String groupB, DelayDistribution latency)
{
}
