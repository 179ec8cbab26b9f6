package io.hearsay.core.rumor;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * The rumors a node knows, by id (origin, sequence): creation wall time, hop count, its age (rounds since
 * creation, in thousandths) when learned and when, the strategy state word, duplicates seen, and the payload in
 * a slab of fixed-size cells. Lookup by id through an open-addressing table keyed on both longs (linear probing,
 * backward-shift deletion). Grows by doubling; allocation-free otherwise.
 */
public final class RumorStore
{
    public static final int NO_SLOT = -1;

    private final int maxPayloadBytes;
    private long[] origins;
    private long[] sequences;
    private long[] createdWallNs;
    private long[] learnedNs;
    private int[] hops;
    private int[] learnedAgeMilli;
    private int[] states;
    private int[] duplicates;
    private int[] payloadLengths;
    private int[] marks;
    private boolean[] inUse;
    private boolean[] eagerPending;
    private boolean[] expired;
    private int[] freeSlots;
    private UnsafeBuffer payloads;
    private int freeCount;
    private int slotLimit;
    private int size;

    private long[] tableOrigins;
    private long[] tableSequences;
    private int[] tableSlots;
    private int tableMask;

    public RumorStore(final int maxPayloadBytes, final int initialCapacity)
    {
        this.maxPayloadBytes = maxPayloadBytes;
        allocate(Math.max(8, initialCapacity));
    }

    private void allocate(final int capacity)
    {
        origins = new long[capacity];
        sequences = new long[capacity];
        createdWallNs = new long[capacity];
        learnedNs = new long[capacity];
        hops = new int[capacity];
        learnedAgeMilli = new int[capacity];
        states = new int[capacity];
        duplicates = new int[capacity];
        payloadLengths = new int[capacity];
        marks = new int[capacity];
        inUse = new boolean[capacity];
        eagerPending = new boolean[capacity];
        expired = new boolean[capacity];
        freeSlots = new int[capacity];
        payloads = new UnsafeBuffer(new byte[Math.max(1, capacity * maxPayloadBytes)]);
        final int tableSize = Integer.highestOneBit(capacity * 4 - 1) << 1;
        tableOrigins = new long[tableSize];
        tableSequences = new long[tableSize];
        tableSlots = new int[tableSize];
        Arrays.fill(tableSlots, NO_SLOT);
        tableMask = tableSize - 1;
    }

    private static int hash(final long origin, final long sequence)
    {
        long h = origin * 0x9E37_79B9_7F4A_7C15L + sequence * 0xC2B2_AE3D_27D4_EB4FL;
        h ^= h >>> 31;
        return (int)(h ^ (h >>> 17));
    }

    public int find(final long origin, final long sequence)
    {
        int i = hash(origin, sequence) & tableMask;
        while (tableSlots[i] != NO_SLOT)
        {
            if (tableOrigins[i] == origin && tableSequences[i] == sequence)
            {
                return tableSlots[i];
            }
            i = (i + 1) & tableMask;
        }
        return NO_SLOT;
    }

    /** Stores a rumor not yet known; the caller checked with {@link #find}. @return its slot */
    public int add(
        final long origin, final long sequence, final long createdWall, final int hopCount, final int ageMilliRounds,
        final int state, final long nowNs,
        final DirectBuffer payload, final int payloadOffset, final int payloadLength)
    {
        if (payloadLength > maxPayloadBytes)
        {
            throw new IllegalArgumentException(
                "rumor payload of " + payloadLength + " bytes exceeds the maximum of " + maxPayloadBytes + " bytes");
        }
        final int slot;
        if (freeCount > 0)
        {
            slot = freeSlots[--freeCount];
        }
        else
        {
            if (slotLimit == origins.length)
            {
                grow();
            }
            slot = slotLimit++;
        }
        origins[slot] = origin;
        sequences[slot] = sequence;
        createdWallNs[slot] = createdWall;
        hops[slot] = hopCount;
        learnedAgeMilli[slot] = ageMilliRounds;
        states[slot] = state;
        learnedNs[slot] = nowNs;
        duplicates[slot] = 0;
        marks[slot] = 0;
        eagerPending[slot] = false;
        expired[slot] = false;
        payloadLengths[slot] = payloadLength;
        inUse[slot] = true;
        if (payloadLength > 0)
        {
            payloads.putBytes(slot * maxPayloadBytes, payload, payloadOffset, payloadLength);
        }
        insert(origin, sequence, slot);
        size++;
        return slot;
    }

    private void insert(final long origin, final long sequence, final int slot)
    {
        int i = hash(origin, sequence) & tableMask;
        while (tableSlots[i] != NO_SLOT)
        {
            i = (i + 1) & tableMask;
        }
        tableOrigins[i] = origin;
        tableSequences[i] = sequence;
        tableSlots[i] = slot;
    }

