/**
 * The simulated network: the up/down state of nodes, and core's impairment model
 * ({@link io.hearsay.core.impair.NetworkImpairment}: delay distributions with jitter, Bernoulli and Gilbert-Elliott
 * loss, duplication, reordering, one-way and two-way partitions between groups, per-node in/out drop).
 */
package io.hearsay.sim.network;
