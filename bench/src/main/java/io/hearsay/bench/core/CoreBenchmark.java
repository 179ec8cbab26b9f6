package io.hearsay.bench.core;

import io.hearsay.core.Channel;
import io.hearsay.core.CoreEventSink;
import io.hearsay.core.GossipNode;
import io.hearsay.core.MemberStatus;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.NodeCounters;
import io.hearsay.wire.WireAdapter;
import io.hearsay.wire.WireHandler;
import io.hearsay.wire.WirePublisher;
import io.hearsay.wire.sbe.GossipKind;
import io.hearsay.wire.sbe.ProbeKind;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Encode and decode of the gossip wire, and one node's handling of a datagram (decode, apply, answer):
 * <pre>
 *   java $FLAGS -cp "bench/target/classes:$(cat /tmp/bench.cp)" org.openjdk.jmh.Main CoreBenchmark -prof gc
 * </pre>
 * A Probe carries 8 membership updates and 2 rumors of 64 bytes; a Gossip PUSH_PULL 2 rumors and a digest of 8.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CoreBenchmark
{
    private static final long SELF = 100;
    private static final long PEER = 1;

    private final NodeConfig config = NodeConfig.profile(NodeConfig.Profile.LAN).antiEntropyPeriodNs(0).conclude();
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[64]);
    private WirePublisher publisher;
    private WireAdapter adapter;
    private final NullHandler handler = new NullHandler();
    private UnsafeBuffer probe;
    private int probeLength;
    private UnsafeBuffer gossip;
    private int gossipLength;
    private UnsafeBuffer ping;
    private int pingLength;
    private GossipNode node;
    private long nowNs;

    @Setup
    public void setup()
    {
        publisher = new WirePublisher(config.clusterName(), PEER, 1, config.packetBudgetBytes());
        adapter = new WireAdapter(config.clusterName(), config.packetBudgetBytes(), new NodeCounters());
        probeLength = encodeProbe();
        probe = copy(probeLength);
        publisher.beginGossip(0, 5, GossipKind.PUSH_PULL.value(), 9);
        publisher.updatesCount(0);
        publisher.rumorsCount(2);
        publisher.rumor(PEER, 1, 0, 1, 1, 1, payload, 0, 64);
        publisher.rumor(PEER, 2, 0, 1, 1, 1, payload, 0, 64);
        publisher.digestCount(8);
        for (int i = 0; i < 8; i++)
        {
            publisher.digest(PEER, i + 1, 1);
        }
        gossipLength = publisher.finish();
        gossip = copy(gossipLength);
        publisher.beginProbe(0, 5, ProbeKind.PING.value(), 1, SELF);
        publisher.updatesCount(0);
        publisher.rumorsCount(0);
        pingLength = publisher.finish();
        ping = copy(pingLength);

        node = new GossipNode(config, SELF, 1, (to, buffer, offset, length) -> { }, CoreEventSink.NONE,
            new SplittableRandom(1), 0);
        for (int i = 0; i < 1000; i++)
        {
            node.onPacket(nowNs, PEER, gossip, 0, gossipLength);
            node.onPacket(nowNs, PEER, ping, 0, pingLength);
        }
    }

    private UnsafeBuffer copy(final int length)
    {
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
        copy.putBytes(0, publisher.buffer(), 0, length);
        return copy;
    }

    private int encodeProbe()
    {
        publisher.beginProbe(3, 5, ProbeKind.PING.value(), 42, 7);
        publisher.updatesCount(8);
        for (int i = 0; i < 8; i++)
        {
            publisher.update(i + 10, 1, i, MemberStatus.ALIVE.ordinal(), PEER);
        }
        publisher.rumorsCount(2);
        publisher.rumor(PEER, 1, 0, 1, 1, 1, payload, 0, 64);
        publisher.rumor(PEER, 2, 0, 1, 1, 1, payload, 0, 64);
        return publisher.finish();
    }

    @Benchmark
    public int encodeProbeWith8UpdatesAnd2Rumors()
    {
        return encodeProbe();
    }

    @Benchmark
    public int decodeProbeWith8UpdatesAnd2Rumors()
    {
        return adapter.onPacket(probe, 0, probeLength, handler);
    }

    @Benchmark
    public int decodeGossipWith2RumorsAndDigestOf8()
    {
        return adapter.onPacket(gossip, 0, gossipLength, handler);
    }

    /** decode a Ping, apply its envelope, encode and emit the Ack */
    @Benchmark
    public int nodeAnswersPing()
    {
        return node.onPacket(++nowNs, PEER, ping, 0, pingLength);
    }

    /** decode a PUSH_PULL with known rumors and a digest, count contacts, encode the PULL_REPLY */
    @Benchmark
    public int nodeHandlesPushPull()
    {
        return node.onPacket(++nowNs, PEER, gossip, 0, gossipLength);
    }

    @Benchmark
    public void nodeDoWork(final Blackhole blackhole)
    {
        nowNs += 1_000;
        blackhole.consume(node.doWork(nowNs));
    }

    static final class NullHandler implements WireHandler
    {
        long sum;

        public boolean onEnvelope(final long a, final long b, final long i, final int r)
        {
            sum += a;
            return true;
        }

        public void onProbe(final int kind, final long sequence, final long targetAddress)
        {
            sum += sequence;
        }

        public void onGossip(final int kind, final long exchangeId)
        {
            sum += exchangeId;
        }

        public void onJoin(final boolean requestFullState)
        {
        }

        public void onMemberState(final int page, final int pageCount)
        {
        }

        public void onAppData(final long correlationId, final boolean isResponse)
        {
        }

        public void onUpdate(final long a, final long b, final long i, final int s, final long f)
        {
            sum += a + i;
        }

        public void onRumor(final long o, final long s, final long c, final int h, final int age, final int st,
            final DirectBuffer b, final int off, final int len)
        {
            sum += s + len;
        }

        public void onDigest(final long o, final long s, final int st)
        {
            sum += s;
        }

        public void onAppDataBody(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        public void onMessageEnd()
        {
        }
    }
}
