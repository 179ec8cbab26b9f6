package io.hearsay.sim.engine;

/**
 * The event queue of the discrete-event engine: events ordered by (time, sequence), allocation-free, sized for
 * hundreds of millions of events. Virtual time is kept in whole microseconds ("ticks"). Events within a
 * horizon of {@code ringTicks} ticks live in a ring of per-tick FIFO lists (a calendar queue with one-tick
 * buckets); since sequence numbers grow with insertion, FIFO order within a tick is sequence order. Events
 * beyond the horizon wait in a binary heap ordered by (time, sequence) and move into the ring when their tick
 * comes within the horizon, before anything else can be inserted for that tick, so the order stays exact.
 * <p>
 * An event is a kind (0..15) and three ints ({@code a} &lt; 2^27, {@code b}, {@code c}), stored interleaved in one
 * growable {@code int[]} pool, 16 bytes per pending event, so reading an event costs one cache line (parallel
 * arrays cost one miss per field and made the dissemination fidelity several times slower).
 */
public final class EventScheduler
{
    public static final long NS_PER_TICK = 1_000;

    private final int ringMask;
    private final int[] head;
    private final int[] tail;
    private long nowTick;
    private long ringCount;

    private static final int STRIDE = 4;
    private static final int NEXT = 0;
    private static final int KIND_A = 1;
    private static final int B = 2;
    private static final int C = 3;
    private static final int KIND_SHIFT = 27;
    private static final int A_MASK = (1 << KIND_SHIFT) - 1;
    public static final int MAX_A = A_MASK;

    private int[] pool;
    private int capacity;
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
        capacity = (int)Math.min((Integer.MAX_VALUE - 8) / STRIDE, Math.max(16, initialCapacity));
        pool = new int[capacity * STRIDE];
    }

    /** bytes per pooled event */
    public static long bytesPerEvent()
    {
        return 4 * STRIDE;
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

    /** the time an event scheduled at {@code timeNs} will run: rounded up to the tick, so never early */
    public static long ceilTick(final long timeNs)
    {
        return timeNs <= 0 ? 0 : (timeNs + NS_PER_TICK - 1) / NS_PER_TICK;
    }

    /** schedules an event at {@code timeNs} (rounded up to the tick; never before now) */
    public void schedule(final long timeNs, final int eventKind, final int eventA, final int eventB, final int eventC)
    {
        if (eventA < 0 || eventA > MAX_A || eventKind < 0 || eventKind > 15)
        {
            throw new IllegalArgumentException("event kind " + eventKind + " / a " + eventA + " out of range (kind 0..15, a 0.." + MAX_A + ")");
        }
        final long tick = Math.max(nowTick, ceilTick(timeNs));
        final int slot = allocate();
        final int base = slot * STRIDE;
        pool[base + KIND_A] = (eventKind << KIND_SHIFT) | eventA;
        pool[base + B] = eventB;
        pool[base + C] = eventC;
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
     * @return false when nothing is left before the limit (time then stands at the limit)
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
                head[bucket] = pool[slot * STRIDE + NEXT];
                ringCount--;
                currentSlot = slot;
                processed++;
                return true;
            }
            if (ringCount == 0)
            {
                if (heapSize == 0 || heapTick[0] > limitTick)
                {
                    nowTick = Math.max(nowTick, Math.min(limitTick, heapSize == 0 ? limitTick : heapTick[0]));
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
        return pool[currentSlot * STRIDE + KIND_A] >>> KIND_SHIFT;
    }

    public int a()
    {
        return pool[currentSlot * STRIDE + KIND_A] & A_MASK;
    }

    public int b()
    {
        return pool[currentSlot * STRIDE + B];
    }

    public int c()
    {
        return pool[currentSlot * STRIDE + C];
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
        pool[slot * STRIDE + NEXT] = -1;
        if (head[bucket] < 0)
        {
            head[bucket] = slot;
        }
        else
        {
            pool[tail[bucket] * STRIDE + NEXT] = slot;
        }
        tail[bucket] = slot;
        ringCount++;
    }

    private int allocate()
    {
        if (freeHead >= 0)
        {
            final int slot = freeHead;
            freeHead = pool[slot * STRIDE + NEXT];
            return slot;
        }
        if (poolUsed == capacity)
        {
            final int grown = (int)Math.min((Integer.MAX_VALUE - 8) / STRIDE, capacity + (long)(capacity >> 1) + 16);
            if (grown == capacity)
            {
                throw new IllegalStateException("event pool full: " + capacity + " pending events");
            }
            pool = java.util.Arrays.copyOf(pool, grown * STRIDE);
            capacity = grown;
        }
        return poolUsed++;
    }

    private void release(final int slot)
    {
        pool[slot * STRIDE + NEXT] = freeHead;
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
