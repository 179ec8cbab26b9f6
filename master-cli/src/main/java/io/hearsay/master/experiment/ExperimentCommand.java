package io.hearsay.master.experiment;

import io.hearsay.master.HearsayMain;
import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.Lab;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code hearsay experiment run FILE}: a declarative experiment on Docker clusters, resumable, then the report. */
@Command(mixinStandardHelpOptions = true, name = "experiment", description = "Run declarative experiments on Docker clusters.",
    subcommands = {ExperimentCommand.Run.class})
public final class ExperimentCommand implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    @Command(mixinStandardHelpOptions = true, name = "run", description = "Run every cell x repetition not yet done, then the report over all of them.")
    static final class Run implements Callable<Integer>
    {
        @Parameters(index = "0", description = "experiment file (key = value)")
        Path file;

        @Option(names = "--out", description = "output folder (default: runs/experiments/<name>)")
        Path out;

        @Option(names = "--sizes", description = "override the file's sizes, e.g. 16,32,64")
        String sizes;

        @Option(names = "--repetitions", description = "override the file's repetitions")
        Integer repetitions;

        @Option(names = "--check", description = "only validate the file (and its scenario against every cell)")
        boolean check;

        @Option(names = "--no-report", description = "do not run the report at the end")
        boolean noReport;

        @Override
        public Integer call() throws Exception
        {
            final ExperimentSpec spec = ExperimentSpec.parse(file);
            if (sizes != null)
            {
                spec.sizes(sizes);
            }
            if (repetitions != null)
            {
                spec.repetitions = Math.max(1, repetitions);
            }
            final Lab lab = Lab.open(System.out);
            final Path outDir = out != null ? out : ClusterState.runsRoot(lab.home()).resolve("experiments").resolve(spec.name);
            final ExperimentRunner runner = new ExperimentRunner(lab, spec, outDir.toAbsolutePath(), System.out);
            runner.validate();
            if (check)
            {
                System.out.printf("experiment %s is valid: %d cells x %d repetitions%n", spec.name, spec.cells().size(),
                    spec.repetitions);
                return 0;
            }
            final int failed = runner.run();
            if (!noReport)
            {
                report(outDir);
            }
            return failed == 0 ? 0 : 3;
        }

        /** {@code hearsay report} over every run folder of the experiment, written into its own {@code report/} */
        static void report(final Path outDir)
        {
            final Path reportDir = outDir.resolve("report");
            System.out.println("hearsay report " + outDir + " --out " + reportDir);
            HearsayMain.commandLine().execute("report", outDir.toString(), "--out", reportDir.toString());
        }
    }
}
