package io.hearsay.core;

import io.hearsay.wire.WireAdapter;
import io.hearsay.wire.WireHandler;
import io.hearsay.wire.WirePublisher;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: an Outbox that records and decodes every datagram a node sends, and a publisher to craft datagrams
 * from fake peers.
 */
final class Wiretap implements Outbox
{
    final List<Sent> sent = new ArrayList<>();
    final NodeCounters decodeCounters = new NodeCounters();
    private final WireAdapter adapter;
    private final String clusterName;
    private final int budgetBytes;

    Wiretap(final NodeConfig config)
    {
        clusterName = config.clusterName();
        budgetBytes = config.packetBudgetBytes();
        adapter = new WireAdapter(clusterName, 65_507, decodeCounters);
    }

    public void send(final long toAddress, final DirectBuffer buffer, final int offset, final int length)
    {
        final Sent message = new Sent(toAddress, length);
        final int dispatched = adapter.onPacket(buffer, offset, length, message);
        if (dispatched != 1)
        {
            throw new AssertionError("node sent a datagram its own adapter drops: " + decodeCounters.totalDrops());
        }
        sent.add(message);
    }

    void clear()
    {
        sent.clear();
    }

    List<Sent> to(final long address)
    {
        final List<Sent> result = new ArrayList<>();
        for (final Sent s : sent)
        {
            if (s.to == address)
            {
                result.add(s);
            }
        }
        return result;
    }

    WirePublisher peer(final long address, final long bootId)
    {
        return new WirePublisher(clusterName, address, bootId, budgetBytes);
    }

    /** the sender address in a datagram's envelope (the first field after the message header) */
    static long sender(final DirectBuffer datagram)
    {
        return datagram.getLong(io.hearsay.wire.sbe.MessageHeaderDecoder.ENCODED_LENGTH, java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    static UnsafeBuffer copy(final WirePublisher publisher, final int length)
    {
        final byte[] bytes = new byte[length];
        publisher.buffer().getBytes(0, bytes);
        return new UnsafeBuffer(bytes);
    }

    /** one decoded datagram */
    static final class Sent implements WireHandler
    {
        final long to;
        final int length;
        long sender;
        long senderIncarnation;
        int senderRound;
        String body = "";
        int kind = -1;
        long sequence;
        long target;
        final List<long[]> updates = new ArrayList<>();
        final List<long[]> rumors = new ArrayList<>();
        final List<long[]> digest = new ArrayList<>();

        Sent(final long to, final int length)
        {
            this.to = to;
            this.length = length;
        }

        public boolean onEnvelope(final long senderAddress, final long senderBootId, final long incarnation, final int round)
        {
            sender = senderAddress;
            senderIncarnation = incarnation;
            senderRound = round;
            return true;
        }

        public void onProbe(final int kind, final long sequence, final long targetAddress)
        {
            body = "probe";
            this.kind = kind;
            this.sequence = sequence;
            this.target = targetAddress;
        }

        public void onGossip(final int kind, final long exchangeId)
        {
            body = "gossip";
            this.kind = kind;
            this.sequence = exchangeId;
        }

        public void onJoin(final boolean requestFullState)
        {
            body = "join";
        }

        public void onMemberState(final int page, final int pageCount)
        {
            body = "memberState";
            this.sequence = pageCount;
        }

        public void onAppData(final long correlationId, final boolean isResponse)
        {
            body = "appData";
            this.sequence = correlationId;
        }

        public void onUpdate(final long address, final long bootId, final long incarnation, final int status, final long fromAddress)
        {
            updates.add(new long[]{address, bootId, incarnation, status, fromAddress});
        }

        public void onRumor(
            final long origin, final long sequence, final long createdWallNs, final int hops, final int ageMilliRounds,
            final int strategyState, final DirectBuffer buffer, final int payloadOffset, final int payloadLength)
        {
            rumors.add(new long[]{origin, sequence, hops, ageMilliRounds, strategyState, payloadLength});
        }

        public void onDigest(final long origin, final long sequence, final int strategyState)
        {
            digest.add(new long[]{origin, sequence, strategyState});
        }

        public void onAppDataBody(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        public void onMessageEnd()
        {
        }

        boolean carriesUpdateAbout(final long address, final int status)
        {
            for (final long[] u : updates)
            {
                if (u[0] == address && u[3] == status)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
