/**
 * The side-by-side benchmark's hearsay side and its coordinator: {@link io.hearsay.bench.peers.HearsayCluster}
 * (hearsay's members for the trial harness of module {@code bench/peers}) and
 * {@link io.hearsay.bench.peers.PeerComparison}, which runs every system's trials interleaved, each in a JVM of its
 * own, and writes CSV, a plot and the table of ratios hearsay ÷ peer.
 */
package io.hearsay.bench.peers;
