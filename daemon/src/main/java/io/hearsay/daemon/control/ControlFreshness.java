package io.hearsay.daemon.control;

import org.agrona.collections.Long2LongHashMap;

/**
 * Replay protection of authenticated control commands: a command is obeyed only when its authenticated send time is
 * within {@code windowMs} of the daemon's clock and its request id (the client's nonce) has not been obeyed before.
 * Every obeyed id is remembered until its send time has left the window, so a captured command replayed any time
 * later is refused: inside the window by its id, outside by its time. The memory is bounded ({@code capacity} ids):
 * when it is full of ids still inside the window a new command is refused (busy) rather than forgetting one that
 * could still be replayed. Single thread (the duty cycle).
 */
public final class ControlFreshness
{
    /** the default window: commands older or further ahead than this are refused */
    public static final long DEFAULT_WINDOW_MS = 30_000;
    /** the default memory: commands obeyed per window at most */
    public static final int DEFAULT_CAPACITY = 4_096;

    /** What {@link #admit} decided. */
    public enum Verdict
    {
        FRESH,
        /** the send time is outside the window (too old, or too far ahead of this clock) */
        STALE,
        /** the request id was already obeyed within the window */
        REPLAYED,
        /** the memory is full of ids still inside the window */
        BUSY
    }

    private final long windowMs;
    private final int capacity;
    /** request id -> send time, for every id obeyed whose send time is still inside the window */
    private final Long2LongHashMap sentMsById;
    /** the same ids in the order they were obeyed (a ring), to forget them when they leave the window */
    private final long[] order;
    private int head;
    private int size;

    public ControlFreshness(final long windowMs, final int capacity)
    {
        if (windowMs <= 0 || capacity <= 0)
        {
            throw new IllegalArgumentException("freshness window " + windowMs + " ms, capacity " + capacity +
                "; accepted: both > 0");
        }
        this.windowMs = windowMs;
        this.capacity = capacity;
        this.sentMsById = new Long2LongHashMap(capacity * 2, 0.65f, Long.MIN_VALUE);
        this.order = new long[capacity];
    }

    public ControlFreshness()
    {
        this(DEFAULT_WINDOW_MS, DEFAULT_CAPACITY);
    }

    /** Whether a command is fresh; a fresh one is remembered (its id is refused from now on while in the window). */
    public Verdict admit(final long requestId, final long sentWallMs, final long nowWallMs)
    {
        forgetExpired(nowWallMs);
        if (sentWallMs < nowWallMs - windowMs || sentWallMs > nowWallMs + windowMs)
        {
            return Verdict.STALE;
        }
        if (sentMsById.containsKey(requestId))
        {
            return Verdict.REPLAYED;
        }
        if (size == capacity)
        {
            return Verdict.BUSY;
        }
        sentMsById.put(requestId, sentWallMs);
        order[(head + size) % capacity] = requestId;
        size++;
        return Verdict.FRESH;
    }

    /** ids remembered now */
    public int remembered()
    {
        return size;
    }

    /**
     * Forgets the ids, oldest obeyed first, whose send time has left the window (a command obeyed later but sent
     * earlier waits behind the head: it is kept a little longer, never forgotten early).
     */
    private void forgetExpired(final long nowWallMs)
    {
        while (size > 0)
        {
            final long id = order[head];
            final long sentMs = sentMsById.get(id);
            if (sentMs != Long.MIN_VALUE && sentMs >= nowWallMs - windowMs)
            {
                return;
            }
            sentMsById.remove(id);
            head = (head + 1) % capacity;
            size--;
        }
    }
}
