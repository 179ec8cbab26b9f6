package io.hearsay.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hearsay.core.CoreEventSink;
import io.hearsay.core.GossipNode;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.NodeCounters;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Coverage-guided fuzzing of the wire decoder with Jazzer. In a plain {@code mvn test} (regression mode) each target
 * runs its seeds: the files under {@code src/test/resources/io/hearsay/wire/WireAdapterFuzzTestInputs/<method>/}
 * (one datagram of each message kind, written by {@link WirePublisher}) and the empty input. To fuzz (coverage
 * guided, up to {@code maxDuration}; a finding is written to {@code core/} and the test fails):
 * <pre>
 * JAZZER_FUZZ=1 mvn -o -B -pl core -am test -Dtest='WireAdapterFuzzTest#shouldDispatchOrCountAnyDatagram' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * The random-mutation {@link WireFuzzTest} stays beside it (millions of datagrams in every build).
 */
class WireAdapterFuzzTest
{
    private static final NodeConfig CONFIG = NodeConfig.profile(NodeConfig.Profile.LOCAL).conclude();

    private final NodeCounters counters = new NodeCounters();
    private final WireAdapter adapter = new WireAdapter(CONFIG.clusterName(), CONFIG.packetBudgetBytes(), counters);
    private final WireFuzzTest.CountingHandler handler = new WireFuzzTest.CountingHandler();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
    private GossipNode node;
    private long nowNs;

    /** Every datagram is dispatched whole or dropped with one counted reason; none reaches the safety net. */
    @FuzzTest(maxDuration = "60s")
    void shouldDispatchOrCountAnyDatagram(final byte[] datagram)
    {
        final long dropsBefore = counters.totalDrops();
        final long endsBefore = handler.messageEnds;
        buffer.wrap(datagram);
        final int dispatched = adapter.onPacket(buffer, 0, datagram.length, handler);
        final long dropped = counters.totalDrops() - dropsBefore;
        if (dispatched + dropped != 1 || handler.messageEnds - endsBefore != dispatched)
        {
            throw new AssertionError("datagram " + HexFormat.of().formatHex(datagram) + ": dispatched " + dispatched +
                ", dropped " + dropped + ", message ends " + (handler.messageEnds - endsBefore));
        }
        if (adapter.decodeFaults() != 0)
        {
            throw new AssertionError("datagram " + HexFormat.of().formatHex(datagram) +
                " dropped by the safety net instead of a check");
        }
    }

    /** A whole node takes any datagram (and keeps working) without throwing. */
    @FuzzTest(maxDuration = "60s")
    void shouldSurviveAnyDatagramInAWholeNode(final byte[] datagram)
    {
        if (null == node)
        {
            node = new GossipNode(CONFIG, 99, 1, (to, b, o, l) -> { }, CoreEventSink.NONE, new SplittableRandom(1), 0);
        }
        nowNs += 100_000;
        buffer.wrap(datagram);
        node.onPacket(nowNs, 1, buffer, 0, datagram.length);
        node.doWork(nowNs);
    }
}
