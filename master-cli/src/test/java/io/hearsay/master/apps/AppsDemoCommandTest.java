package io.hearsay.master.apps;

import io.hearsay.master.HearsayMain;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class AppsDemoCommandTest
{
    @Test
    void shouldNameABadNodeCountAndWhatIsAccepted()
    {
        final StringWriter err = new StringWriter();
        final CommandLine cli = HearsayMain.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("apps-demo", "--nodes", "0")).isNotZero();
        assertThat(err.toString()).contains("--nodes 0 is out of range; accepted: 1..1000");
    }

    @Test
    void shouldNameABadPluginsFolder()
    {
        final StringWriter err = new StringWriter();
        final CommandLine cli = HearsayMain.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("apps-demo", "--plugins", "/nonexistent-plugins", "--api-port", "0")).isNotZero();
        assertThat(err.toString()).contains("/nonexistent-plugins").contains("folder");
    }
}
