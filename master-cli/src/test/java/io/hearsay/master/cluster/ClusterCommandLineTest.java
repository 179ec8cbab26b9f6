package io.hearsay.master.cluster;

import io.hearsay.master.HearsayMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad values for {@code daemon} and {@code local} get a message naming the value and what is accepted. */
class ClusterCommandLineTest
{
    private static String errorOf(final String... args)
    {
        final CommandLine cli = HearsayMain.commandLine();
        final StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        final int exit = cli.execute(args);
        assertThat(exit).as("exit code of " + String.join(" ", args)).isNotZero();
        return err.toString();
    }

    @Test
    void shouldNameABadStrategyAndTheAcceptedOnes()
    {
        assertThat(errorOf("daemon", "--strategy", "gossip", "--port", "0"))
            .contains("'gossip'").contains("push, pull, push-pull, median-counter");
    }

    @Test
    void shouldNameBadDaemonValues()
    {
        assertThat(errorOf("daemon", "--timing", "lazy")).contains("'lazy'").contains("periodic, eager");
        assertThat(errorOf("daemon", "--loss", "1.5")).contains("1.5").contains("0..1");
        assertThat(errorOf("daemon", "--impair", "loss p=0.1 wobble=3")).contains("wobble").contains("accepted");
        assertThat(errorOf("daemon", "--seeds", "10.0.0.1")).contains("10.0.0.1").contains("ip:port");
        assertThat(errorOf("daemon", "--nodes", "20000")).contains("20000").contains("10000");
        assertThat(errorOf("daemon", "--idle", "snooze")).contains("snooze").contains("busy, yield, backoff");
        assertThat(errorOf("daemon", "--profile", "moon")).contains("moon").contains("lan, wan, local");
    }

    @Test
    void shouldNameBadLocalValues(@TempDir final Path dir)
    {
        assertThat(errorOf("local", "--nodes", "4", "--processes", "9", "--out", dir.resolve("r").toString()))
            .contains("--processes 9").contains("1..nodes");
        assertThat(errorOf("local", "--nodes", "4", "--strategy", "flood", "--out", dir.resolve("r").toString()))
            .contains("'flood'");
        assertThat(errorOf("local", "--nodes", "4", "--fanout", "0", "--out", dir.resolve("r").toString()))
            .contains("fanout").contains("1..64");
    }
}
