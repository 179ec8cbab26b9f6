package io.hearsay.master.cluster;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code hearsay cluster down}: removes every lab container, network and interface. The run folder stays. */
@Command(mixinStandardHelpOptions = true, name = "down", description = "Remove every lab container, network and interface (run folders are kept).")
public final class ClusterDownCommand implements Callable<Integer>
{
    @Override
    public Integer call()
    {
        Lab.open(System.out).down();
        return 0;
    }
}
