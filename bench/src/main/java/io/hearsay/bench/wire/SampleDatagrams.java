package io.hearsay.bench.wire;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/** A fixed set of encoded datagrams, each copied into a buffer of its own (as a receive buffer would hold it). */
public final class SampleDatagrams
{
    private final UnsafeBuffer[] buffers;
    private final int[] lengths;
    private final long[] senders;
    private int size;

    public SampleDatagrams(final int capacity, final int maxBytes)
    {
        buffers = new UnsafeBuffer[capacity];
        lengths = new int[capacity];
        senders = new long[capacity];
        for (int i = 0; i < capacity; i++)
        {
            buffers[i] = new UnsafeBuffer(new byte[maxBytes]);
        }
    }

    public void add(final DirectBuffer source, final int length)
    {
        add(source, length, 0);
    }

    public void add(final DirectBuffer source, final int length, final long sender)
    {
        buffers[size].putBytes(0, source, 0, length);
        lengths[size] = length;
        senders[size] = sender;
        size++;
    }

    public int size()
    {
        return size;
    }

    public UnsafeBuffer buffer(final int index)
    {
        return buffers[index];
    }

    public int length(final int index)
    {
        return lengths[index];
    }

    public long sender(final int index)
    {
        return senders[index];
    }
}
