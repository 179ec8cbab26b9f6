package io.hearsay.core;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * Reusable byte slots for the datagrams a virtual-time driver holds in flight (the simulator's network, the in-memory
 * test cluster): {@link #store} copies a datagram into a free slot, {@link #view} lends it to {@link Node#onPacket},
 * {@link #release} frees the slot. Nothing is allocated once enough slots exist. Single thread.
 */
public final class DatagramSlots
{
    private static final int MIN_SLOT_BYTES = 1500;

    private byte[][] slots;
    private int[] lengths;
    private int[] free;
    private int freeCount;
    private int count;
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);

    public DatagramSlots(final int initialSlots)
    {
        slots = new byte[initialSlots][];
        lengths = new int[initialSlots];
        free = new int[initialSlots];
    }

    /** Copy a datagram into a free slot. @return the slot */
    public int store(final DirectBuffer buffer, final int offset, final int length)
    {
        final int slot;
        if (freeCount > 0)
        {
            slot = free[--freeCount];
        }
        else
        {
            if (count == slots.length)
            {
                slots = Arrays.copyOf(slots, count * 2);
                lengths = Arrays.copyOf(lengths, count * 2);
                free = Arrays.copyOf(free, count * 2);
            }
            slot = count++;
        }
        if (slots[slot] == null || slots[slot].length < length)
        {
            slots[slot] = new byte[Math.max(length, MIN_SLOT_BYTES)];
        }
        buffer.getBytes(offset, slots[slot], 0, length);
        lengths[slot] = length;
        return slot;
    }

    /** The datagram in a slot (one shared view: valid until the next call of this method). */
    public DirectBuffer view(final int slot)
    {
        view.wrap(slots[slot], 0, lengths[slot]);
        return view;
    }

    public int length(final int slot)
    {
        return lengths[slot];
    }

    public void release(final int slot)
    {
        free[freeCount++] = slot;
    }
}
