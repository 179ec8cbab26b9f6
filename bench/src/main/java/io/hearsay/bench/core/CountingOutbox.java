package io.hearsay.bench.core;

import io.hearsay.core.Outbox;
import org.agrona.DirectBuffer;

/** Swallows what a node sends, keeping counts (and touching one byte so the datagram is really produced). */
public final class CountingOutbox implements Outbox
{
    public long datagrams;
    public long bytes;
    public long checksum;

    public void send(final long toAddress, final DirectBuffer buffer, final int offset, final int length)
    {
        datagrams++;
        bytes += length;
        checksum += toAddress ^ buffer.getByte(offset + length - 1);
    }
}
