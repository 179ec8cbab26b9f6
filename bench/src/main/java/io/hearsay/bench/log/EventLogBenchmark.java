package io.hearsay.bench.log;

import io.hearsay.bench.BenchJvm;
import io.hearsay.core.Channel;
import io.hearsay.core.MemberStatus;
import io.hearsay.records.log.EventLogWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Appending to the event log ({@link EventLogWriter}, Chronicle Queue, memory-mapped) as the shell does for every
 * event a node learns and every member change. The queue lives in a fresh folder under {@code hearsay.bench.dir}
 * (default: the JVM's temp folder), deleted at the end. One operation = one record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX })
public class EventLogBenchmark
{
    private Path dir;
    private EventLogWriter writer;
    private long sequence;

    @Setup
    public void setUp() throws IOException
    {
        final Path parent = Path.of(System.getProperty("hearsay.bench.dir", System.getProperty("java.io.tmpdir")));
        dir = Files.createTempDirectory(parent, "hearsay-bench-log-");
        writer = new EventLogWriter(dir.resolve("queue"));
    }

    @TearDown
    public void tearDown() throws IOException
    {
        writer.close();
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long eventLearned()
    {
        final long s = ++sequence;
        writer.eventLearned(s, s, 0x7F00_0001_4E20L, 0x7F00_0001_4E21L, s, s, 7, 3, 0x7F00_0001_4E22L, Channel.PUSH, 0);
        return s;
    }

    @Benchmark
    public long memberChange()
    {
        final long s = ++sequence;
        writer.memberChange(s, s, 0x7F00_0001_4E20L, 0x7F00_0001_4E21L, MemberStatus.SUSPECT, s);
        return s;
    }
}
