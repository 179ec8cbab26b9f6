package io.hearsay.bench.wire;

import io.hearsay.bench.BenchJvm;
import io.hearsay.core.NodeCounters;
import io.hearsay.wire.WireAdapter;
import io.hearsay.wire.WirePublisher;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Checking and decoding one whole datagram of each kind with {@link WireAdapter} (both passes: the bounds/enum/
 * cluster-name check, then the dispatch of primitives to a handler). Sixteen datagrams of the kind, differing in
 * sequence numbers and entries, are decoded in turn. One operation = one datagram.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX })
public class WireAdapterBenchmark
{
    private static final int DATAGRAMS = 16;

    @Param({ "PING", "PING_PIGGYBACK", "ACK", "PING_REQ", "PUSH", "PUSH_PULL", "PULL_REQUEST", "PULL_REPLY", "JOIN",
        "MEMBER_STATE", "APP_DATA" })
    public WireMessage message;

    private final NodeCounters counters = new NodeCounters();
    private final CountingWireHandler handler = new CountingWireHandler();
    private SampleDatagrams datagrams;
    private WireAdapter adapter;
    private int next;

    @Setup
    public void setUp()
    {
        final WireSamples samples = new WireSamples(1_000);
        final WirePublisher publisher = new WirePublisher("hearsay", WireSamples.address(999), WireSamples.BOOT_ID, 1472);
        datagrams = new SampleDatagrams(DATAGRAMS, 1472);
        for (int i = 0; i < DATAGRAMS; i++)
        {
            datagrams.add(publisher.buffer(), message.encode(publisher, samples, i));
        }
        adapter = new WireAdapter("hearsay", 65_507, counters);
        for (int i = 0; i < DATAGRAMS; i++)
        {
            if (adapter.onPacket(datagrams.buffer(i), 0, datagrams.length(i), handler) != 1)
            {
                throw new IllegalStateException(message + " sample " + i + " was not dispatched; drops=" +
                    counters.totalDrops());
            }
        }
    }

    @Benchmark
    public long decode()
    {
        final int i = next;
        next = (i + 1) & (DATAGRAMS - 1);
        adapter.onPacket(datagrams.buffer(i), 0, datagrams.length(i), handler);
        return handler.checksum();
    }
}
