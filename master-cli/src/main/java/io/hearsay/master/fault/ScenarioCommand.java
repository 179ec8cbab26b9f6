package io.hearsay.master.fault;

import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.ControlPorts;
import io.hearsay.master.cluster.Lab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code hearsay fault scenario FILE [--check]}: validate, then play a timeline of faults on the running cluster. */
@Command(mixinStandardHelpOptions = true, name = "scenario", description = "Validate a scenario file, then play its faults on the running cluster.")
public final class ScenarioCommand implements Callable<Integer>
{
    @Parameters(index = "0", description = "scenario file")
    Path file;

    @Option(names = "--check", description = "only validate")
    boolean check;

    @Override
    public Integer call() throws Exception
    {
        final Lab lab = Lab.open(System.out);
        final ClusterState state = lab.current();
        final Scenario scenario;
        try
        {
            scenario = new ScenarioParser(state.plan(), System.currentTimeMillis()).parse(file);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("scenario refused: " + ex.getMessage());
            return 2;
        }
        if (check)
        {
            System.out.printf("scenario %s is valid: %d steps, seed %d%n", scenario.name(), scenario.steps().size(), scenario.seed());
            return 0;
        }
        try (ControlPorts control = new ControlPorts();
                FaultInjector injector = new FaultInjector(state, lab.docker(state), control, System.out))
        {
            new ScenarioRunner(injector, System.out).run(scenario);
        }
        catch (final FaultFailedException ex)
        {
            System.err.println("scenario stopped: " + ex.getMessage());
            return 2;
        }
        return 0;
    }
}
