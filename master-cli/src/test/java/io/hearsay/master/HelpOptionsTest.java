package io.hearsay.master;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command and subcommand answers {@code --help} (a user's first try), so none of them can miss it. */
class HelpOptionsTest
{
    @Test
    void shouldOfferHelpOnEveryCommand()
    {
        final List<String> missing = new ArrayList<>();
        visit(HearsayMain.commandLine(), missing);
        assertThat(missing).as("commands without --help").isEmpty();
    }

    private static void visit(final CommandLine cli, final List<String> missing)
    {
        if (cli.getCommandSpec().findOption("--help") == null && !"help".equals(cli.getCommandName()))
        {
            missing.add(cli.getCommandSpec().qualifiedName());
        }
        cli.getSubcommands().values().forEach(sub -> visit(sub, missing));
    }
}
