package io.hearsay.sim.engine;

/**
 * The event queue of the discrete-event engine: events ordered by (time, sequence), allocation-free, sized for
 * hundreds of millions of events. Virtual time is kept in whole microseconds ("ticks"). Events within a
 * horizon of {@code ringTicks} ticks live in a ring of per-tick FIFO lists (a calendar queue with one-tick
 * buckets); since sequence numbers grow with insertion, FIFO order within a tick is sequence order. Events
 * beyond the horizon wait in a binary heap ordered by (time, sequence) and move into the ring when their tick
 * comes within the horizon, before anything else can be inserted for that tick, so the order stays exact.
 * <p>
 * An event is a kind byte and three ints ({@code a}, {@code b}, {@code c}), stored in a growable pool of
 * parallel arrays: about 17 bytes per pending event.
 */
public final class EventScheduler
{
    public static final long NS_PER_TICK = 1_000;

    private final int ringMask;
    private final int[] head;
    private final int[] tail;
    private long nowTick;
    private long ringCount;

    private int[] next;
    private byte[] kind;
    private int[] a;
    private int[] b;
    private int[] c;
    private int freeHead = -1;
    private int poolUsed;

    private long[] heapTick = new long[64];
    private long[] heapSeq = new long[64];
    private int[] heapSlot = new int[64];
    private int heapSize;
    private long sequence;

    private int currentSlot = -1;
    private long processed;

    public EventScheduler(final long horizonNs, final int initialCapacity)
    {
        final long ticks = Math.max(1024, horizonNs / NS_PER_TICK + 1);
        final int ringTicks = (int)Math.min(1 << 24, Long.highestOneBit(ticks - 1) << 1);
        ringMask = ringTicks - 1;
        head = new int[ringTicks];
        tail = new int[ringTicks];
        java.util.Arrays.fill(head, -1);
        final int capacity = Math.max(16, initialCapacity);
        next = new int[capacity];
        kind = new byte[capacity];
        a = new int[capacity];
        b = new int[capacity];
        c = new int[capacity];
    }

    /** bytes per pooled event */
    public static long bytesPerEvent()
    {
        return 4 + 1 + 4 + 4 + 4;
    }

    public long nowNs()
    {
        return nowTick * NS_PER_TICK;
    }

    public long pending()
    {
        return ringCount + heapSize;
    }

    public long processed()
    {
        return processed;
    }

    /** schedules an event at {@code timeNs} (rounded down to the tick; never before now) */
    public void schedule(final long timeNs, final int eventKind, final int eventA, final int eventB, final int eventC)
    {
        final long tick = Math.max(nowTick, timeNs / NS_PER_TICK);
        final int slot = allocate();
        kind[slot] = (byte)eventKind;
        a[slot] = eventA;
        b[slot] = eventB;
        c[slot] = eventC;
        sequence++;
        if (tick - nowTick <= ringMask)
        {
            append(tick, slot);
        }
        else
        {
            heapPush(tick, sequence, slot);
        }
    }

    /**
     * Advances to the next event, not beyond {@code limitNs}. Afterwards read it with {@link #kind()},
     * {@link #a()}, {@link #b()}, {@link #c()} until the next call.
     *
     * @return false when nothing is left before the limit (time then stands at the limit or the last event)
     */
    public boolean next(final long limitNs)
    {
        if (currentSlot >= 0)
        {
            release(currentSlot);
            currentSlot = -1;
        }
        final long limitTick = limitNs / NS_PER_TICK;
        while (true)
        {
            final int bucket = (int)(nowTick & ringMask);
            final int slot = head[bucket];
            if (slot >= 0)
            {
                head[bucket] = next[slot];
                ringCount--;
                currentSlot = slot;
                processed++;
                return true;
            }
            if (ringCount == 0)
            {
                if (heapSize == 0 || heapTick[0] > limitTick)
                {
                    return false;
                }
                nowTick = heapTick[0];
                migrate();
                continue;
            }
            if (nowTick >= limitTick)
            {
                return false;
            }
            nowTick++;
            migrate();
        }
    }

    public int kind()
    {
        return kind[currentSlot];
    }

    public int a()
    {
        return a[currentSlot];
    }

    public int b()
    {
        return b[currentSlot];
    }

    public int c()
    {
        return c[currentSlot];
    }

    private void migrate()
    {
        while (heapSize > 0 && heapTick[0] - nowTick <= ringMask)
        {
            final long tick = heapTick[0];
            final int slot = heapSlot[0];
            heapPop();
            append(tick, slot);
        }
    }

    private void append(final long tick, final int slot)
    {
        final int bucket = (int)(tick & ringMask);
        next[slot] = -1;
        if (head[bucket] < 0)
        {
            head[bucket] = slot;
        }
        else
        {
            next[tail[bucket]] = slot;
        }
        tail[bucket] = slot;
        ringCount++;
    }

    private int allocate()
    {
        if (freeHead >= 0)
        {
            final int slot = freeHead;
            freeHead = next[slot];
            return slot;
        }
        if (poolUsed == next.length)
        {
            final int capacity = (int)Math.min(Integer.MAX_VALUE - 8, next.length + (long)(next.length >> 1) + 16);
            if (capacity == next.length)
            {
                throw new IllegalStateException("event pool full: " + capacity + " pending events");
            }
            next = java.util.Arrays.copyOf(next, capacity);
            kind = java.util.Arrays.copyOf(kind, capacity);
            a = java.util.Arrays.copyOf(a, capacity);
            b = java.util.Arrays.copyOf(b, capacity);
            c = java.util.Arrays.copyOf(c, capacity);
        }
        return poolUsed++;
    }

    private void release(final int slot)
    {
        next[slot] = freeHead;
        freeHead = slot;
    }

    private void heapPush(final long tick, final long seq, final int slot)
    {
        if (heapSize == heapTick.length)
        {
            final int capacity = heapSize * 2;
            heapTick = java.util.Arrays.copyOf(heapTick, capacity);
            heapSeq = java.util.Arrays.copyOf(heapSeq, capacity);
            heapSlot = java.util.Arrays.copyOf(heapSlot, capacity);
        }
        int i = heapSize++;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!less(tick, seq, heapTick[parent], heapSeq[parent]))
            {
                break;
            }
            heapTick[i] = heapTick[parent];
            heapSeq[i] = heapSeq[parent];
            heapSlot[i] = heapSlot[parent];
            i = parent;
        }
        heapTick[i] = tick;
        heapSeq[i] = seq;
        heapSlot[i] = slot;
    }

    private void heapPop()
    {
        final int last = --heapSize;
        final long tick = heapTick[last];
        final long seq = heapSeq[last];
        final int slot = heapSlot[last];
        int i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= last)
            {
                break;
            }
            if (child + 1 < last && less(heapTick[child + 1], heapSeq[child + 1], heapTick[child], heapSeq[child]))
            {
                child++;
            }
            if (!less(heapTick[child], heapSeq[child], tick, seq))
            {
                break;
            }
            heapTick[i] = heapTick[child];
            heapSeq[i] = heapSeq[child];
            heapSlot[i] = heapSlot[child];
            i = child;
        }
        if (last > 0)
        {
            heapTick[i] = tick;
            heapSeq[i] = seq;
            heapSlot[i] = slot;
        }
    }

    private static boolean less(final long tickA, final long seqA, final long tickB, final long seqB)
    {
        return tickA < tickB || (tickA == tickB && seqA < seqB);
    }
}
