package io.hearsay.core;

import org.agrona.DirectBuffer;

/**
 * Where the protocol core puts the datagrams it wants sent. Best effort, like UDP: the shell may drop.
 * The buffer is only valid during the call; an implementation copies what it keeps.
 * Addresses are opaque 64-bit ids: the UDP shell uses {@code (ipv4 << 16) | port}
 * (see {@link Addresses}), the simulator a node index.
 */
@FunctionalInterface
public interface Outbox
{
    void send(long toAddress, DirectBuffer buffer, int offset, int length);
}