    public void remove(final int slot)
    {
        int i = hash(origins[slot], sequences[slot]) & tableMask;
        while (tableSlots[i] != slot)
        {
            i = (i + 1) & tableMask;
        }
        int hole = i;
        int j = (i + 1) & tableMask;
        while (tableSlots[j] != NO_SLOT)
        {
            final int home = hash(tableOrigins[j], tableSequences[j]) & tableMask;
            final boolean movable = (hole <= j) ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable)
            {
                tableOrigins[hole] = tableOrigins[j];
                tableSequences[hole] = tableSequences[j];
                tableSlots[hole] = tableSlots[j];
                hole = j;
            }
            j = (j + 1) & tableMask;
        }
        tableSlots[hole] = NO_SLOT;
        inUse[slot] = false;
        freeSlots[freeCount++] = slot;
        size--;
    }

    private void grow()
    {
        final int oldCapacity = origins.length;
        final long[] o = origins;
        final long[] s = sequences;
        final long[] c = createdWallNs;
        final long[] l = learnedNs;
        final int[] h = hops;
        final int[] a = learnedAgeMilli;
        final int[] st = states;
        final int[] d = duplicates;
        final int[] p = payloadLengths;
        final int[] m = marks;
        final boolean[] u = inUse;
        final boolean[] e = eagerPending;
        final boolean[] x = expired;
        final UnsafeBuffer oldPayloads = payloads;
        allocate(oldCapacity * 2);
        System.arraycopy(o, 0, origins, 0, oldCapacity);
        System.arraycopy(s, 0, sequences, 0, oldCapacity);
        System.arraycopy(c, 0, createdWallNs, 0, oldCapacity);
        System.arraycopy(l, 0, learnedNs, 0, oldCapacity);
        System.arraycopy(h, 0, hops, 0, oldCapacity);
        System.arraycopy(a, 0, learnedAgeMilli, 0, oldCapacity);
        System.arraycopy(st, 0, states, 0, oldCapacity);
        System.arraycopy(d, 0, duplicates, 0, oldCapacity);
        System.arraycopy(p, 0, payloadLengths, 0, oldCapacity);
        System.arraycopy(m, 0, marks, 0, oldCapacity);
        System.arraycopy(u, 0, inUse, 0, oldCapacity);
        System.arraycopy(e, 0, eagerPending, 0, oldCapacity);
        System.arraycopy(x, 0, expired, 0, oldCapacity);
        payloads.putBytes(0, oldPayloads, 0, oldPayloads.capacity());
        for (int slot = 0; slot < oldCapacity; slot++)
        {
            if (inUse[slot])
            {
                insert(origins[slot], sequences[slot], slot);
            }
        }
    }

    public int size()
    {
        return size;
    }

    public int slotLimit()
    {
        return slotLimit;
    }

    public boolean inUse(final int slot)
    {
        return inUse[slot];
    }

    public long origin(final int slot)
    {
        return origins[slot];
    }

    public long sequence(final int slot)
    {
        return sequences[slot];
    }

    public long createdWallNs(final int slot)
    {
        return createdWallNs[slot];
    }

    public long learnedNs(final int slot)
    {
        return learnedNs[slot];
    }

    public int hops(final int slot)
    {
        return hops[slot];
    }

    /**
     * The rumor's age now, in thousandths of a gossip period: its age when learned plus the time held here.
     * Saturates at {@code Integer.MAX_VALUE}.
     */
    public int ageMilliRounds(final int slot, final long nowNs, final long periodNs)
    {
        final long held = Math.max(0, nowNs - learnedNs[slot]);
        final long age = learnedAgeMilli[slot] + (held / periodNs) * 1000 + (held % periodNs) * 1000 / periodNs;
        return (int)Math.min(Integer.MAX_VALUE, age);
    }

    public int state(final int slot)
    {
        return states[slot];
    }

    public void state(final int slot, final int state)
    {
        states[slot] = state;
    }

    public int duplicates(final int slot)
    {
        return duplicates[slot];
    }

    public void countDuplicate(final int slot)
    {
        duplicates[slot]++;
    }

    public int mark(final int slot)
    {
        return marks[slot];
    }

    public void mark(final int slot, final int mark)
    {
        marks[slot] = mark;
    }

    public boolean eagerPending(final int slot)
    {
        return eagerPending[slot];
    }

    public void eagerPending(final int slot, final boolean pending)
    {
        eagerPending[slot] = pending;
    }

    /** an expired rumor is a tombstone: kept by id so it is not learned again, never sent */
    public boolean expired(final int slot)
    {
        return expired[slot];
    }

    public void expire(final int slot)
    {
        expired[slot] = true;
    }

    public DirectBuffer payloadBuffer()
    {
        return payloads;
    }

    public int payloadOffset(final int slot)
    {
        return slot * maxPayloadBytes;
    }

    public int payloadLength(final int slot)
    {
        return payloadLengths[slot];
    }
}
