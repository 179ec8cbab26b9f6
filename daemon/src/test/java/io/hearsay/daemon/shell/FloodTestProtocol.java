package io.hearsay.daemon.shell;

import io.hearsay.wire.DropReason;
import io.hearsay.core.Channel;
import io.hearsay.core.CoreEventSink;
import io.hearsay.core.GossipNode;
import io.hearsay.core.MemberStatus;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.NodeCounters;
import io.hearsay.core.Outbox;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.random.RandomGenerator;

/**
 * A stand-in protocol for shell tests that must not depend on the real core: HELLO floods membership (a node that
 * hears of a new member tells everyone it knows), EVENT floods rumors, and a HELLO is re-sent every 100 ms until
 * answered. Enough to exercise sockets, impairment, cipher, control and the event log.
 */
final class FloodTestProtocol implements NodeProtocol
{
    static final NodeProtocol.Factory FACTORY = FloodTestProtocol::new;

    private static final byte HELLO = 1;
    private static final byte EVENT = 2;
    private static final byte PING = 3;
    private static final int MAGIC = 0x600D_F00D;

    private final long self;
    private final Outbox outbox;
    private final CoreEventSink sink;
    private final NodeCounters counters = new NodeCounters();
    private final LongArrayList members = new LongArrayList();
    private final LongHashSet memberSet = new LongHashSet();
    private final LongHashSet knownEvents = new LongHashSet();
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[64]);
    private long[] seeds = new long[0];
    private long nextHelloNs;
    private long sequence;
    private int round;

    FloodTestProtocol(
        final NodeConfig config, final long self, final long bootId, final Outbox outbox, final CoreEventSink sink,
        final RandomGenerator random, final long nowNs)
    {
        this.self = self;
        this.outbox = outbox;
        this.sink = sink;
        this.nextHelloNs = Long.MAX_VALUE;
    }

    public int onPacket(final long nowNs, final long from, final DirectBuffer buffer, final int offset, final int length)
    {
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
                sink.onEventLearned(nowNs, self, a, b, 0, round, 1, from, Channel.PUSH, 0, buffer, offset, 0);
                flood(EVENT, a, b);
            }
            else
            {
                counters.duplicateEvents++;
            }
        }
        return 1;
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
        sink.onEventLearned(nowNs, self, self, seq, createdWallNs, round, 0, self, Channel.ORIGIN, 0, payload, offset, length);
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
        return members.size() + 1;
    }

    public void forEachMember(final GossipNode.MemberVisitor visitor)
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
