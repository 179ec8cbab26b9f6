package io.hearsay.master.fault;

import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.ControlPorts;
import io.hearsay.master.cluster.DockerCli;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Makes a fault in its layer and records it in the run's timeline: {@code applied} with what was done, or
 * {@code failed} with the reason (then the exception goes on to the caller: a fault that could not be made is
 * never recorded as applied). A process-layer sleep pauses now and unpauses after its duration; {@link #close()}
 * waits for such pending ends. The control clients belong to the caller.
 */
public final class FaultInjector implements AutoCloseable
{
    private final ClusterState state;
    private final KernelFaults kernel;
    private final ProcessFaults process;
    private final ControlPorts control;
    private final FaultTimeline timeline;
    private final PrintStream out;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r ->
    {
        final Thread t = new Thread(r, "fault-timer");
        t.setDaemon(true);
        return t;
    });

    public FaultInjector(final ClusterState state, final DockerCli docker, final ControlPorts control,
        final PrintStream out)
    {
        this.state = state;
        this.kernel = new KernelFaults(docker, state);
        this.process = new ProcessFaults(docker, state);
        this.control = control;
        this.timeline = new FaultTimeline(state.runDir());
        this.out = out;
    }

    public FaultTimeline timeline()
    {
        return timeline;
    }

    /** Makes {@code action}; returns what was done. Throws {@link FaultFailedException} (recorded as failed). */
    public String apply(final FaultAction action)
    {
        if (action.kind == FaultKind.HEAL && action.layer == null)
        {
            throw new IllegalArgumentException("heal needs a layer here; use healAll()");
        }
        final long wallMs = System.currentTimeMillis();
        final String detail;
        try
        {
            detail = switch (action.layer)
            {
                case KERNEL -> kernel.apply(action);
                case PROCESS -> process.apply(action);
                case DAEMON -> new DaemonFaults(control, state).apply(action);
            };
        }
        catch (final FaultFailedException ex)
        {
            timeline.record(wallMs, action, "failed", ex.getMessage());
            throw ex;
        }
        timeline.record(wallMs, action, action.kind == FaultKind.HEAL ? "healed" : "applied", detail);
        out.printf("%s %s %s: %s%n", action.layer.cliName(), action.kind.cliName(),
            action.targets == null ? "all" : action.targets.text(), detail);
        if (action.kind == FaultKind.SLEEP && action.layer == FaultLayer.PROCESS)
        {
            final FaultAction wake = FaultAction.process(FaultKind.UNPAUSE, FaultLayer.PROCESS, action.targets, 0);
            scheduler.schedule(() -> apply(wake), action.durationMs, TimeUnit.MILLISECONDS);
        }
        return detail;
    }

    /** Heals the kernel and process layers, and the daemon layer when its control port answers. */
    public void healAll(final io.hearsay.master.fault.Selection targets)
    {
        for (final FaultLayer layer : FaultLayer.values())
        {
            try
            {
                apply(FaultAction.heal(layer, targets));
            }
            catch (final RuntimeException ex)
            {
                out.println("heal " + layer.cliName() + ": " + ex.getMessage());
            }
        }
    }

    @Override
    public void close()
    {
        scheduler.shutdown();
        try
        {
            scheduler.awaitTermination(1, TimeUnit.HOURS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
