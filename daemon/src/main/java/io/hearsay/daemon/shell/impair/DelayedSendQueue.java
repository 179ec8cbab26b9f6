package io.hearsay.daemon.shell.impair;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Datagrams held back by a delay impairment, released in due-time order (ties in arrival order) by the duty cycle.
 * One per process: a fixed pool of slots (allocated on first use) and a binary min-heap of slot indices; no
 * allocation per packet. When the pool is full the datagram is dropped and counted ({@link #overflows()}).
 */
public final class DelayedSendQueue
{
    /** Receives each released datagram; the buffer is valid during the call only. */
    @FunctionalInterface
    public interface ReleaseHandler
    {
        void onRelease(int nodeIndex, long toAddress, DirectBuffer buffer, int offset, int length);
    }

    private final int capacity;
    private final int slotBytes;
    private UnsafeBuffer storage;
    private long[] dueNs;
    private long[] order;
    private long[] toAddress;
    private int[] nodeIndex;
    private int[] length;
    private int[] heap;
    private int[] freeSlots;
    private int freeCount;
    private int size;
    private long sequence;
    private long overflows;

    public DelayedSendQueue(final int capacity, final int slotBytes)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("delay queue capacity " + capacity + " is too small; accepted: >= 1");
        }
        this.capacity = capacity;
        this.slotBytes = slotBytes;
    }

    private void allocate()
    {
        storage = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            org.agrona.BitUtil.align(capacity * slotBytes, 64), 64));
        dueNs = new long[capacity];
        order = new long[capacity];
        toAddress = new long[capacity];
        nodeIndex = new int[capacity];
        length = new int[capacity];
        heap = new int[capacity];
        freeSlots = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            freeSlots[i] = capacity - 1 - i;
        }
        freeCount = capacity;
    }

    public int size()
    {
        return size;
    }

    public long overflows()
    {
        return overflows;
    }

    /** @return false (and counted) when the queue is full or the datagram larger than a slot */
    public boolean offer(
        final long releaseAtNs, final int node, final long to, final DirectBuffer buffer, final int offset, final int len)
    {
        if (storage == null)
        {
            allocate();
        }
        if (freeCount == 0 || len > slotBytes)
        {
            overflows++;
            return false;
        }
        final int slot = freeSlots[--freeCount];
        storage.putBytes(slot * slotBytes, buffer, offset, len);
        dueNs[slot] = releaseAtNs;
        order[slot] = sequence++;
        toAddress[slot] = to;
        nodeIndex[slot] = node;
        length[slot] = len;
        heap[size] = slot;
        siftUp(size++);
        return true;
    }

    /** @return when the earliest held datagram is due, or Long.MAX_VALUE when none is held */
    public long nextDueNs()
    {
        return size == 0 ? Long.MAX_VALUE : dueNs[heap[0]];
    }

    /** Release every datagram due at {@code nowNs}. @return the number released */
    public int drain(final long nowNs, final ReleaseHandler handler)
    {
        int released = 0;
        while (size > 0 && dueNs[heap[0]] - nowNs <= 0)
        {
            final int slot = heap[0];
            heap[0] = heap[--size];
            if (size > 0)
            {
                siftDown(0);
            }
            try
            {
                handler.onRelease(nodeIndex[slot], toAddress[slot], storage, slot * slotBytes, length[slot]);
            }
            finally
            {
                freeSlots[freeCount++] = slot;
            }
            released++;
        }
        return released;
    }

    /** Forget everything held for one node (it crashed or slept). */
    public void discardNode(final int node)
    {
        int i = 0;
        while (i < size)
        {
            final int slot = heap[i];
            if (nodeIndex[slot] == node)
            {
                freeSlots[freeCount++] = slot;
                heap[i] = heap[--size];
                if (i < size)
                {
                    siftDown(i);
                    siftUp(i);
                }
            }
            else
            {
                i++;
            }
        }
    }

    private boolean less(final int a, final int b)
    {
        final long d = dueNs[a] - dueNs[b];
        return d < 0 || (d == 0 && order[a] < order[b]);
    }

    private void siftUp(final int index)
    {
        int i = index;
        final int slot = heap[i];
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!less(slot, heap[parent]))
            {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = slot;
    }

    private void siftDown(final int index)
    {
        int i = index;
        final int slot = heap[i];
        while (true)
        {
            final int left = 2 * i + 1;
            if (left >= size)
            {
                break;
            }
            final int right = left + 1;
            final int child = right < size && less(heap[right], heap[left]) ? right : left;
            if (!less(heap[child], slot))
            {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = slot;
    }
}
