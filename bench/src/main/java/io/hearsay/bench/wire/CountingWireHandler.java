package io.hearsay.bench.wire;

import io.hearsay.wire.WireHandler;
import org.agrona.DirectBuffer;

/**
 * A {@link WireHandler} that folds every decoded field into one checksum, so the decoding cannot be optimised away
 * and no per-field Blackhole call dilutes the measurement.
 */
public final class CountingWireHandler implements WireHandler
{
    private long checksum;
    private long parts;

    public long checksum()
    {
        return checksum;
    }

    public long parts()
    {
        return parts;
    }

    private void fold(final long value)
    {
        checksum = checksum * 31 + value;
        parts++;
    }

    public boolean onEnvelope(final long senderAddress, final long senderBootId, final long senderIncarnation, final int senderRound)
    {
        fold(senderAddress ^ senderBootId ^ senderIncarnation ^ senderRound);
        return true;
    }

    public void onProbe(final int kind, final long sequence, final long targetAddress)
    {
        fold(kind ^ sequence ^ targetAddress);
    }

    public void onGossip(final int kind, final long exchangeId)
    {
        fold(kind ^ exchangeId);
    }

    public void onJoin(final boolean requestFullState)
    {
        fold(requestFullState ? 1 : 0);
    }

    public void onMemberState(final int page, final int pageCount)
    {
        fold(page ^ pageCount);
    }

    public void onAppData(final long correlationId, final boolean isResponse)
    {
        fold(correlationId);
    }

    public void onUpdate(final long address, final long bootId, final long incarnation, final int status, final long fromAddress)
    {
        fold(address ^ bootId ^ incarnation ^ status ^ fromAddress);
    }

    public void onRumor(
        final long origin, final long sequence, final long createdWallNs, final int hops, final int ageRounds,
        final int strategyState, final DirectBuffer buffer, final int payloadOffset, final int payloadLength)
    {
        fold(origin ^ sequence ^ createdWallNs ^ hops ^ ageRounds ^ strategyState ^ payloadLength ^
            buffer.getByte(payloadOffset));
    }

    public void onDigest(final long origin, final long sequence, final int strategyState)
    {
        fold(origin ^ sequence ^ strategyState);
    }

    public void onAppDataBody(final DirectBuffer buffer, final int offset, final int length)
    {
        fold(length ^ buffer.getByte(offset));
    }

    public void onMessageEnd()
    {
        parts++;
    }
}
