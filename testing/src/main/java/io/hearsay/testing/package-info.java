/**
 * Shared test support: {@link io.hearsay.testing.InMemoryCluster} (real {@link io.hearsay.core.GossipNode}s on a
 * virtual clock over an allocation-free in-memory network: the core's cluster tests and the benchmarks' harness),
 * {@link io.hearsay.testing.StandInNode} (a stand-in {@link io.hearsay.core.Node} for the shell's tests and transport
 * benchmarks) and {@link io.hearsay.testing.RecordingSink} (a core event sink that counts, and records on demand).
 */
package io.hearsay.testing;
