package io.hearsay.daemon.shell;

import io.hearsay.core.Channel;
import io.hearsay.core.CoreEventSink;
import io.hearsay.core.MemberStatus;
import org.agrona.DirectBuffer;

/**
 * Passes each core event to several sinks in order (the event log first, then the application host). A sink that
 * throws does not stop the others; the error is counted and the first of each kind kept.
 */
public final class FanOutSink implements CoreEventSink
{
    private final CoreEventSink[] sinks;
    private long errors;
    private Throwable firstError;

    public FanOutSink(final CoreEventSink... sinks)
    {
        this.sinks = sinks.clone();
    }

    /** @return the sink itself when there is only one, else a fan-out over them */
    public static CoreEventSink of(final CoreEventSink... sinks)
    {
        return sinks.length == 1 ? sinks[0] : new FanOutSink(sinks);
    }

    public long errors()
    {
        return errors;
    }

    public Throwable firstError()
    {
        return firstError;
    }

    private void onError(final Throwable ex)
    {
        if (errors++ == 0)
        {
            firstError = ex;
        }
    }

    public void onEventLearned(
        final long nowNs, final long node, final long origin, final long sequence, final long createdWallNs,
        final int round, final int hops, final long fromAddress, final Channel channel, final int duplicates,
        final DirectBuffer payload, final int payloadOffset, final int payloadLength)
    {
        for (final CoreEventSink sink : sinks)
        {
            try
            {
                sink.onEventLearned(nowNs, node, origin, sequence, createdWallNs, round, hops, fromAddress, channel,
                    duplicates, payload, payloadOffset, payloadLength);
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
        for (final CoreEventSink sink : sinks)
        {
            try
            {
                sink.onMemberChange(nowNs, node, member, status, incarnation);
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
        for (final CoreEventSink sink : sinks)
        {
            try
            {
                sink.onAppData(nowNs, node, from, correlationId, isResponse, data, offset, length);
            }
            catch (final RuntimeException ex)
            {
                onError(ex);
            }
        }
    }

    public void onRequestTimeout(final long nowNs, final long node, final long correlationId)
    {
        for (final CoreEventSink sink : sinks)
        {
            try
            {
                sink.onRequestTimeout(nowNs, node, correlationId);
            }
            catch (final RuntimeException ex)
            {
                onError(ex);
            }
        }
    }
}
