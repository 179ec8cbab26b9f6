package io.hearsay.master.swarm;

import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.Lab;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code hearsay cluster gather}: a swarm cluster's clocks, consoles and logs from every host into its run folder. */
@Command(mixinStandardHelpOptions = true, name = "gather", description = "Swarm: measure each host's clock offset " +
    "and bring every host's logs and console into the run folder (down does it too; curves and report need it).")
public final class GatherCommand implements Callable<Integer>
{
    @Override
    public Integer call()
    {
        final Lab lab = Lab.open(System.out);
        final ClusterState state = lab.current();
        if (!state.spec().swarm())
        {
            System.out.println("cluster " + state.spec().name + " runs on this host and writes its logs into " +
                state.runDir() + " as it runs: nothing to gather");
            return 0;
        }
        lab.gather(state);
        return 0;
    }
}
