package io.hearsay.testing;

import io.hearsay.core.Channel;
import io.hearsay.core.CoreEventSink;
import io.hearsay.core.EventLearned;
import io.hearsay.core.MemberStatus;
import io.hearsay.core.Node;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.NodeCounters;
import io.hearsay.core.Outbox;
import io.hearsay.wire.DropReason;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.random.RandomGenerator;

/**
 * A stand-in {@link Node} for the shell's tests and transport benchmarks, which must not depend on the real core.
 * Two behaviours:
 * <ul>
 *   <li>{@link #FLOOD}: HELLO floods membership (a node that hears of a new member tells everyone it knows), EVENT
 *   floods rumors, and a HELLO is re-sent every 100 ms until answered. Enough to exercise sockets, impairment,
 *   cipher, control, the application host and the event log.</li>
 *   <li>{@link Relay}: every datagram received is relayed at once to a random node of the given addresses, so a
 *   fixed number of datagrams circulates through the sockets forever (the first doWork of each node injects
 *   {@code inFlightPerNode} of them). Measures the shell alone.</li>
 * </ul>
 */
public final class StandInNode implements Node
{
    /** The flooding stand-in. */
    public static final Node.Factory FLOOD =
        (config, self, bootId, outbox, sink, random, nowNs) -> new StandInNode(config, self, outbox, sink, random, null);

    private static final byte HELLO = 1;
    private static final byte EVENT = 2;
    private static final int MAGIC = 0x600D_F00D;

