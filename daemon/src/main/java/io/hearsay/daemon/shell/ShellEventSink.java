package io.hearsay.daemon.shell;

import io.hearsay.core.CoreEventSink;
import io.hearsay.core.EventLearned;
import io.hearsay.core.MemberStatus;
import io.hearsay.records.log.EventLogWriter;
import org.agrona.DirectBuffer;

/**
 * One hosted node's core events: into the process's event log first (with the wall clock added), then to the node's
 * application host; either may be absent. A failure of one does not stop the other; it is counted and the first kept.
 */
public final class ShellEventSink implements CoreEventSink
{
    private final EventLogWriter writer;
    private final ShellClock clock;
    private final CoreEventSink host;
    private long errors;
    private Throwable firstError;

    /**
     * @param writer the event log, or null
     * @param host   the application host (or another sink to call after the log), or null
     */
    public ShellEventSink(final EventLogWriter writer, final ShellClock clock, final CoreEventSink host)
    {
        this.writer = writer;
        this.clock = clock;
        this.host = host;
    }

    /** failures of the log or the host so far */
    public long errors()
    {
        return errors;
    }

    public Throwable firstError()
    {
        return firstError;
    }

    private void onError(final RuntimeException ex)
    {
        if (errors++ == 0)
        {
            firstError = ex;
        }
    }

    public void onEventLearned(final EventLearned event)
    {
        if (writer != null)
        {
            try
            {
                writer.eventLearned(clock.wallNs(event.nowNs()), event);
            }
            catch (final RuntimeException ex)
            {
                onError(ex);
            }
        }
        if (host != null)
        {
            try
            {
                host.onEventLearned(event);
            }
            catch (final RuntimeException ex)
            {
                onError(ex);
            }
        }
    }

    public void onMemberChange(
        final long nowNs, final long node, final long member, final MemberStatus status, final long incarnation)
    {
        onMemberChange(nowNs, node, member, status, incarnation, 0);
    }

    @Override
    public void onMemberChange(
        final long nowNs, final long node, final long member, final MemberStatus status, final long incarnation,
        final long memberBootId)
    {
        if (writer != null)
        {
            try
            {
                writer.memberChange(clock.wallNs(nowNs), nowNs, node, member, status, incarnation, memberBootId);
            }
            catch (final RuntimeException ex)
            {
                onError(ex);
            }
        }
        if (host != null)
        {
            try
            {
                host.onMemberChange(nowNs, node, member, status, incarnation);
            }
            catch (final RuntimeException ex)
            {
                onError(ex);
            }
        }
    }

    public void onAppData(
        final long nowNs, final long node, final long from, final long correlationId, final boolean isResponse,
        final DirectBuffer data, final int offset, final int length)
    {
        if (host != null)
        {
            try
            {
                host.onAppData(nowNs, node, from, correlationId, isResponse, data, offset, length);
            }
            catch (final RuntimeException ex)
            {
                onError(ex);
            }
        }
    }

    public void onRequestTimeout(final long nowNs, final long node, final long correlationId)
    {
        if (host != null)
        {
            try
            {
                host.onRequestTimeout(nowNs, node, correlationId);
            }
            catch (final RuntimeException ex)
            {
                onError(ex);
            }
        }
    }
}
