package io.hearsay.master;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./hearsay} command: every tool of the project is a subcommand here.
 * Each subcommand lives in its own class; add it to {@code subcommands} below.
 */
@Command(
    name = "hearsay",
    mixinStandardHelpOptions = true,
    version = "hearsay 0.1.0",
    description = "A UDP gossip cluster and the laboratory around it.",
    subcommands = {
        CommandLine.HelpCommand.class,
        io.hearsay.master.report.CurvesCommand.class,
        io.hearsay.master.report.ReportCommand.class,
    })
public final class HearsayMain implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine()
    {
        final CommandLine cli = new CommandLine(new HearsayMain());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }
}
