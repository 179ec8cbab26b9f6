package io.hearsay.master.soak;

import io.hearsay.master.HearsayMain;
import io.hearsay.records.run.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The churn soak at CI size: 32 real nodes in 2 daemon processes on loopback for 75 s, 20 % of the nodes crashed and
 * restarted per minute, 5 % datagram loss, an event every 10 s. The command checks the run from the nodes' logs (no
 * false removals, crashed nodes removed, restarted ones re-admitted, events everywhere, memory and member tables
 * bounded) and exits non-zero on a violation; this test asserts the exit status and what the summary says. Bounded:
 * the soak stops itself after its duration.
 */
class SoakCommandTest
{
    private static final int NODES = 32;

    @TempDir
    Path dir;

    @Test
    void shouldHoldEveryCheckThroughCrashesRestartsAndLoss() throws Exception
    {
        final Path out = dir.resolve("soak");
        final int port = freePortRange(NODES);
        final int exit = HearsayMain.commandLine().execute("soak", "--nodes", Integer.toString(NODES),
            "--processes", "2", "--duration", "75s", "--warmup", "8s", "--churn", "20%/min", "--down", "10s",
            "--settle", "20s", "--loss", "0.05", "--event-every", "8s", "--event-deadline", "10s",
            "--sample-every", "5s", "--profile", "local", "--gossip-period-ms", "200", "--port", Integer.toString(port),
            "--seed", "13", "--out", out.toString());

        final Map<String, Object> summary = Json.asObject(Json.readFile(out.resolve(SoakCheck.SUMMARY)), "summary");
        assertThat(exit).as("exit status (summary: %s)", summary.get("checks")).isZero();
        assertThat(summary.get("ok")).isEqualTo(true);
        assertThat(((Number)summary.get("crashes")).intValue()).as("crashes").isGreaterThanOrEqualTo(3);
        assertThat(((Number)summary.get("events")).intValue()).as("events").isGreaterThanOrEqualTo(6);
        assertThat(((Number)summary.get("false_removals")).longValue()).isZero();
        assertThat(((Number)summary.get("max_member_table")).intValue()).isBetween(NODES - 1, NODES);
        final List<Object> checks = Json.asArray(summary.get("checks"), "checks");
        assertThat(checks).hasSize(8).allSatisfy(c -> assertThat(Json.asObject(c, "check").get("ok")).isEqualTo(true));
        assertThat(Json.asObject(summary.get("drops_by_reason"), "drops")).as("the daemons' own loss, by reason")
            .containsKey("dropped_shell_impairment");
        assertThat(Files.readString(out.resolve("config.properties"))).contains("seed=13").contains("command=./hearsay soak");
        assertThat(out.resolve("soak-memory.csv")).exists();
        assertThat(out.resolve("soak-memory.png")).exists();
    }

    /** The first of {@code count} consecutive free UDP ports on loopback, from 26000 up. */
    static int freePortRange(final int count)
    {
        for (int base = 26_000; base < 30_000; base += count)
        {
            boolean free = true;
            for (int i = 0; i < count && free; i++)
            {
                try (DatagramSocket socket = new DatagramSocket(null))
                {
                    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), base + i));
                }
                catch (final SocketException ex)
                {
                    free = false;
                }
            }
            if (free)
            {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free UDP ports in 26000..30000");
    }
}
