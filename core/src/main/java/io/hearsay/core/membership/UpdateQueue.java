package io.hearsay.core.membership;

import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Membership updates waiting to be piggybacked (memberlist's TransmitLimitedQueue): at most one per member, a newer
 * update about the same member replacing the older one (and its transmit count); {@link #select} picks the
 * least-sent first; an update is dropped once sent {@code limit} times.
 */
public final class UpdateQueue
{
    private static final long NONE = -1;

    private final Long2LongHashMap indexByAddress = new Long2LongHashMap(NONE);
    private long[] addresses = new long[16];
    private long[] bootIds = new long[16];
    private long[] incarnations = new long[16];
    private long[] froms = new long[16];
    private int[] statuses = new int[16];
    private int[] transmits = new int[16];
    private int size;

    public void enqueue(final long address, final long bootId, final long incarnation, final int status, final long from)
    {
        int index = (int)indexByAddress.get(address);
        if (index == NONE)
        {
            if (size == addresses.length)
            {
                grow();
            }
            index = size++;
            indexByAddress.put(address, index);
        }
        addresses[index] = address;
        bootIds[index] = bootId;
        incarnations[index] = incarnation;
        statuses[index] = status;
        froms[index] = from;
        transmits[index] = 0;
    }

    public int size()
    {
        return size;
    }

    /**
     * Chooses up to {@code max} updates, least-sent first, skipping {@code excludeAddress}.
     *
     * @return how many indices were written to {@code out}
     */
    public int select(final int max, final int limit, final long excludeAddress, final int[] out)
    {
        int count = 0;
        for (int sent = 0; sent < limit && count < max; sent++)
        {
            for (int i = 0; i < size && count < max; i++)
            {
                if (transmits[i] == sent && addresses[i] != excludeAddress)
                {
                    out[count++] = i;
                }
            }
        }
        return count;
    }

    /** Counts one transmission of each chosen update and retires those that reached {@code limit}. */
    public void onSent(final int[] chosen, final int count, final int limit)
    {
        for (int i = 0; i < count; i++)
        {
            transmits[chosen[i]]++;
        }
        int write = 0;
        for (int read = 0; read < size; read++)
        {
            if (transmits[read] >= limit)
            {
                indexByAddress.remove(addresses[read]);
                continue;
            }
            if (write != read)
            {
                addresses[write] = addresses[read];
                bootIds[write] = bootIds[read];
                incarnations[write] = incarnations[read];
                statuses[write] = statuses[read];
                froms[write] = froms[read];
                transmits[write] = transmits[read];
                indexByAddress.put(addresses[write], write);
            }
            write++;
        }
        size = write;
    }

    public long address(final int index)
    {
        return addresses[index];
    }

    public long bootId(final int index)
    {
        return bootIds[index];
    }

    public long incarnation(final int index)
    {
        return incarnations[index];
    }

    public int status(final int index)
    {
        return statuses[index];
    }

    public long from(final int index)
    {
        return froms[index];
    }

    public int transmits(final int index)
    {
        return transmits[index];
    }

    private void grow()
    {
        final int capacity = addresses.length * 2;
        addresses = Arrays.copyOf(addresses, capacity);
        bootIds = Arrays.copyOf(bootIds, capacity);
        incarnations = Arrays.copyOf(incarnations, capacity);
        froms = Arrays.copyOf(froms, capacity);
        statuses = Arrays.copyOf(statuses, capacity);
        transmits = Arrays.copyOf(transmits, capacity);
    }
}
