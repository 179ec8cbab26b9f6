package io.hearsay.bench.wire;

import io.hearsay.bench.BenchJvm;
import io.hearsay.wire.WirePublisher;
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
 * Encoding one whole datagram (Envelope + body + groups) of each kind with {@link WirePublisher}, as the core's
 * {@code PacketComposer} does. One operation = one datagram.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX })
public class WirePublisherBenchmark
{
    @Param({ "PING", "PING_PIGGYBACK", "ACK", "PING_REQ", "PUSH", "PUSH_PULL", "PULL_REQUEST", "PULL_REPLY", "JOIN",
        "MEMBER_STATE", "APP_DATA" })
    public WireMessage message;

    private WirePublisher publisher;
    private WireSamples samples;
    private int salt;

    @Setup
    public void setUp()
    {
        samples = new WireSamples(1_000);
        publisher = new WirePublisher("hearsay", WireSamples.address(999), WireSamples.BOOT_ID, 1472);
    }

    @Benchmark
    public int encode()
    {
        salt = (salt + 1) & 0xFFFF;
        return message.encode(publisher, samples, salt);
    }
}
