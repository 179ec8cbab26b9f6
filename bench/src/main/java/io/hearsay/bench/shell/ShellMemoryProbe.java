package io.hearsay.bench.shell;

import io.hearsay.daemon.control.ControlClient;
import io.hearsay.core.NodeConfig;
import io.hearsay.daemon.shell.HearsayDaemon;
import io.hearsay.daemon.shell.ShellConfig;
import io.hearsay.testing.StandInNode;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Memory per hosted node: heap (after GC) and direct buffers of one process hosting N real nodes (default 1,000)
 * once their membership has converged (or a time limit passed), minus the same process before the daemon started.
 * <pre>
 *   java $FLAGS -cp bench/target/classes:master-cli/target/hearsay.jar io.hearsay.bench.shell.ShellMemoryProbe [nodes=1000] [limit-s=180] [shell-only]
 * </pre>
 * {@code shell-only} hosts a do-nothing stand-in protocol instead of the real core: the shell's own share.
 * <pre>
 * </pre>
 */
public final class ShellMemoryProbe
{
    private ShellMemoryProbe()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        final int limitS = args.length > 1 ? Integer.parseInt(args[1]) : 180;
        final boolean shellOnly = args.length > 2 && args[2].equals("shell-only");
        final long[] before = measure();
        final ShellConfig config = new ShellConfig().port(0).nodes(nodes).seed(1).controlPort(0)
            .nodeConfig(NodeConfig.profile(NodeConfig.Profile.LOCAL));
        if (shellOnly)
        {
            config.protocolFactory(new StandInNode.Relay(2, 100));
        }
        try (HearsayDaemon daemon = new HearsayDaemon(config).start();
            ControlClient control = new ControlClient(daemon.controlAddress(), 2000, 5))
        {
            final long deadlineNs = System.nanoTime() + limitS * 1_000_000_000L;
            int minLive = 0;
            while (System.nanoTime() - deadlineNs < 0)
            {
                minLive = control.status(0, 0).minLiveMembers();
                if (minLive >= nodes || shellOnly)
                {
                    break;
                }
                Thread.sleep(200); // polling the control port with a deadline
            }
            final long[] after = measure();
            final double heapPerNode = (after[0] - before[0]) / (double)nodes;
            final double directPerNode = (after[1] - before[1]) / (double)nodes;
            System.out.printf((shellOnly ? "shell only: " : "real core: ") + "nodes=%d converged=%s (smallest view %d): heap %.1f KiB/node, direct %.1f KiB/node, " +
                "total %.1f KiB/node (process heap %d MiB, direct %d MiB)%n", nodes, minLive >= nodes, minLive,
                heapPerNode / 1024, directPerNode / 1024, (heapPerNode + directPerNode) / 1024,
                after[0] >> 20, after[1] >> 20);
        }
    }

    /** {heap used after GC, direct + mapped buffer bytes} */
    private static long[] measure() throws InterruptedException
    {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++)
        {
            System.gc();
            Thread.sleep(100);
        }
        long direct = 0;
        for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
        {
            if (pool.getName().equals("direct"))
            {
                direct += pool.getMemoryUsed();
            }
        }
        return new long[]{ memory.getHeapMemoryUsage().getUsed(), direct };
    }
}
