package io.hearsay.records.log;

import io.hearsay.core.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child JVM appends records and reports how many it has appended; it is killed with SIGKILL mid-stream. Every
 * record it reported before the kill must read back intact.
 */
class KillNineLogIntegrityTest
{
    /** The child: append numbered records forever, printing the count every 500. */
    public static final class Child
    {
        public static void main(final String[] args)
        {
            final EventLogWriter writer = new EventLogWriter(Path.of(args[0]));
            for (long i = 0; ; i++)
            {
                writer.eventLearned(i, i, 1, 2, i, i, (int)i, 0, 3, Channel.PUSH, 0);
                if (i % 500 == 499)
                {
                    System.out.println("WROTE " + (i + 1));
                    System.out.flush();
                }
            }
        }
    }

    @Test
    void shouldReadBackEveryRecordWrittenBeforeAKillNine(@TempDir final Path dir) throws Exception
    {
        final Path queue = dir.resolve("q");
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle"))
            {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Child.class.getName());
        command.add(queue.toString());
        final Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        long reported = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)))
        {
            final long deadlineNs = System.nanoTime() + 60_000_000_000L;
            String line;
            while (reported < 20_000 && (line = out.readLine()) != null)
            {
                if (line.startsWith("WROTE "))
                {
                    reported = Long.parseLong(line.substring(6));
                }
                assertThat(System.nanoTime() - deadlineNs).as("child reported in time").isNegative();
            }
            child.destroyForcibly(); // SIGKILL on Linux
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(reported).isGreaterThanOrEqualTo(20_000);

        final long[] expected = { 0 };
        final boolean[] intact = { true };
        final EventLogReader.Stats stats = EventLogReader.read(queue, r ->
        {
            intact[0] &= r.type == LogRecord.EVENT_LEARNED && r.sequence == expected[0] && r.wallNs == expected[0] &&
                r.round == (int)expected[0] && r.from == 3 && r.channel == Channel.PUSH;
            expected[0]++;
        });
        assertThat(intact[0]).as("records in order and intact").isTrue();
        assertThat(stats.records).isGreaterThanOrEqualTo(reported);
    }
}
