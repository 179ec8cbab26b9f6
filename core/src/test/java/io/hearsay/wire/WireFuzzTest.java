package io.hearsay.wire;

import io.hearsay.core.CoreEventSink;
import io.hearsay.core.GossipNode;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.NodeCounters;
import io.hearsay.wire.DropReason;
import io.hearsay.wire.sbe.GossipKind;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds the decoder millions of random and mutated datagrams: nothing may throw, every datagram is either
 * dispatched whole or dropped with a counted reason, and no drop may come from the safety net (a missing check).
 * Set {@code -Dhearsay.fuzz.iterations=N} for a longer run; the seed is printed.
 */
class WireFuzzTest
{
    private static final long SEED = Long.getLong("hearsay.fuzz.seed", 20261126L);
    private static final int ITERATIONS = Integer.getInteger("hearsay.fuzz.iterations", 2_000_000);

    private final NodeConfig config = NodeConfig.profile(NodeConfig.Profile.LOCAL).conclude();

    private List<byte[]> corpus(final SplittableRandom random)
    {
        final List<byte[]> corpus = new ArrayList<>();
        final WirePublisher publisher = new WirePublisher(config.clusterName(), 1, 1, config.packetBudgetBytes());
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[64]);
        for (int i = 0; i < 40; i++)
        {
            final int length;
            switch (i % 5)
            {
                case 0:
                    publisher.beginProbe(i, i, random.nextInt(4), random.nextLong(), random.nextInt(50));
                    publisher.updatesCount(i % 4);
                    for (int u = 0; u < i % 4; u++)
                    {
                        publisher.update(random.nextInt(50), 1, u, random.nextInt(4), 2);
                    }
                    publisher.rumorsCount(i % 3);
                    for (int r = 0; r < i % 3; r++)
                    {
                        publisher.rumor(random.nextInt(50), r, 0, r, r, 1, payload, 0, random.nextInt(64));
                    }
                    length = publisher.finish();
                    break;
                case 1:
                    publisher.beginGossip(i, i, random.nextInt(6), i);
                    publisher.updatesCount(1);
                    publisher.update(random.nextInt(50), 1, 0, 0, 3);
                    publisher.rumorsCount(2);
                    publisher.rumor(3, i, 0, 1, 1, 1, payload, 0, 10);
                    publisher.rumor(4, i, 0, 1, 1, 1, payload, 0, 0);
                    publisher.digestCount(3);
                    for (int d = 0; d < 3; d++)
                    {
                        publisher.digest(random.nextInt(50), d, 0);
                    }
                    length = publisher.finish();
                    break;
                case 2:
                    length = publisher.join(i, i, i % 2 == 0);
                    break;
                case 3:
                    publisher.beginMemberState(i, i, 0, 1);
                    publisher.membersCount(5);
                    for (int m = 0; m < 5; m++)
                    {
                        publisher.member(random.nextInt(50), 1, m, random.nextInt(4));
                    }
                    length = publisher.finish();
                    break;
                default:
                    publisher.beginAppData(i, i, i, i % 2 == 0);
                    publisher.rumorsCount(1);
                    publisher.rumor(5, i, 0, 1, 1, 1, payload, 0, 20);
                    length = publisher.finishAppData(payload, 0, 30);
                    break;
            }
            final byte[] bytes = new byte[length];
            publisher.buffer().getBytes(0, bytes);
            corpus.add(bytes);
        }
        return corpus;
    }

    /** writes a random or mutated datagram into {@code target}; @return its length */
    private static int nextInput(final SplittableRandom random, final List<byte[]> corpus, final byte[] target)
    {
        if (random.nextInt(4) == 0)
        {
            final int length = random.nextInt(256);
            for (int i = 0; i < length; i++)
            {
                target[i] = (byte)random.nextInt();
            }
            return length;
        }
        final byte[] seed = corpus.get(random.nextInt(corpus.size()));
        int length = seed.length;
        System.arraycopy(seed, 0, target, 0, length);
        final int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++)
        {
            switch (random.nextInt(5))
            {
                case 0:
                    target[random.nextInt(length)] = (byte)random.nextInt();
                    break;
                case 1:
                    target[random.nextInt(length)] ^= (byte)(1 << random.nextInt(8));
                    break;
                case 2:
                    length = random.nextInt(length + 1);
                    break;
                case 3:
                    final int extra = random.nextInt(64);
                    for (int i = 0; i < extra && length < target.length; i++)
                    {
                        target[length++] = (byte)random.nextInt();
                    }
                    break;
                default:
                    final int at = random.nextInt(Math.max(1, length - 1));
                    target[at] = (byte)0xFF;
                    if (at + 1 < length)
                    {
                        target[at + 1] = (byte)0xFF;
                    }
                    break;
            }
            if (length == 0)
            {
                break;
            }
        }
        return length;
    }

    @Test
    void shouldDispatchOrCountEveryRandomOrMutatedDatagramWithoutThrowing()
    {
        System.out.println("WireFuzzTest seed " + SEED + ", iterations " + ITERATIONS);
        final SplittableRandom random = new SplittableRandom(SEED);
        final List<byte[]> corpus = corpus(random);
        final NodeCounters counters = new NodeCounters();
        final WireAdapter adapter = new WireAdapter(config.clusterName(), config.packetBudgetBytes(), counters);
        final CountingHandler handler = new CountingHandler();
        final byte[] bytes = new byte[4096];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        long dispatched = 0;
        final long startNs = System.nanoTime();
        for (int i = 0; i < ITERATIONS; i++)
        {
            final int length = nextInput(random, corpus, bytes);
            dispatched += adapter.onPacket(buffer, 0, length, handler);
        }
        final long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
        System.out.printf("WireFuzzTest: %,d datagrams in %,d ms: %,d dispatched, drops %s%n",
            ITERATIONS, elapsedMs, dispatched, dropSummary(counters));

        assertThat(dispatched + counters.totalDrops()).isEqualTo(ITERATIONS);
        assertThat(adapter.decodeFaults()).as("drops from the safety net instead of a check").isZero();
        assertThat(dispatched).as("some mutants stay valid").isPositive();
        assertThat(counters.drops(DropReason.TRUNCATED)).isPositive();
        assertThat(counters.drops(DropReason.WRONG_SCHEMA)).isPositive();
        assertThat(counters.drops(DropReason.MALFORMED)).isPositive();
        assertThat(counters.drops(DropReason.WRONG_CLUSTER)).isPositive();
        assertThat(counters.drops(DropReason.UNKNOWN_TEMPLATE)).isPositive();
        assertThat(handler.messageEnds).isEqualTo(dispatched);
    }

    @Test
    void shouldSurviveMutatedDatagramsInAWholeNode()
    {
        final SplittableRandom random = new SplittableRandom(SEED + 1);
        final List<byte[]> corpus = corpus(random);
        final GossipNode node = new GossipNode(
            config, 99, 1, (to, b, o, l) -> { }, CoreEventSink.NONE, new SplittableRandom(SEED), 0);
        final byte[] bytes = new byte[4096];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        long nowNs = 0;
        for (int i = 0; i < 200_000; i++)
        {
            final int length = nextInput(random, corpus, bytes);
            nowNs += 100_000;
            node.onPacket(nowNs, 1, buffer, 0, length);
            if ((i & 255) == 0)
            {
                node.doWork(nowNs);
            }
        }
        assertThat(node.counters().messagesReceived).isEqualTo(200_000);
        assertThat(node.counters().totalDrops()).isPositive();
    }

    @Test
    void shouldDropWrongClusterWrongVersionAndOversizedDatagrams()
    {
        final NodeCounters counters = new NodeCounters();
        final WireAdapter adapter = new WireAdapter("hearsay", 1472, counters);
        final WirePublisher other = new WirePublisher("other", 1, 1, 1472);
        int length = other.join(0, 0, true);
        assertThat(adapter.onPacket(other.buffer(), 0, length, new CountingHandler())).isZero();
        assertThat(counters.drops(DropReason.WRONG_CLUSTER)).isEqualTo(1);

        final WirePublisher ours = new WirePublisher("hearsay", 1, 1, 1472);
        length = ours.join(0, 0, true);
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[2000]);
        copy.putBytes(0, ours.buffer(), 0, length);
        copy.putShort(6, (short)0, java.nio.ByteOrder.LITTLE_ENDIAN);
        assertThat(adapter.onPacket(copy, 0, length, new CountingHandler())).isZero();
        assertThat(counters.drops(DropReason.WRONG_VERSION)).isEqualTo(1);

        assertThat(adapter.onPacket(copy, 0, 1473, new CountingHandler())).isZero();
        assertThat(counters.drops(DropReason.OVERSIZED)).isEqualTo(1);
    }

    @Test
    void shouldRoundTripEveryFieldOfAGossipMessage()
    {
        final WirePublisher publisher = new WirePublisher("hearsay", 11, 12, 1472);
        publisher.beginGossip(13, 14, GossipKind.PUSH_PULL.value(), 15);
        publisher.updatesCount(1);
        publisher.update(21, 22, 23, 1, 24);
        publisher.rumorsCount(1);
        publisher.rumor(31, 32, 33, 34, 35, 36, new UnsafeBuffer("abc".getBytes()), 0, 3);
        publisher.digestCount(1);
        publisher.digest(41, 42, 43);
        final int length = publisher.finish();
        final StringBuilder seen = new StringBuilder();
        final WireAdapter adapter = new WireAdapter("hearsay", 1472, new NodeCounters());
        assertThat(adapter.onPacket(publisher.buffer(), 0, length, new CountingHandler()
        {
            public boolean onEnvelope(final long a, final long b, final long i, final int r)
            {
                seen.append("env ").append(a).append(' ').append(b).append(' ').append(i).append(' ').append(r);
                return true;
            }

            public void onGossip(final int kind, final long exchangeId)
            {
                seen.append(" gossip ").append(kind).append(' ').append(exchangeId);
            }

            public void onUpdate(final long a, final long b, final long i, final int s, final long f)
            {
                seen.append(" update ").append(a).append(' ').append(b).append(' ').append(i).append(' ').append(s)
                    .append(' ').append(f);
            }

            public void onRumor(final long o, final long s, final long c, final int h, final int age, final int st,
                final DirectBuffer b, final int off, final int len)
            {
                seen.append(" rumor ").append(o).append(' ').append(s).append(' ').append(c).append(' ').append(h)
                    .append(' ').append(age).append(' ').append(st).append(' ').append(b.getStringWithoutLengthAscii(off, len));
            }

            public void onDigest(final long o, final long s, final int st)
            {
                seen.append(" digest ").append(o).append(' ').append(s).append(' ').append(st);
            }
        })).isEqualTo(1);
        assertThat(seen.toString()).isEqualTo(
            "env 11 12 13 14 gossip 2 15 update 21 22 23 1 24 rumor 31 32 33 34 35 36 abc digest 41 42 43");
    }

    private static String dropSummary(final NodeCounters counters)
    {
        final StringBuilder text = new StringBuilder();
        for (final DropReason reason : DropReason.values())
        {
            text.append(reason).append('=').append(counters.drops(reason)).append(' ');
        }
        return text.toString().trim();
    }

    static class CountingHandler implements WireHandler
    {
        long messageEnds;

        public boolean onEnvelope(final long a, final long b, final long i, final int r)
        {
            return true;
        }

        public void onProbe(final int kind, final long sequence, final long targetAddress)
        {
        }

        public void onGossip(final int kind, final long exchangeId)
        {
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
        }

        public void onRumor(final long o, final long s, final long c, final int h, final int age, final int st,
            final DirectBuffer b, final int off, final int len)
        {
        }

        public void onDigest(final long o, final long s, final int st)
        {
        }

        public void onAppDataBody(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        public void onMessageEnd()
        {
            messageEnds++;
        }
    }
}
