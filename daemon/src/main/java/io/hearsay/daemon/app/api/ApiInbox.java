package io.hearsay.daemon.app.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} notices (events, data, membership changes) of one node, as JSON trees, numbered from
 * 1, for long-poll and server-sent-event readers. Written on the application thread, read on local API threads;
 * a reader that falls more than {@code capacity} notices behind is told how many it missed; a reader ahead of the
 * inbox (a cursor kept across a daemon restart) is brought back to its head.
 */
final class ApiInbox
{
    /** One notice; {@code json} is not changed after {@link #append}. */
    record Notice(long sequence, String type, ObjectNode json)
    {
        /** {@code {"seq": sequence, ...the notice's fields}} */
        ObjectNode numbered()
        {
            final ObjectNode numbered = json.objectNode().put("seq", sequence);
            numbered.setAll(json);
            return numbered;
        }
    }

    /** What a poll returns. */
    record Batch(List<Notice> notices, long next, long missed)
    {
    }

    private final Notice[] ring;
    private long head;

    ApiInbox(final int capacity)
    {
        ring = new Notice[capacity];
    }

    synchronized void append(final String type, final ObjectNode json)
    {
        head++;
        ring[(int)(head % ring.length)] = new Notice(head, type, json);
        notifyAll();
    }

    synchronized long head()
    {
        return head;
    }

    /**
     * Notices after {@code after} (or wait for them until {@code deadlineMs}, by {@link System#currentTimeMillis()}).
     */
    synchronized Batch poll(final long after, final int max, final long deadlineMs, final java.util.Set<String> types)
        throws InterruptedException
    {
        long from = Math.min(after, head);
        long missed = 0;
        while (true)
        {
            final long oldest = Math.max(1, head - ring.length + 1);
            if (from + 1 < oldest)
            {
                missed += oldest - (from + 1);
                from = oldest - 1;
            }
            final List<Notice> notices = new ArrayList<>();
            long next = from;
            for (long s = from + 1; s <= head && notices.size() < max; s++)
            {
                final Notice notice = ring[(int)(s % ring.length)];
                next = s;
                if (null == types || types.contains(notice.type()))
                {
                    notices.add(notice);
                }
            }
            from = next;
            final long remainingMs = deadlineMs - System.currentTimeMillis();
            if (!notices.isEmpty() || remainingMs <= 0)
            {
                return new Batch(notices, next, missed);
            }
            wait(remainingMs);
        }
    }
}
