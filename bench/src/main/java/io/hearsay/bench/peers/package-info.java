/**
 * The side-by-side benchmark's hearsay side and its coordinator: {@link io.hearsay.bench.peers.HearsayCluster}
 * (hearsay's members for the trial harness of module {@code bench/peers}), {@link io.hearsay.bench.peers.ShardPlan}
 * (how a system's N members spread over JVMs and the pre-flight estimate of what they hold),
 * {@link io.hearsay.bench.peers.TrialRun} (one trial driven over its JVMs) and
 * {@link io.hearsay.bench.peers.PeerComparison}, which runs every system's trials interleaved and writes CSV, a plot
 * and the table of ratios hearsay ÷ peer.
 */
package io.hearsay.bench.peers;
