/**
 * Macro runs over real sockets, each a main class printing its figures and the conditions (load average, conntrack
 * table): datagrams per second through one daemon thread ({@link io.hearsay.bench.macro.LoopbackThroughput}) and
 * memory per hosted node ({@link io.hearsay.bench.macro.MemoryPerNode}). Loopback only.
 */
package io.hearsay.bench.macro;
