/**
 * The side-by-side benchmark's trial harness: a {@link io.hearsay.bench.peers.TrialShard} JVM hosts one system's
 * members of a trial on loopback (all N, or a shard of them: hearsay, or a peer library such as ScaleCube here and
 * Atomix in module {@code bench/peers-atomix}) and answers the coordinator's commands
 * ({@code io.hearsay.bench.peers.PeerComparison} and {@code TrialRun} in the bench module): views, CPU, memory and
 * messages sent, user events and their first deliveries, a crash and its removal. Nothing here depends on hearsay,
 * so each peer library runs in JVMs of its own, with its own dependencies.
 */
package io.hearsay.bench.peers;
