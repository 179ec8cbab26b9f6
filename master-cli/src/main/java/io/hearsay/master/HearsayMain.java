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
        io.hearsay.master.demo.DemoCommand.class,
        io.hearsay.master.cluster.DaemonCommand.class,
        io.hearsay.master.cluster.LocalCommand.class,
        io.hearsay.master.cluster.ClusterCommand.class,
        io.hearsay.master.sim.SimCommand.class,
        io.hearsay.master.report.CurvesCommand.class,
        io.hearsay.master.report.ReportCommand.class,
        io.hearsay.master.apps.AppsDemoCommand.class,
        io.hearsay.master.fault.FaultCommand.class,
        io.hearsay.master.cluster.InjectCommand.class,
        io.hearsay.master.experiment.ExperimentCommand.class,
        io.hearsay.master.live.ServeCommand.class,
        io.hearsay.master.live.WatchCommand.class,
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
        // bad input and unavailable facilities: one clear line naming the value, not a stack trace
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
        {
            if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException ||
                ex instanceof java.io.UncheckedIOException)
            {
                commandLine.getErr().println("error: " + ex.getMessage());
                return 2;
            }
            if (ex instanceof java.nio.file.FileSystemException)
            {
                // an unwritable --out, --log-dir or run folder: the path and the reason, e.g. "Permission denied"
                final java.nio.file.FileSystemException fs = (java.nio.file.FileSystemException)ex;
                commandLine.getErr().println("error: cannot use " + fs.getFile() +
                    (fs.getReason() != null ? ": " + fs.getReason() : ": " + ex.getClass().getSimpleName()));
                return 2;
            }
            throw ex;
        });
        return cli;
    }
}
