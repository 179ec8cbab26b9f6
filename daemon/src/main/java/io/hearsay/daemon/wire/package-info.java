/**
 * The wire format around the SBE codecs ({@code io.hearsay.daemon.wire.sbe}, generated at build time from
 * {@code hearsay-schema.xml}) and the optional authenticated encryption of whole datagrams ({@link
 * io.hearsay.daemon.wire.PacketCipher}).
 */
package io.hearsay.daemon.wire;