    private final long self;
    private final Outbox outbox;
    private final CoreEventSink sink;
    private final RandomGenerator random;
    private final Relay relay;
    private final int maxEventPayloadBytes;
    private final int maxDataBytes;
    private final NodeCounters counters = new NodeCounters();
    private final EventLearned learned = new EventLearned();
    private final LongArrayList members = new LongArrayList();
    private final LongHashSet memberSet = new LongHashSet();
    private final LongHashSet knownEvents = new LongHashSet();
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[64]);
    private long[] seeds = new long[0];
    private long nextHelloNs = Long.MAX_VALUE;
    private long sequence;
    private int round;
    private boolean relaySeeded;

    private StandInNode(
        final NodeConfig config, final long self, final Outbox outbox, final CoreEventSink sink,
        final RandomGenerator random, final Relay relay)
    {
        this.self = self;
        this.outbox = outbox;
        this.sink = sink;
        this.random = random;
        this.relay = relay;
        this.maxEventPayloadBytes = config.maxEventPayloadBytes();
        this.maxDataBytes = config.packetBudgetBytes() - APP_DATA_OVERHEAD_BYTES;
    }

    /** The relaying stand-in's settings, shared by the nodes it builds; the addresses may be set after building. */
    public static final class Relay implements Node.Factory
    {
        private final int inFlightPerNode;
        private final int datagramBytes;
        private final UnsafeBuffer seedBuffer;
        private volatile long[] addresses;

        public Relay(final int inFlightPerNode, final int datagramBytes)
        {
            this.inFlightPerNode = inFlightPerNode;
            this.datagramBytes = datagramBytes;
            this.seedBuffer = new UnsafeBuffer(new byte[datagramBytes]);
        }

        /** The nodes to relay among; the nodes start relaying once these are set. */
        public Relay addresses(final long[] addresses)
        {
            this.addresses = addresses.clone();
            return this;
        }

        public int inFlightPerNode()
        {
            return inFlightPerNode;
        }

        public int datagramBytes()
        {
            return datagramBytes;
        }

        public Node newNode(
            final NodeConfig config, final long selfAddress, final long bootId, final Outbox outbox,
            final CoreEventSink sink, final RandomGenerator random, final long nowNs)
        {
            return new StandInNode(config, selfAddress, outbox, sink, random, this);
        }
    }

    public int onPacket(final long nowNs, final long from, final DirectBuffer buffer, final int offset, final int length)
    {
        counters.receivedThisRound++;
        if (relay != null)
        {
            counters.messagesReceived++;
            counters.messagesSent++;
            outbox.send(randomPeer(), buffer, offset, length);
            return 1;
        }
        if (length != 21 || buffer.getInt(offset) != MAGIC)
        {
            counters.drop(DropReason.MALFORMED);
            return 0;
        }
        counters.messagesReceived++;
        counters.bytesReceived += length;
        final byte type = buffer.getByte(offset + 4);
        final long a = buffer.getLong(offset + 5);
        final long b = buffer.getLong(offset + 13);
        if (type == HELLO)
        {
            if (a == from && b == 0)
            {
                onJoin(nowNs, from);
            }
            else
            {
                seeds = new long[0];
                nextHelloNs = Long.MAX_VALUE;
                learnMember(nowNs, from);
                learnMember(nowNs, a);
            }
        }
        else if (type == EVENT)
        {
            learnMember(nowNs, from);
            if (knownEvents.add(key(a, b)))
            {
                counters.eventsLearned++;
                sink.onEventLearned(learned.set(nowNs, self, a, b, 0, round, 1, from, Channel.PUSH, buffer, offset, 0));
                flood(EVENT, a, b);
            }
            else
            {
                counters.duplicateEvents++;
            }
        }
        return 1;
    }

    private long randomPeer()
    {
        final long[] all = relay.addresses;
        long peer = all[random.nextInt(all.length)];
        if (peer == self)
        {
            peer = all[random.nextInt(all.length)];
        }
        return peer;
    }

    /** A join request: tell the joiner everyone we know, and everyone about the joiner. */
    private void onJoin(final long nowNs, final long joiner)
    {
        learnMember(nowNs, joiner);
        send(joiner, HELLO, self, 1);
        for (int i = 0; i < members.size(); i++)
        {
            final long member = members.getLong(i);
            if (member != joiner)
            {
                send(joiner, HELLO, member, 1);
                send(member, HELLO, joiner, 1);
            }
        }
    }

    private void learnMember(final long nowNs, final long member)
    {
        if (member != self && memberSet.add(member))
        {
            members.addLong(member);
            sink.onMemberChange(nowNs, self, member, MemberStatus.ALIVE, 0);
        }
    }

    private void flood(final byte type, final long a, final long b)
    {
        for (int i = 0; i < members.size(); i++)
        {
            send(members.getLong(i), type, a, b);
        }
    }

    private void send(final long to, final byte type, final long a, final long b)
    {
        out.putInt(0, MAGIC);
        out.putByte(4, type);
        out.putLong(5, a);
        out.putLong(13, b);
        counters.messagesSent++;
        counters.bytesSent += 21;
        outbox.send(to, out, 0, 21);
    }

    private static long key(final long origin, final long sequence)
    {
        return origin * 31 + sequence;
    }

    public int doWork(final long nowNs)
    {
        round++;
        counters.maxReceivedPerRound = Math.max(counters.maxReceivedPerRound, counters.receivedThisRound);
        counters.receivedThisRound = 0;
        if (relay != null)
        {
            relaySeeded = true;
            for (int i = 0; i < relay.inFlightPerNode; i++)
            {
                outbox.send(randomPeer(), relay.seedBuffer, 0, relay.datagramBytes);
            }
            return relay.inFlightPerNode;
        }
        if (seeds.length > 0 && nextHelloNs - nowNs <= 0)
        {
            for (final long seed : seeds)
            {
                send(seed, HELLO, self, 0);
            }
            nextHelloNs = nowNs + 100_000_000L;
            return 1;
        }
        return 0;
    }

    public long nextDeadlineNs()
    {
        if (relay != null)
        {
            return relaySeeded || relay.addresses == null ? Long.MAX_VALUE : 0;
        }
        return nextHelloNs;
    }

    public void join(final long[] seedAddresses, final long nowNs)
    {
        seeds = seedAddresses.clone();
        nextHelloNs = nowNs;
    }

    public void leave(final long nowNs)
    {
    }

    public long broadcast(final long nowNs, final long createdWallNs, final DirectBuffer payload, final int offset, final int length)
    {
        final long seq = ++sequence;
        knownEvents.add(key(self, seq));
        counters.eventsLearned++;
        sink.onEventLearned(
            learned.set(nowNs, self, self, seq, createdWallNs, round, 0, self, Channel.ORIGIN, payload, offset, length));
        flood(EVENT, self, seq);
        return seq;
    }

    public long sendData(final long nowNs, final long to, final DirectBuffer d, final int o, final int l, final long t)
    {
        return -1;
    }

    public void respond(final long nowNs, final long to, final long c, final DirectBuffer d, final int o, final int l)
    {
    }

    public int maxEventPayloadBytes()
    {
        return maxEventPayloadBytes;
    }

    public int maxDataBytes()
    {
        return maxDataBytes;
    }

    public long selfAddress()
    {
        return self;
    }

    public int round()
    {
        return round;
    }

    public long incarnation()
    {
        return 0;
    }

    public int liveMemberCount()
    {
        if (relay != null)
        {
            return relay.addresses == null ? 1 : relay.addresses.length;
        }
        return members.size() + 1;
    }

    public void forEachMember(final MemberVisitor visitor)
    {
        for (int i = 0; i < members.size(); i++)
        {
            visitor.onMember(members.getLong(i), MemberStatus.ALIVE, 0, 0);
        }
    }

    public boolean knowsEvent(final long origin, final long sequence)
    {
        return knownEvents.contains(key(origin, sequence));
    }

    public NodeCounters counters()
    {
        return counters;
    }
}
