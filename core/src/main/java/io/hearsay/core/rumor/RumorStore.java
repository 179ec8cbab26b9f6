package io.hearsay.core.rumor;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * The rumors a node knows, by id (origin, sequence): creation wall time, hop count, its age (rounds since
 * creation, in thousandths) when learned and when, the strategy state word, duplicates seen, and the payload in
 * a slab of fixed-size cells. Lookup by id through an open-addressing table keyed on both longs (linear probing,
 * backward-shift deletion). Grows by doubling up to {@code maxRumors}; allocation-free otherwise.
 * <p>
 * Bounded: it never holds more than {@code maxRumors} rumors ({@link #add} answers {@link #NO_SLOT} when full, the
 * caller counts the refusal), sizes are computed in {@code long} and checked against what one array can hold, and
 * a grow that fails (out of memory) leaves the store exactly as it was.
 */
public final class RumorStore
{
    public static final int NO_SLOT = -1;
    /** the largest payload slab one byte array can hold */
    public static final long MAX_SLAB_BYTES = Integer.MAX_VALUE - 8;

    private final int maxPayloadBytes;
    private final int maxRumors;
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
    /** latency-paced eager: exchanges this node started carrying the rumor (low 16 bits), partners that knew it (high) */
    private int[] paced;
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

    /**
     * @param maxRumors the most rumors (live and tombstones) held at once; {@code maxRumors * maxPayloadBytes} must
     *                  fit {@link #MAX_SLAB_BYTES}
     */
    public RumorStore(final int maxPayloadBytes, final int initialCapacity, final int maxRumors)
    {
        if (maxRumors < 1 || (long)maxRumors * maxPayloadBytes > MAX_SLAB_BYTES)
        {
            throw new IllegalArgumentException("rumor store of " + maxRumors + " rumors of " + maxPayloadBytes +
                " bytes needs " + ((long)maxRumors * maxPayloadBytes) + " bytes; at most " + MAX_SLAB_BYTES);
        }
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxRumors = maxRumors;
        allocate(Math.min(maxRumors, Math.max(8, initialCapacity)));
    }

    /** the bound: {@link #add} refuses beyond it */
    public int maxRumors()
    {
        return maxRumors;
    }

    private void allocate(final int capacity)
    {
        // every array is made before any field changes: an OutOfMemoryError here leaves the store as it was
        final long[] newOrigins = new long[capacity];
        final long[] newSequences = new long[capacity];
        final long[] newCreatedWallNs = new long[capacity];
        final long[] newLearnedNs = new long[capacity];
        final int[] newHops = new int[capacity];
        final int[] newLearnedAgeMilli = new int[capacity];
        final int[] newStates = new int[capacity];
        final int[] newDuplicates = new int[capacity];
        final int[] newPayloadLengths = new int[capacity];
        final int[] newMarks = new int[capacity];
        final boolean[] newInUse = new boolean[capacity];
        final boolean[] newEagerPending = new boolean[capacity];
        final int[] newPaced = new int[capacity];
        final boolean[] newExpired = new boolean[capacity];
        final int[] newFreeSlots = new int[capacity];
        final long slabBytes = Math.max(1L, (long)capacity * maxPayloadBytes);
        final UnsafeBuffer newPayloads = new UnsafeBuffer(new byte[(int)slabBytes]);
        final int tableSize = tableSizeFor(capacity);
        final long[] newTableOrigins = new long[tableSize];
        final long[] newTableSequences = new long[tableSize];
        final int[] newTableSlots = new int[tableSize];
        Arrays.fill(newTableSlots, NO_SLOT);

        origins = newOrigins;
        sequences = newSequences;
        createdWallNs = newCreatedWallNs;
        learnedNs = newLearnedNs;
        hops = newHops;
        learnedAgeMilli = newLearnedAgeMilli;
        states = newStates;
        duplicates = newDuplicates;
        payloadLengths = newPayloadLengths;
        marks = newMarks;
        inUse = newInUse;
        eagerPending = newEagerPending;
        paced = newPaced;
        expired = newExpired;
        freeSlots = newFreeSlots;
        payloads = newPayloads;
        tableOrigins = newTableOrigins;
        tableSequences = newTableSequences;
        tableSlots = newTableSlots;
        tableMask = tableSize - 1;
    }

    /** a power of two of at least 4 * capacity (load at most a quarter), computed in long */
    static int tableSizeFor(final int capacity)
    {
        final long wanted = Math.max(16L, 4L * capacity);
        final long size = Long.highestOneBit(wanted - 1) << 1;
        if (size > (1L << 30))
        {
            throw new IllegalArgumentException("rumor table for " + capacity + " rumors exceeds 2^30 entries");
        }
        return (int)size;
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

    /**
     * Stores a rumor not yet known; the caller checked with {@link #find}.
     *
     * @return its slot, or {@link #NO_SLOT} when the store holds {@link #maxRumors()} already or cannot grow (it is
     * then unchanged)
     */
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
            if (slotLimit == origins.length && !grow())
            {
                return NO_SLOT;
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
        paced[slot] = 0;
        expired[slot] = false;
        payloadLengths[slot] = payloadLength;
        inUse[slot] = true;
        if (payloadLength > 0)
        {
            payloads.putBytes(payloadOffset(slot), payload, payloadOffset, payloadLength);
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
        if (slot < 0 || slot >= slotLimit || !inUse[slot])
        {
            return;
        }
        int i = hash(origins[slot], sequences[slot]) & tableMask;
        int probes = 0;
        while (tableSlots[i] != slot)
        {
            if (tableSlots[i] == NO_SLOT || ++probes > tableMask)
            {
                throw new IllegalStateException("rumor slot " + slot + " is missing from the id table");
            }
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

    /** @return false when at the bound or out of memory; the store is then unchanged */
    private boolean grow()
    {
        final int oldCapacity = origins.length;
        if (oldCapacity >= maxRumors)
        {
            return false;
        }
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
        final int[] pc = paced;
        final boolean[] x = expired;
        final UnsafeBuffer oldPayloads = payloads;
        final long[] oldTableOrigins = tableOrigins;
        final long[] oldTableSequences = tableSequences;
        final int[] oldTableSlots = tableSlots;
        final int oldTableMask = tableMask;
        final int[] oldFreeSlots = freeSlots;
        try
        {
            allocate((int)Math.min(maxRumors, 2L * oldCapacity));
        }
        catch (final OutOfMemoryError ex)
        {
            // allocate() assigns nothing until every array exists, so the old arrays are still in place
            assert origins == o && payloads == oldPayloads && tableSlots == oldTableSlots && freeSlots == oldFreeSlots &&
                tableOrigins == oldTableOrigins && tableSequences == oldTableSequences && tableMask == oldTableMask;
            return false;
        }
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
        System.arraycopy(pc, 0, paced, 0, oldCapacity);
        System.arraycopy(x, 0, expired, 0, oldCapacity);
        System.arraycopy(oldFreeSlots, 0, freeSlots, 0, freeCount);
        payloads.putBytes(0, oldPayloads, 0, oldPayloads.capacity());
        for (int slot = 0; slot < oldCapacity; slot++)
        {
            if (inUse[slot])
            {
                insert(origins[slot], sequences[slot], slot);
            }
        }
        return true;
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
    /** latency-paced eager: exchanges this node started that carried the rumor */
    public int pacedExchanges(final int slot)
    {
        return paced[slot] & 0xFFFF;
    }

    /** latency-paced eager: partners of those exchanges that already knew the rumor */
    public int pacedPartnersKnew(final int slot)
    {
        return paced[slot] >>> 16;
    }

    /** count one paced exchange that carried the rumor (saturates at 65,535) */
    public void countPacedExchange(final int slot)
    {
        if ((paced[slot] & 0xFFFF) != 0xFFFF)
        {
            paced[slot]++;
        }
    }

    /** count one partner of a paced exchange that already knew the rumor (saturates at 65,535) */
    public void countPacedPartnerKnew(final int slot)
    {
        if ((paced[slot] >>> 16) != 0xFFFF)
        {
            paced[slot] += 0x10000;
        }
    }

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
        return (int)((long)slot * maxPayloadBytes);
    }

    public int payloadLength(final int slot)
    {
        return payloadLengths[slot];
    }
}
