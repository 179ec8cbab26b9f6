package io.hearsay.core.membership;

import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Every member this node knows, itself included: address, boot id, incarnation, status and when the status last
 * changed, in parallel arrays indexed by a stable slot. Keeps a dense list of the live peers (ALIVE or SUSPECT,
 * itself excluded) for uniform sampling in O(1). Grows by doubling; allocation-free otherwise.
 */
public final class MemberTable
{
    public static final int NO_SLOT = -1;

    private final Long2LongHashMap slotByAddress = new Long2LongHashMap(NO_SLOT);
    private final long selfAddress;
    /** the live view's bucket digests of this table, kept up to date entry by entry (a report copies it) */
    private final ViewDigest viewDigest = new ViewDigest();
    private long[] addresses;
    private long[] bootIds;
    private long[] incarnations;
    private long[] changedNs;
    private int[] statuses;
    private boolean[] heardDirectly;
    private long[] nextNotifyNs;
    private long[] challenges;
    private byte[] challengeRetries;
    private int[] peerPosition;
    private int[] peers;
    private int[] freeSlots;
    private int peerCount;
    private int liveVersion;
    private int freeCount;
    private int slotLimit;
    private int size;

    public MemberTable(final long selfAddress, final int initialCapacity)
    {
        this.selfAddress = selfAddress;
        final int capacity = Math.max(4, initialCapacity);
        addresses = new long[capacity];
        bootIds = new long[capacity];
        incarnations = new long[capacity];
        changedNs = new long[capacity];
        statuses = new int[capacity];
        heardDirectly = new boolean[capacity];
        nextNotifyNs = new long[capacity];
        challenges = new long[capacity];
        challengeRetries = new byte[capacity];
        peerPosition = new int[capacity];
        peers = new int[capacity];
        freeSlots = new int[capacity];
    }

    public int slotOf(final long address)
    {
        return (int)slotByAddress.get(address);
    }

    public int add(final long address, final long bootId, final long incarnation, final int status, final long nowNs)
    {
        final int slot;
        if (freeCount > 0)
        {
            slot = freeSlots[--freeCount];
        }
        else
        {
            if (slotLimit == addresses.length)
            {
                grow();
            }
            slot = slotLimit++;
        }
        addresses[slot] = address;
        statuses[slot] = -1;
        heardDirectly[slot] = false;
        nextNotifyNs[slot] = nowNs;
        challenges[slot] = 0;
        challengeRetries[slot] = 0;
        peerPosition[slot] = NO_SLOT;
        slotByAddress.put(address, slot);
        size++;
        set(slot, bootId, incarnation, status, nowNs);
        return slot;
    }

    public void set(final int slot, final long bootId, final long incarnation, final int status, final long nowNs)
    {
        if (statuses[slot] < 0)
        {
            viewDigest.add(addresses[slot], incarnation, status);
        }
        else if (statuses[slot] != status || incarnations[slot] != incarnation)
        {
            viewDigest.remove(addresses[slot], incarnations[slot], statuses[slot]);
            viewDigest.add(addresses[slot], incarnation, status);
        }
        bootIds[slot] = bootId;
        incarnations[slot] = incarnation;
        if (statuses[slot] != status)
        {
            statuses[slot] = status;
            changedNs[slot] = nowNs;
        }
        final boolean shouldBePeer = MemberPrecedence.isLive(status) && addresses[slot] != selfAddress;
        if (shouldBePeer && peerPosition[slot] == NO_SLOT)
        {
            peerPosition[slot] = peerCount;
            peers[peerCount++] = slot;
            liveVersion++;
        }
        else if (!shouldBePeer && peerPosition[slot] != NO_SLOT)
        {
            removePeer(slot);
        }
    }

    public void remove(final int slot)
    {
        if (peerPosition[slot] != NO_SLOT)
        {
            removePeer(slot);
        }
        slotByAddress.remove(addresses[slot]);
        viewDigest.remove(addresses[slot], incarnations[slot], statuses[slot]);
        statuses[slot] = -1;
        freeSlots[freeCount++] = slot;
        size--;
    }

