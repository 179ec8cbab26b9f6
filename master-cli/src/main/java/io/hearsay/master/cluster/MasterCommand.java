package io.hearsay.master.cluster;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code hearsay master --run-dir DIR [--dashboard-port P]}: the cluster's master node (run as a container by
 * {@code cluster up --master}, or on the host): polls every daemon's REPORT and serves the table of node states.
 */
@Command(mixinStandardHelpOptions = true, name = "master", description = "Serve the dashboard of a cluster's node states (polls every daemon's control port).")
public final class MasterCommand implements Callable<Integer>
{
    @Option(names = "--run-dir", description = "the cluster's run folder (default: the current cluster's)")
    Path runDir;

    @Option(names = "--dashboard-port", defaultValue = "8080")
    int port;

    @Option(names = "--poll-ms", defaultValue = "1000")
    long pollMs;

    @Override
    public Integer call() throws Exception
    {
        final ClusterState state = runDir != null ? ClusterState.load(runDir) : Lab.open(System.out).current();
        try (DashboardServer dashboard = new DashboardServer(state, port))
        {
            dashboard.start();
            System.out.println("master: dashboard on port " + port + " for cluster " + state.spec().name + " (" +
                state.spec().nodes + " nodes)");
            while (!Thread.currentThread().isInterrupted())
            {
                dashboard.poll();
                TimeUnit.MILLISECONDS.sleep(pollMs);
            }
        }
        return 0;
    }
}
