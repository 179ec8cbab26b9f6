/**
 * The simulated network: latency distributions with jitter, Bernoulli and Gilbert-Elliott loss, duplication,
 * reordering, one-way and two-way partitions between groups, per-node in/out drop, and node faults.
 */
package io.hearsay.sim.network;
