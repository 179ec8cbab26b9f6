package io.hearsay.wire;

import org.agrona.DirectBuffer;

/**
 * Receives one checked datagram from {@link WireAdapter}, in wire order: {@link #onEnvelope}, then the body's
 * fixed fields ({@link #onProbe}, {@link #onGossip}, {@link #onJoin}, {@link #onMemberState}, {@link #onAppData} or
 * {@link #onDirect}),
 * then its group entries ({@link #onUpdate}, {@link #onRumor}, {@link #onDigest}), then for AppData
 * {@link #onAppDataBody}, and last {@link #onMessageEnd}. Buffers are valid only during the call.
 * Enum values arrive as their wire ordinals (already checked to be known values).
 */
public interface WireHandler
{
    /** @return false to ignore the rest of the datagram (for example a packet from this node itself) */
    boolean onEnvelope(long senderAddress, long senderBootId, long senderIncarnation, int senderRound);

    /** @param kind {@link io.hearsay.wire.sbe.ProbeKind} ordinal */
    void onProbe(int kind, long sequence, long targetAddress);

    /** @param kind {@link io.hearsay.wire.sbe.GossipKind} ordinal */
    void onGossip(int kind, long exchangeId);

    void onJoin(boolean requestFullState);

    void onMemberState(int page, int pageCount);

    void onAppData(long correlationId, boolean isResponse);

    /**
     * A direct-addressing message's fixed fields (template 70; its groups follow as updates, rumors, digest).
     *
     * @param kind {@link io.hearsay.wire.sbe.DirectKind} ordinal
     * @param op   {@link io.hearsay.wire.sbe.DirectOp} ordinal
     */
    default void onDirect(
        int kind, int op, long planNodes, int structureRound, long callId, long leader, long root, int groupSize,
        long target, int decision, int flags)
    {
    }

    /** A membership update (Probe, Gossip) or a member table entry (MemberState, with fromAddress = the sender). */
    void onUpdate(long address, long bootId, long incarnation, int status, long fromAddress);

    void onRumor(
        long origin, long sequence, long createdWallNs, int hops, int ageMilliRounds, int strategyState,
        DirectBuffer buffer, int payloadOffset, int payloadLength);

    void onDigest(long origin, long sequence, int strategyState);

    void onAppDataBody(DirectBuffer buffer, int offset, int length);

    void onMessageEnd();
}
