package io.hearsay.master.cluster;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hearsay cluster up|status|down}: a cluster of Docker containers running hearsay daemons. */
@Command(mixinStandardHelpOptions = true,
    name = "cluster",
    description = "Bring a Docker cluster of hearsay daemons up, show its state, take it down.",
    subcommands = {ClusterUpCommand.class, ClusterStatusCommand.class, ClusterDownCommand.class,
        io.hearsay.master.swarm.GatherCommand.class, io.hearsay.master.swarm.AgentCommand.class})
public final class ClusterCommand implements Runnable
{
    @Spec
    CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }
}
