package io.hearsay.master.options;

import io.hearsay.master.HearsayMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest
{
    private static final List<String> PROTOCOL_COMMANDS = List.of("daemon", "local", "sim", "cluster up");

    private static CommandLine command(final String path)
    {
        CommandLine cli = HearsayMain.commandLine();
        for (final String name : path.split(" "))
        {
            cli = cli.getSubcommands().get(name);
        }
        return cli;
    }

    private static String defaultOf(final String command, final String option)
    {
        final CommandLine cli = command(command);
        final CommandLine.Model.OptionSpec spec = cli.getCommandSpec().findOption(option);
        assertThat(spec).as("%s %s", command, option).isNotNull();
        final String fromProvider = cli.getDefaultValueProvider() == null ? null : defaultFrom(cli, spec);
        return fromProvider != null ? fromProvider : spec.defaultValueString();
    }

    private static String defaultFrom(final CommandLine cli, final CommandLine.Model.OptionSpec spec)
    {
        try
        {
            return cli.getDefaultValueProvider().defaultValue(spec);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** the class of the mixin (or, nested, the mixin's mixin) that defines {@code option}, or the command's */
    private static Class<?> definedBy(final CommandLine.Model.CommandSpec spec, final String option)
    {
        for (final CommandLine.Model.CommandSpec mixin : spec.mixins().values())
        {
            if (mixin.findOption(option) != null)
            {
                final Class<?> nested = definedBy(mixin, option);
                return nested != null ? nested : mixin.userObject().getClass();
            }
        }
        return spec.findOption(option) == null ? null : spec.userObject().getClass();
    }

    @Test
    void shouldDefineTheProtocolOptionsOnceWithOneDefaultEach()
    {
        for (final String command : PROTOCOL_COMMANDS)
        {
            for (final String option : List.of("--strategy", "--timing", "--fanout", "--profile", "--gossip-period-ms", "--seed"))
            {
                assertThat(definedBy(command(command).getCommandSpec(), option))
                    .as("%s %s comes from a mixin", command, option).isIn(ProtocolOptions.class, SeedOption.class);
            }
            assertThat(defaultOf(command, "--strategy")).isEqualTo("push-pull");
            assertThat(defaultOf(command, "--timing")).isEqualTo("periodic");
            assertThat(defaultOf(command, "--fanout")).isEqualTo("1");
            assertThat(defaultOf(command, "--gossip-period-ms")).as("%s: absent = the profile's", command).isIn(null, "null");
            assertThat(defaultOf(command, "--profile")).as(command).isEqualTo("local".equals(command) ? "local" : "lan");
        }
        assertThat(definedBy(command("daemon").getCommandSpec(), "--idle")).isEqualTo(IdleOption.class);
        assertThat(definedBy(command("local").getCommandSpec(), "--idle")).isEqualTo(IdleOption.class);
        assertThat(defaultOf("daemon", "--idle")).isEqualTo("select");
        assertThat(defaultOf("local", "--idle")).isEqualTo("select");
    }

    @Test
    void shouldShowEachProfilesDefaultsInTheHelp()
    {
        final String help = command("sim").getUsageMessage();

        assertThat(help).contains("lan   gossip 200 ms").contains("wan   gossip 500 ms").contains("local gossip 100 ms");
        assertThat(command("local").getUsageMessage()).contains("timer profile: lan, wan or local (default local;");
    }

    @Test
    void shouldTakeTheProfilesGossipPeriodUnlessOneIsGiven()
    {
        assertThat(ProtocolOptions.of("push-pull", "periodic", 1, "wan", null).effectiveGossipPeriodMs()).isEqualTo(500);
        assertThat(ProtocolOptions.of("push-pull", "periodic", 1, "wan", 70L).nodeConfig("c").gossipPeriodNs())
            .isEqualTo(70_000_000L);
        assertThatThrownBy(() -> ProtocolOptions.of("push-pull", "periodic", 1, "lan", 0L).nodeConfig("c"))
            .hasMessageContaining("--gossip-period-ms 0").hasMessageContaining("accepted: 1..60000");
    }

    @Test
    void shouldRoundTripADaemonsConfigurationThroughItsFile(@TempDir final Path dir) throws Exception
    {
        final DaemonOptions written = new DaemonOptions();
        written.port = 0;
        written.nodes = 3;
        written.seeds = "127.0.0.1:7946";
        written.protocol = ProtocolOptions.of("median-counter", "eager", 2, "local", 150L);
        written.logDir = dir.resolve("logs");
        written.seed = SeedOption.of(42L);
        written.idle = IdleOption.of("backoff");
        written.loss = 0.25;
        final Path file = dir.resolve("d.json");
        written.write(file);

        final DaemonOptions read = DaemonOptions.read(file);

        assertThat(read.shellConfig().toString()).isEqualTo(written.shellConfig().toString());
        assertThat(read.logDir).isEqualTo(written.logDir);
        assertThat(read.seed.given()).isEqualTo(42L);
        assertThat(read.idle.value()).isEqualTo("backoff");
    }

    @Test
    void shouldRefuseABadConfigurationFileInOneLine(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\n  \"nodes\": 2,\n  \"prot\": {}\n}\n");

        assertThatThrownBy(() -> DaemonOptions.read(file))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(file.toString()).hasMessageContaining("line 3").hasMessageContaining("\"prot\"")
            .hasMessageNotContaining("\n");
    }

    @Test
    void shouldRefuseOptionsBesideConfig(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("d.json");
        new DaemonOptions().write(file);
        final StringWriter err = new StringWriter();
        final CommandLine cli = HearsayMain.commandLine();
        cli.setErr(new PrintWriter(err));

        final int exit = cli.execute("daemon", "--config", file.toString(), "--port", "7000");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--port given beside --config");
    }
}
