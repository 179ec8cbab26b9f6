package io.hearsay.master.cluster;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code hearsay cluster status}: containers, memory, membership and events as the nodes logged them, conntrack. */
@Command(mixinStandardHelpOptions = true, name = "status", description = "Show the running cluster: containers, memory, membership, events, conntrack.")
public final class ClusterStatusCommand implements Callable<Integer>
{
    @Override
    public Integer call()
    {
        final Lab lab = Lab.open(System.out);
        lab.status(lab.current(), System.out::println);
        return 0;
    }
}
