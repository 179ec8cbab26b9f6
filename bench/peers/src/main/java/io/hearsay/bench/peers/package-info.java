/**
 * The side-by-side benchmark's trial harness: one JVM runs one system's cluster of N members on loopback (hearsay,
 * or a peer library such as ScaleCube), converges it, measures idle CPU and memory, times user events until every
 * member has them, crashes one member and times its removal by all, and prints one CSV row per measurement for the
 * coordinator ({@code io.hearsay.bench.peers.PeerComparison} in the bench module). Nothing here depends on hearsay,
 * so the peer libraries run in JVMs of their own, with their own dependencies.
 */
package io.hearsay.bench.peers;
