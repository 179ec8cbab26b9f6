package io.hearsay.wire;

import io.hearsay.wire.sbe.AppDataEncoder;
import io.hearsay.wire.sbe.BooleanType;
import io.hearsay.wire.sbe.DirectEncoder;
import io.hearsay.wire.sbe.DirectKind;
import io.hearsay.wire.sbe.DirectOp;
import io.hearsay.wire.sbe.EnvelopeEncoder;
import io.hearsay.wire.sbe.GossipEncoder;
import io.hearsay.wire.sbe.GossipKind;
import io.hearsay.wire.sbe.JoinEncoder;
import io.hearsay.wire.sbe.MemberStateEncoder;
import io.hearsay.wire.sbe.MemberStatus;
import io.hearsay.wire.sbe.MessageHeaderEncoder;
import io.hearsay.wire.sbe.ProbeEncoder;
import io.hearsay.wire.sbe.ProbeKind;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Encodes one datagram at a time into its own buffer of {@code budgetBytes}: the Envelope, then one body, then the
 * body's groups in schema order. Usage: {@code beginX(...)}, then for each of the body's groups in order its
 * {@code xCount(n)} and n entries, then {@link #finish()} (or {@link #finishAppData}). Counts come first, so the
 * caller decides what fits before encoding, with the size constants and {@code *FixedBytes()} methods here.
 * SBE flyweights are final fields; nothing is allocated after construction.
 */
public final class WirePublisher
{
    public static final int HEADER_BYTES = MessageHeaderEncoder.ENCODED_LENGTH;
    public static final int GROUP_HEADER_BYTES = 4;
    public static final int VAR_HEADER_BYTES = 2;
    /** one membership update in a Probe or Gossip */
    public static final int UPDATE_BYTES = ProbeEncoder.UpdatesEncoder.sbeBlockLength();
    /** one rumor without its payload (block plus the payload's length field) */
    public static final int RUMOR_FIXED_BYTES = ProbeEncoder.RumorsEncoder.sbeBlockLength() + VAR_HEADER_BYTES;
    public static final int DIGEST_BYTES = GossipEncoder.DigestEncoder.sbeBlockLength();
    public static final int MEMBER_BYTES = MemberStateEncoder.MembersEncoder.sbeBlockLength();

    private static final int NONE = 0;
    private static final int PROBE = ProbeEncoder.TEMPLATE_ID;
    private static final int GOSSIP = GossipEncoder.TEMPLATE_ID;
    private static final int MEMBER_STATE = MemberStateEncoder.TEMPLATE_ID;
    private static final int APP_DATA = AppDataEncoder.TEMPLATE_ID;
    private static final int DIRECT = DirectEncoder.TEMPLATE_ID;
    private static final DirectKind[] DIRECT_KINDS = DirectKind.values();
    private static final DirectOp[] DIRECT_OPS = DirectOp.values();

    private static final ProbeKind[] PROBE_KINDS = ProbeKind.values();
    private static final GossipKind[] GOSSIP_KINDS = GossipKind.values();
    private static final MemberStatus[] STATUSES = MemberStatus.values();

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final EnvelopeEncoder envelope = new EnvelopeEncoder();
    private final ProbeEncoder probe = new ProbeEncoder();
    private final GossipEncoder gossip = new GossipEncoder();
    private final JoinEncoder join = new JoinEncoder();
    private final MemberStateEncoder memberState = new MemberStateEncoder();
    private final AppDataEncoder appData = new AppDataEncoder();
    private final DirectEncoder direct = new DirectEncoder();
    private final UnsafeBuffer buffer;
    private final UnsafeBuffer clusterName;
    private final long senderAddress;
    private final long senderBootId;
    private final int envelopeBytes;

    private ProbeEncoder.UpdatesEncoder probeUpdates;
    private ProbeEncoder.RumorsEncoder probeRumors;
    private GossipEncoder.UpdatesEncoder gossipUpdates;
    private GossipEncoder.RumorsEncoder gossipRumors;
    private GossipEncoder.DigestEncoder gossipDigest;
    private MemberStateEncoder.MembersEncoder members;
    private AppDataEncoder.RumorsEncoder appDataRumors;
    private DirectEncoder.UpdatesEncoder directUpdates;
    private DirectEncoder.RumorsEncoder directRumors;
    private DirectEncoder.DigestEncoder directDigest;
    private int template = NONE;
    private int bodyOffset;

    public WirePublisher(final String clusterName, final long senderAddress, final long senderBootId, final int budgetBytes)
    {
        this.clusterName = new UnsafeBuffer(clusterName.getBytes(StandardCharsets.UTF_8));
        this.senderAddress = senderAddress;
        this.senderBootId = senderBootId;
        this.buffer = new UnsafeBuffer(new byte[budgetBytes]);
        this.envelopeBytes = HEADER_BYTES + EnvelopeEncoder.BLOCK_LENGTH + VAR_HEADER_BYTES + this.clusterName.capacity();
    }

    public DirectBuffer buffer()
    {
        return buffer;
    }

    public int budgetBytes()
    {
        return buffer.capacity();
    }

    public static int rumorBytes(final int payloadLength)
    {
        return RUMOR_FIXED_BYTES + payloadLength;
    }

    /** bytes of a Probe with empty groups */
    public int probeFixedBytes()
    {
        return envelopeBytes + HEADER_BYTES + ProbeEncoder.BLOCK_LENGTH + 2 * GROUP_HEADER_BYTES;
    }

    /** bytes of a Gossip with empty groups */
    public int gossipFixedBytes()
    {
        return envelopeBytes + HEADER_BYTES + GossipEncoder.BLOCK_LENGTH + 3 * GROUP_HEADER_BYTES;
    }

    /** bytes of a Direct message with empty groups */
    public int directFixedBytes()
    {
        return envelopeBytes + HEADER_BYTES + DirectEncoder.BLOCK_LENGTH + 3 * GROUP_HEADER_BYTES;
    }

    /** bytes of a MemberState with no members */
    public int memberStateFixedBytes()
    {
        return envelopeBytes + HEADER_BYTES + MemberStateEncoder.BLOCK_LENGTH + GROUP_HEADER_BYTES;
    }

    /** bytes of an AppData with no rumors and {@code dataLength} bytes of data */
    public int appDataFixedBytes(final int dataLength)
    {
        return envelopeBytes + HEADER_BYTES + AppDataEncoder.BLOCK_LENGTH + GROUP_HEADER_BYTES + VAR_HEADER_BYTES +
            dataLength;
    }

    private int envelope(final long incarnation, final int round)
    {
        envelope.wrapAndApplyHeader(buffer, 0, header)
            .senderAddress(senderAddress)
            .senderBootId(senderBootId)
            .senderIncarnation(incarnation)
            .senderRound(round)
            .putClusterName(clusterName, 0, clusterName.capacity());
        return envelope.limit();
    }

    public void beginProbe(final long incarnation, final int round, final int kind, final long sequence, final long target)
    {
        bodyOffset = envelope(incarnation, round);
        probe.wrapAndApplyHeader(buffer, bodyOffset, header)
            .kind(PROBE_KINDS[kind])
            .sequence(sequence)
            .targetAddress(target);
        template = PROBE;
    }

    public void beginGossip(final long incarnation, final int round, final int kind, final long exchangeId)
    {
        bodyOffset = envelope(incarnation, round);
        gossip.wrapAndApplyHeader(buffer, bodyOffset, header)
            .kind(GOSSIP_KINDS[kind])
            .exchangeId(exchangeId);
        template = GOSSIP;
    }

    /** A Direct message (direct addressing); then its updates, rumors and digest groups. */
    public void beginDirect(
        final long incarnation, final int round, final int kind, final int op, final long planNodes,
        final int structureRound, final long callId, final long leader, final long root, final int groupSize,
        final long target, final int decision, final int flags)
    {
        bodyOffset = envelope(incarnation, round);
        direct.wrapAndApplyHeader(buffer, bodyOffset, header)
            .kind(DIRECT_KINDS[kind])
            .op(DIRECT_OPS[op])
            .planNodes(planNodes)
            .structureRound(structureRound)
            .callId(callId)
            .leader(leader)
            .root(root)
            .groupSize(groupSize)
            .target(target)
            .decision((short)decision)
            .flags((short)flags);
        template = DIRECT;
    }

    public void beginMemberState(final long incarnation, final int round, final int page, final int pageCount)
    {
        bodyOffset = envelope(incarnation, round);
        memberState.wrapAndApplyHeader(buffer, bodyOffset, header).page(page).pageCount(pageCount);
        template = MEMBER_STATE;
    }

    public void beginAppData(final long incarnation, final int round, final long correlationId, final boolean isResponse)
    {
        bodyOffset = envelope(incarnation, round);
        appData.wrapAndApplyHeader(buffer, bodyOffset, header)
            .correlationId(correlationId)
            .isResponse(isResponse ? BooleanType.TRUE : BooleanType.FALSE);
        template = APP_DATA;
    }

    /** A whole Join datagram. @return its length */
    public int join(final long incarnation, final int round, final boolean requestFullState)
    {
        bodyOffset = envelope(incarnation, round);
        join.wrapAndApplyHeader(buffer, bodyOffset, header)
            .requestFullState(requestFullState ? BooleanType.TRUE : BooleanType.FALSE);
        template = NONE;
        return join.limit();
    }

    public void updatesCount(final int count)
    {
        switch (template)
        {
            case PROBE:
                probeUpdates = probe.updatesCount(count);
                break;
            case GOSSIP:
                gossipUpdates = gossip.updatesCount(count);
                break;
            case DIRECT:
                directUpdates = direct.updatesCount(count);
                break;
            default:
                throw new IllegalStateException("no updates group in template " + template);
        }
    }

    public void update(final long address, final long bootId, final long incarnation, final int status, final long from)
    {
        if (template == PROBE)
        {
            probeUpdates.next().address(address).bootId(bootId).incarnation(incarnation).status(STATUSES[status])
                .fromAddress(from);
        }
        else if (template == DIRECT)
        {
            directUpdates.next().address(address).bootId(bootId).incarnation(incarnation).status(STATUSES[status])
                .fromAddress(from);
        }
        else
        {
            gossipUpdates.next().address(address).bootId(bootId).incarnation(incarnation).status(STATUSES[status])
                .fromAddress(from);
        }
    }

    public void membersCount(final int count)
    {
        members = memberState.membersCount(count);
    }

    public void member(final long address, final long bootId, final long incarnation, final int status)
    {
        members.next().address(address).bootId(bootId).incarnation(incarnation).status(STATUSES[status]);
    }

    public void rumorsCount(final int count)
    {
        switch (template)
        {
            case PROBE:
                probeRumors = probe.rumorsCount(count);
                break;
            case GOSSIP:
                gossipRumors = gossip.rumorsCount(count);
                break;
            case APP_DATA:
                appDataRumors = appData.rumorsCount(count);
                break;
            case DIRECT:
                directRumors = direct.rumorsCount(count);
                break;
            default:
                throw new IllegalStateException("no rumors group in template " + template);
        }
    }

    public void rumor(
        final long origin, final long sequence, final long createdWallNs, final int hops, final int ageMilliRounds,
        final int strategyState, final DirectBuffer payload, final int payloadOffset, final int payloadLength)
    {
        switch (template)
        {
            case PROBE:
                probeRumors.next().origin(origin).sequence(sequence).createdWallNs(createdWallNs).hops(hops)
                    .ageMilliRounds(ageMilliRounds).strategyState(strategyState).putPayload(payload, payloadOffset, payloadLength);
                break;
            case GOSSIP:
                gossipRumors.next().origin(origin).sequence(sequence).createdWallNs(createdWallNs).hops(hops)
                    .ageMilliRounds(ageMilliRounds).strategyState(strategyState).putPayload(payload, payloadOffset, payloadLength);
                break;
            case DIRECT:
                directRumors.next().origin(origin).sequence(sequence).createdWallNs(createdWallNs).hops(hops)
                    .ageMilliRounds(ageMilliRounds).strategyState(strategyState).putPayload(payload, payloadOffset, payloadLength);
                break;
            default:
                appDataRumors.next().origin(origin).sequence(sequence).createdWallNs(createdWallNs).hops(hops)
                    .ageMilliRounds(ageMilliRounds).strategyState(strategyState).putPayload(payload, payloadOffset, payloadLength);
                break;
        }
    }

    public void digestCount(final int count)
    {
        if (template == DIRECT)
        {
            directDigest = direct.digestCount(count);
        }
        else
        {
            gossipDigest = gossip.digestCount(count);
        }
    }

    public void digest(final long origin, final long sequence, final int strategyState)
    {
        if (template == DIRECT)
        {
            directDigest.next().origin(origin).sequence(sequence).strategyState(strategyState);
        }
        else
        {
            gossipDigest.next().origin(origin).sequence(sequence).strategyState(strategyState);
        }
    }

    /** @return the datagram's length; it lies in {@link #buffer()} from offset 0 */
    public int finish()
    {
        final int length;
        switch (template)
        {
            case PROBE:
                length = probe.limit();
                break;
            case GOSSIP:
                length = gossip.limit();
                break;
            case MEMBER_STATE:
                length = memberState.limit();
                break;
            case DIRECT:
                length = direct.limit();
                break;
            default:
                throw new IllegalStateException("finish without a begun message (template " + template + ")");
        }
        template = NONE;
        return length;
    }

    /** Writes AppData's data after its rumors. @return the datagram's length */
    public int finishAppData(final DirectBuffer data, final int offset, final int length)
    {
        appData.putData(data, offset, length);
        template = NONE;
        return appData.limit();
    }

    MutableDirectBuffer mutableBuffer()
    {
        return buffer;
    }
}
