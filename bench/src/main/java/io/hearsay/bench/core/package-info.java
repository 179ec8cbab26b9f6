/**
 * Protocol core benchmarks: wire encode/decode through the core's codecs, {@code GossipNode.onPacket} on realistic
 * datagrams from a cluster the node knows, and whole gossip rounds of an in-memory cluster ({@code doWork} +
 * delivery), with an allocation-free harness.
 */
package io.hearsay.bench.core;
