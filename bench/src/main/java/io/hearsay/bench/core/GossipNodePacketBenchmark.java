package io.hearsay.bench.core;

import io.hearsay.bench.BenchJvm;
import io.hearsay.bench.wire.WireMessage;
import io.hearsay.core.dissemination.StrategyKind;
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
 * {@code GossipNode.onPacket} on realistic datagrams (see {@link NodeUnderLoad}): a node of a 1,000-member cluster
 * receiving one kind of datagram from 64 different members. The work includes the check and decode, the membership
 * lookups, the rumor store and, where the protocol answers (PING → ACK, PUSH_PULL and PULL_REQUEST → PULL_REPLY,
 * JOIN → the member table in pages), encoding the answer. One operation = one received datagram.
 * PING_REQ is left out: it arms a relay timer that only {@code doWork} retires (see the round benchmark).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX })
public class GossipNodePacketBenchmark
{
    @Param({ "PING", "PING_PIGGYBACK", "ACK", "PUSH", "PUSH_PULL", "PULL_REQUEST", "PULL_REPLY", "MEMBER_STATE",
        "APP_DATA", "JOIN" })
    public WireMessage message;

    @Param({ "1000" })
    public int members;

    private NodeUnderLoad load;

    @Setup
    public void setUp()
    {
        load = new NodeUnderLoad(message, members, StrategyKind.PUSH_PULL);
    }

    @Benchmark
    public int onPacket()
    {
        return load.deliverNext();
    }
}
