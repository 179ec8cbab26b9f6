package io.hearsay.wire;

import io.hearsay.wire.sbe.AppDataDecoder;
import io.hearsay.wire.sbe.BooleanType;
import io.hearsay.wire.sbe.DirectDecoder;
import io.hearsay.wire.sbe.DirectKind;
import io.hearsay.wire.sbe.DirectOp;
import io.hearsay.wire.sbe.EnvelopeDecoder;
import io.hearsay.wire.sbe.GossipDecoder;
import io.hearsay.wire.sbe.GossipKind;
import io.hearsay.wire.sbe.JoinDecoder;
import io.hearsay.wire.sbe.MemberStateDecoder;
import io.hearsay.wire.sbe.MemberStatus;
import io.hearsay.wire.sbe.MessageHeaderDecoder;
import io.hearsay.wire.sbe.ProbeDecoder;
import io.hearsay.wire.sbe.ProbeKind;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Checks and decodes one datagram, then dispatches it to a {@link WireHandler} with primitives.
 * <p>
 * Two passes: the first walks the whole datagram and checks schema id, template ids, version, block lengths,
 * every group and data length against the datagram's end, every enum value and the cluster name; a failure is
 * counted in {@link NodeCounters} by reason and the datagram dropped, so a handler never sees half a datagram.
 * The second pass wraps the SBE flyweights (held as final fields) over a view of exactly the datagram's bytes and
 * calls the handler. Allocation-free; a decoder bug that still reads out of bounds is caught and counted as
 * MALFORMED, never thrown.
 */
