/**
 * The gossip wire: {@link io.hearsay.daemon.wire.WirePublisher} encodes a datagram (Envelope + one body) with
 * SBE flyweights held as fields; {@link io.hearsay.daemon.wire.WireAdapter} checks a received datagram completely
 * (schema id, template id, version, block lengths, group and data bounds, enum values, cluster name) and only then
 * dispatches it to a {@link io.hearsay.daemon.wire.WireHandler} with primitives. A bad datagram is counted by reason
 * in {@link io.hearsay.daemon.core.NodeCounters} and dropped; nothing throws out of the adapter. No IO here.
 */
package io.hearsay.daemon.wire;
