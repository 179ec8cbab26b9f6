/**
 * The gossip wire around the SBE codecs ({@code io.hearsay.wire.sbe}, generated at build time from
 * {@code hearsay-schema.xml}): {@link io.hearsay.wire.WirePublisher} encodes a datagram (Envelope + one body)
 * with SBE flyweights held as fields; {@link io.hearsay.wire.WireAdapter} checks a received datagram
 * completely (schema id, template id, version, block lengths, group and data bounds, enum values, cluster name) and
 * only then dispatches it to a {@link io.hearsay.wire.WireHandler} with primitives. A bad datagram is counted
 * by reason in {@link io.hearsay.core.NodeCounters} and dropped; nothing throws out of the adapter. The
 * optional authenticated encryption of whole datagrams is {@link io.hearsay.wire.PacketCipher}. No IO here.
 */
package io.hearsay.wire;