    private void removePeer(final int slot)
    {
        final int position = peerPosition[slot];
        final int lastSlot = peers[--peerCount];
        peers[position] = lastSlot;
        peerPosition[lastSlot] = position;
        peerPosition[slot] = NO_SLOT;
        liveVersion++;
    }

    /** Make room for at least {@code capacity} slots at once (exact size, no doubling); never shrinks. */
    public void ensureCapacity(final int capacity)
    {
        if (capacity > addresses.length)
        {
            resize(capacity);
        }
    }

    private void grow()
    {
        resize(addresses.length * 2);
    }

    private void resize(final int capacity)
    {
        addresses = Arrays.copyOf(addresses, capacity);
        bootIds = Arrays.copyOf(bootIds, capacity);
        incarnations = Arrays.copyOf(incarnations, capacity);
        changedNs = Arrays.copyOf(changedNs, capacity);
        statuses = Arrays.copyOf(statuses, capacity);
        heardDirectly = Arrays.copyOf(heardDirectly, capacity);
        nextNotifyNs = Arrays.copyOf(nextNotifyNs, capacity);
        challenges = Arrays.copyOf(challenges, capacity);
        challengeRetries = Arrays.copyOf(challengeRetries, capacity);
        peerPosition = Arrays.copyOf(peerPosition, capacity);
        peers = Arrays.copyOf(peers, capacity);
        freeSlots = Arrays.copyOf(freeSlots, capacity);
    }

    /** slots are in {@code [0, slotLimit())}; some may be free ({@link #inUse}) */
    public int slotLimit()
    {
        return slotLimit;
    }

    public boolean inUse(final int slot)
    {
        return statuses[slot] >= 0;
    }

    public int size()
    {
        return size;
    }

    public long address(final int slot)
    {
        return addresses[slot];
    }

    public long bootId(final int slot)
    {
        return bootIds[slot];
    }

    public long incarnation(final int slot)
    {
        return incarnations[slot];
    }

    public int status(final int slot)
    {
        return statuses[slot];
    }

    public long changedNs(final int slot)
    {
        return changedNs[slot];
    }

    /** whether this node has taken the member's boot id and incarnation from its own envelope (not only hearsay) */
    public boolean heardDirectly(final int slot)
    {
        return heardDirectly[slot];
    }

    public void heardDirectly(final int slot, final boolean heard)
    {
        heardDirectly[slot] = heard;
    }

    /** rate limit of direct notices to the member (a ping carrying our claim about it): not before this time */
    public long nextNotifyNs(final int slot)
    {
        return nextNotifyNs[slot];
    }

    public void nextNotifyNs(final int slot, final long ns)
    {
        nextNotifyNs[slot] = ns;
    }

    /** the sequence of the last direct ping to the member (its ack answers our challenge), or 0 */
    public long challenge(final int slot)
    {
        return challenges[slot];
    }

    public void challenge(final int slot, final long sequence)
    {
        challenges[slot] = sequence;
    }

    /** how many more times an unanswered challenge to the member is sent again (one a rejoin period) */
    public int challengeRetries(final int slot)
    {
        return challengeRetries[slot];
    }

    public void challengeRetries(final int slot, final int retries)
    {
        challengeRetries[slot] = (byte)retries;
    }

    /** live members other than this node */
    public int peerCount()
    {
        return peerCount;
    }

    /** changes whenever the set of live peers changes (a view derived from it is rebuilt when this differs) */
    public int liveVersion()
    {
        return liveVersion;
    }

    public int peerSlot(final int index)
    {
        return peers[index];
    }

    /** The table's live-view digest, up to date after every change (read it on the thread that changes the table). */
    public ViewDigest viewDigest()
    {
        return viewDigest;
    }
}
