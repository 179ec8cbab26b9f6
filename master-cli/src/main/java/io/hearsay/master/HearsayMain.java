package io.hearsay.master;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
        io.hearsay.master.soak.SoakCommand.class,
        io.hearsay.master.cluster.ClusterCommand.class,
        io.hearsay.master.sim.SimCommand.class,
        io.hearsay.master.report.CurvesCommand.class,
        io.hearsay.master.report.ReportCommand.class,
        io.hearsay.master.results.ResultsCommand.class,
        io.hearsay.master.apps.AppsDemoCommand.class,
        io.hearsay.master.fault.FaultCommand.class,
        io.hearsay.master.cluster.InjectCommand.class,
        io.hearsay.master.experiment.ExperimentCommand.class,
        io.hearsay.master.live.ServeCommand.class,
        io.hearsay.master.live.WatchCommand.class,
        io.hearsay.master.live.LiveLoadCommand.class,
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
        cli.setExecutionExceptionHandler(new OneLineFailures());
        return cli;
    }

    /** {@code --debug} on any command: failures print their stack trace (as {@code HEARSAY_DEBUG=1} does). */
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
        description = "print the stack trace of a failure (also: HEARSAY_DEBUG=1)")
    void debug(final boolean on)
    {
        OneLineFailures.debug |= on;
    }
}
