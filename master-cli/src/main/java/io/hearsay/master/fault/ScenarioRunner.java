package io.hearsay.master.fault;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Plays a validated {@link Scenario} on the running cluster: each step at its time after the start. A step that
 * cannot be made stops the scenario (recorded as failed in the timeline; the exception names it).
 */
public final class ScenarioRunner
{
    private final FaultInjector injector;
    private final PrintStream out;

    public ScenarioRunner(final FaultInjector injector, final PrintStream out)
    {
        this.injector = injector;
        this.out = out;
    }

    public void run(final Scenario scenario) throws InterruptedException
    {
        final long startNs = System.nanoTime();
        out.printf("scenario %s: %d steps over %.1f s, seed %d%n", scenario.name(), scenario.steps().size(),
            scenario.lengthMs() / 1000.0, scenario.seed());
        for (final Scenario.Step step : scenario.steps())
        {
            final long waitMs = step.atMs() - (System.nanoTime() - startNs) / 1_000_000;
            if (waitMs > 0)
            {
                TimeUnit.MILLISECONDS.sleep(waitMs);
            }
            try
            {
                if (step.action().kind == FaultKind.HEAL && step.action().layer == FaultLayer.KERNEL &&
                    !step.text().contains("layer="))
                {
                    injector.healAll(step.action().targets);
                }
                else
                {
                    injector.apply(step.action());
                }
            }
            catch (final FaultFailedException ex)
            {
                throw new FaultFailedException(scenario.name() + " line " + step.line() + " (" + step.text() + "): " +
                    ex.getMessage(), null);
            }
        }
    }
}