public final class WireAdapter
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int GROUP_HEADER_LENGTH = 4;
    private static final int VAR_HEADER_LENGTH = 2;
    private static final int FAILED = -1;

    private static final int UPDATE_BLOCK = ProbeDecoder.UpdatesDecoder.sbeBlockLength();
    private static final int UPDATE_STATUS_OFFSET = ProbeDecoder.UpdatesDecoder.statusEncodingOffset();
    private static final int RUMOR_BLOCK = ProbeDecoder.RumorsDecoder.sbeBlockLength();
    private static final int DIGEST_BLOCK = GossipDecoder.DigestDecoder.sbeBlockLength();
    private static final int MEMBER_BLOCK = MemberStateDecoder.MembersDecoder.sbeBlockLength();
    private static final int MEMBER_STATUS_OFFSET = MemberStateDecoder.MembersDecoder.statusEncodingOffset();
    private static final int MAX_STATUS = MemberStatus.LEFT.value();
    private static final int NO_ENUM = -1;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final EnvelopeDecoder envelope = new EnvelopeDecoder();
    private final ProbeDecoder probe = new ProbeDecoder();
    private final GossipDecoder gossip = new GossipDecoder();
    private final JoinDecoder join = new JoinDecoder();
    private final MemberStateDecoder memberState = new MemberStateDecoder();
    private final AppDataDecoder appData = new AppDataDecoder();
    private final DirectDecoder direct = new DirectDecoder();
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private final byte[] clusterName;
    private final DropCounters counters;
    private final int maxPacketBytes;

    private DropReason failure;
    private long decodeFaults;

    public WireAdapter(final String clusterName, final int maxPacketBytes, final DropCounters counters)
    {
        this.clusterName = clusterName.getBytes(StandardCharsets.UTF_8);
        this.maxPacketBytes = maxPacketBytes;
        this.counters = counters;
    }

    /**
     * Check, then dispatch one datagram.
     *
     * @return 1 when dispatched, 0 when dropped (the reason counted) or ignored by {@link WireHandler#onEnvelope}
     */
    public int onPacket(final DirectBuffer buffer, final int offset, final int length, final WireHandler handler)
    {
        if (length > maxPacketBytes)
        {
            counters.drop(DropReason.OVERSIZED);
            return 0;
        }
        if (length < HEADER_LENGTH || offset < 0 || offset + length > buffer.capacity())
        {
            counters.drop(DropReason.TRUNCATED);
            return 0;
        }

        try
        {
            view.wrap(buffer, offset, length);
            final int bodyOffset = checkEnvelope(length);
            if (bodyOffset == FAILED || checkBody(bodyOffset, length) == FAILED)
            {
                counters.drop(failure);
                return 0;
            }
            return dispatch(bodyOffset, handler);
        }
        catch (final IndexOutOfBoundsException | IllegalStateException ex)
        {
            decodeFaults++;
            counters.drop(DropReason.MALFORMED);
            return 0;
        }
    }

    /** datagrams that passed the checks yet faulted while decoding (counted as MALFORMED); 0 unless a check is missing */
    public long decodeFaults()
    {
        return decodeFaults;
    }

    private int fail(final DropReason reason)
    {
        failure = reason;
        return FAILED;
    }

    private int checkHeader(final int position, final int end)
    {
        if (position + HEADER_LENGTH > end)
        {
            return fail(DropReason.TRUNCATED);
        }
        header.wrap(view, position);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return fail(DropReason.WRONG_SCHEMA);
        }
        if (header.version() < 1)
        {
            return fail(DropReason.WRONG_VERSION);
        }
        return position + HEADER_LENGTH;
    }

    private int checkEnvelope(final int end)
    {
        final int blockOffset = checkHeader(0, end);
        if (blockOffset == FAILED)
        {
            return FAILED;
        }
        if (header.templateId() != EnvelopeDecoder.TEMPLATE_ID)
        {
            return fail(DropReason.MALFORMED);
        }
        final int blockLength = header.blockLength();
        if (blockLength < EnvelopeDecoder.BLOCK_LENGTH)
        {
            return fail(DropReason.MALFORMED);
        }
        final int nameOffset = blockOffset + blockLength;
        if (nameOffset + VAR_HEADER_LENGTH > end)
        {
            return fail(DropReason.TRUNCATED);
        }
        final int nameLength = view.getShort(nameOffset, ORDER) & 0xFFFF;
        if (nameOffset + VAR_HEADER_LENGTH + nameLength > end)
        {
            return fail(DropReason.TRUNCATED);
        }
        if (nameLength != clusterName.length)
        {
            return fail(DropReason.WRONG_CLUSTER);
        }
        for (int i = 0; i < nameLength; i++)
        {
            if (view.getByte(nameOffset + VAR_HEADER_LENGTH + i) != clusterName[i])
            {
                return fail(DropReason.WRONG_CLUSTER);
            }
        }
        return nameOffset + VAR_HEADER_LENGTH + nameLength;
    }

    private int checkBody(final int bodyHeaderOffset, final int end)
    {
        final int blockOffset = checkHeader(bodyHeaderOffset, end);
        if (blockOffset == FAILED)
        {
            return FAILED;
        }
        final int blockLength = header.blockLength();
        final int version = header.version();
        if (blockOffset + blockLength > end)
        {
            return fail(DropReason.TRUNCATED);
        }
        int position = blockOffset + blockLength;
        switch (header.templateId())
        {
            case ProbeDecoder.TEMPLATE_ID:
                if (blockLength < ProbeDecoder.BLOCK_LENGTH ||
                    unsigned(blockOffset + ProbeDecoder.kindEncodingOffset()) > ProbeKind.PING_REQ.value())
                {
                    return fail(DropReason.MALFORMED);
                }
                position = checkGroup(position, end, UPDATE_BLOCK, 0, UPDATE_STATUS_OFFSET);
                position = checkGroup(position, end, RUMOR_BLOCK, 1, NO_ENUM);
                break;

            case GossipDecoder.TEMPLATE_ID:
                if (blockLength < GossipDecoder.BLOCK_LENGTH ||
                    unsigned(blockOffset + GossipDecoder.kindEncodingOffset()) > GossipKind.TREE_FORWARD.value())
                {
                    return fail(DropReason.MALFORMED);
                }
                position = checkGroup(position, end, UPDATE_BLOCK, 0, UPDATE_STATUS_OFFSET);
                position = checkGroup(position, end, RUMOR_BLOCK, 1, NO_ENUM);
                position = checkGroup(position, end, DIGEST_BLOCK, 0, NO_ENUM);
                break;

            case JoinDecoder.TEMPLATE_ID:
                if (blockLength < JoinDecoder.BLOCK_LENGTH ||
                    unsigned(blockOffset + JoinDecoder.requestFullStateEncodingOffset()) > BooleanType.TRUE.value())
                {
                    return fail(DropReason.MALFORMED);
                }
                break;

            case MemberStateDecoder.TEMPLATE_ID:
                if (blockLength < MemberStateDecoder.BLOCK_LENGTH)
                {
                    return fail(DropReason.MALFORMED);
                }
                position = checkGroup(position, end, MEMBER_BLOCK, 0, MEMBER_STATUS_OFFSET);
                break;

            case AppDataDecoder.TEMPLATE_ID:
                if (blockLength < AppDataDecoder.BLOCK_LENGTH ||
                    unsigned(blockOffset + AppDataDecoder.isResponseEncodingOffset()) > BooleanType.TRUE.value())
                {
                    return fail(DropReason.MALFORMED);
                }
                position = checkGroup(position, end, RUMOR_BLOCK, 1, NO_ENUM);
                position = checkVarData(position, end);
                break;

            case DirectDecoder.TEMPLATE_ID:
                if (blockLength < DirectDecoder.BLOCK_LENGTH ||
                    unsigned(blockOffset + DirectDecoder.kindEncodingOffset()) > DirectKind.FORWARD.value() ||
                    unsigned(blockOffset + DirectDecoder.opEncodingOffset()) > DirectOp.ROOT_SEEK.value())
                {
                    return fail(DropReason.MALFORMED);
                }
                position = checkGroup(position, end, UPDATE_BLOCK, 0, UPDATE_STATUS_OFFSET);
                position = checkGroup(position, end, RUMOR_BLOCK, 1, NO_ENUM);
                position = checkGroup(position, end, DIGEST_BLOCK, 0, NO_ENUM);
                break;

            default:
                return fail(DropReason.UNKNOWN_TEMPLATE);
        }
        if (position == FAILED)
        {
            return FAILED;
        }
        if (version == MessageHeaderDecoder.SCHEMA_VERSION && position != end)
        {
            return fail(DropReason.MALFORMED);
        }
        return position;
    }

    private int unsigned(final int index)
    {
        return view.getByte(index) & 0xFF;
    }

    private int checkGroup(
        final int groupOffset, final int end, final int minBlockLength, final int varFields, final int statusOffset)
    {
        if (groupOffset == FAILED)
        {
            return FAILED;
        }
        if (groupOffset + GROUP_HEADER_LENGTH > end)
        {
            return fail(DropReason.TRUNCATED);
        }
        final int blockLength = view.getShort(groupOffset, ORDER) & 0xFFFF;
        final int count = view.getShort(groupOffset + 2, ORDER) & 0xFFFF;
        if (blockLength < minBlockLength)
        {
            return fail(DropReason.MALFORMED);
        }
        int position = groupOffset + GROUP_HEADER_LENGTH;
        for (int i = 0; i < count; i++)
        {
            if (position + blockLength > end)
            {
                return fail(DropReason.TRUNCATED);
            }
            if (statusOffset != NO_ENUM && unsigned(position + statusOffset) > MAX_STATUS)
            {
                return fail(DropReason.MALFORMED);
            }
            position += blockLength;
            for (int v = 0; v < varFields; v++)
            {
                position = checkVarData(position, end);
                if (position == FAILED)
                {
                    return FAILED;
                }
            }
        }
        return position;
    }

    private int checkVarData(final int position, final int end)
    {
        if (position == FAILED)
        {
            return FAILED;
        }
        if (position + VAR_HEADER_LENGTH > end)
        {
            return fail(DropReason.TRUNCATED);
        }
        final int length = view.getShort(position, ORDER) & 0xFFFF;
        if (position + VAR_HEADER_LENGTH + length > end)
        {
            return fail(DropReason.TRUNCATED);
        }
        return position + VAR_HEADER_LENGTH + length;
    }

    private int dispatch(final int bodyHeaderOffset, final WireHandler handler)
    {
        header.wrap(view, 0);
        envelope.wrap(view, HEADER_LENGTH, header.blockLength(), header.version());
        if (!handler.onEnvelope(
            envelope.senderAddress(), envelope.senderBootId(), envelope.senderIncarnation(), envelope.senderRound()))
        {
            return 0;
        }

        header.wrap(view, bodyHeaderOffset);
        final int blockOffset = bodyHeaderOffset + HEADER_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case ProbeDecoder.TEMPLATE_ID:
                probe.wrap(view, blockOffset, blockLength, version);
                handler.onProbe(probe.kindRaw(), probe.sequence(), probe.targetAddress());
                for (final ProbeDecoder.UpdatesDecoder u : probe.updates())
                {
                    handler.onUpdate(u.address(), u.bootId(), u.incarnation(), u.statusRaw(), u.fromAddress());
                }
                for (final ProbeDecoder.RumorsDecoder r : probe.rumors())
                {
                    final int payloadOffset = probe.limit() + VAR_HEADER_LENGTH;
                    final int payloadLength = r.payloadLength();
                    handler.onRumor(
                        r.origin(), r.sequence(), r.createdWallNs(), r.hops(), r.ageMilliRounds(), r.strategyState(),
                        view, payloadOffset, payloadLength);
                    r.skipPayload();
                }
                break;

            case GossipDecoder.TEMPLATE_ID:
                gossip.wrap(view, blockOffset, blockLength, version);
                handler.onGossip(gossip.kindRaw(), gossip.exchangeId());
                for (final GossipDecoder.UpdatesDecoder u : gossip.updates())
                {
                    handler.onUpdate(u.address(), u.bootId(), u.incarnation(), u.statusRaw(), u.fromAddress());
                }
                for (final GossipDecoder.RumorsDecoder r : gossip.rumors())
                {
                    final int payloadOffset = gossip.limit() + VAR_HEADER_LENGTH;
                    final int payloadLength = r.payloadLength();
                    handler.onRumor(
                        r.origin(), r.sequence(), r.createdWallNs(), r.hops(), r.ageMilliRounds(), r.strategyState(),
                        view, payloadOffset, payloadLength);
                    r.skipPayload();
                }
                for (final GossipDecoder.DigestDecoder d : gossip.digest())
                {
                    handler.onDigest(d.origin(), d.sequence(), d.strategyState());
                }
                break;

            case DirectDecoder.TEMPLATE_ID:
                direct.wrap(view, blockOffset, blockLength, version);
                handler.onDirect(direct.kindRaw(), direct.opRaw(), direct.planNodes(), direct.structureRound(),
                    direct.callId(), direct.leader(), direct.root(), direct.groupSize(), direct.target(),
                    direct.decision(), direct.flags());
                for (final DirectDecoder.UpdatesDecoder u : direct.updates())
                {
                    handler.onUpdate(u.address(), u.bootId(), u.incarnation(), u.statusRaw(), u.fromAddress());
                }
                for (final DirectDecoder.RumorsDecoder r : direct.rumors())
                {
                    final int payloadOffset = direct.limit() + VAR_HEADER_LENGTH;
                    final int payloadLength = r.payloadLength();
                    handler.onRumor(
                        r.origin(), r.sequence(), r.createdWallNs(), r.hops(), r.ageMilliRounds(), r.strategyState(),
                        view, payloadOffset, payloadLength);
                    r.skipPayload();
                }
                for (final DirectDecoder.DigestDecoder d : direct.digest())
                {
                    handler.onDigest(d.origin(), d.sequence(), d.strategyState());
                }
                break;

            case JoinDecoder.TEMPLATE_ID:
                join.wrap(view, blockOffset, blockLength, version);
                handler.onJoin(join.requestFullStateRaw() == BooleanType.TRUE.value());
                break;

            case MemberStateDecoder.TEMPLATE_ID:
                memberState.wrap(view, blockOffset, blockLength, version);
                handler.onMemberState(memberState.page(), memberState.pageCount());
                final long sender = envelope.senderAddress();
                for (final MemberStateDecoder.MembersDecoder m : memberState.members())
                {
                    handler.onUpdate(m.address(), m.bootId(), m.incarnation(), m.statusRaw(), sender);
                }
                break;

            case AppDataDecoder.TEMPLATE_ID:
                appData.wrap(view, blockOffset, blockLength, version);
                handler.onAppData(appData.correlationId(), appData.isResponseRaw() == BooleanType.TRUE.value());
                for (final AppDataDecoder.RumorsDecoder r : appData.rumors())
                {
                    final int payloadOffset = appData.limit() + VAR_HEADER_LENGTH;
                    final int payloadLength = r.payloadLength();
                    handler.onRumor(
                        r.origin(), r.sequence(), r.createdWallNs(), r.hops(), r.ageMilliRounds(), r.strategyState(),
                        view, payloadOffset, payloadLength);
                    r.skipPayload();
                }
                final int dataOffset = appData.limit() + VAR_HEADER_LENGTH;
                final int dataLength = appData.dataLength();
                handler.onAppDataBody(view, dataOffset, dataLength);
                break;

            default:
                break;
        }
        handler.onMessageEnd();
        return 1;
    }
}
