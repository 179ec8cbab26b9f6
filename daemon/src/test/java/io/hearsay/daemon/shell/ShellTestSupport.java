package io.hearsay.daemon.shell;

import io.hearsay.core.NodeConfig;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.testing.StandInNode;

import java.util.function.BooleanSupplier;

/** Small helpers of the shell tests: configs, and polling a condition with a deadline while stepping daemons. */
final class ShellTestSupport
{
    private ShellTestSupport()
    {
    }

    static ShellConfig flood(final int nodes)
    {
        return new ShellConfig().port(0).nodes(nodes).seed(42).protocolFactory(StandInNode.FLOOD)
            .nodeConfig(NodeConfig.profile(NodeConfig.Profile.LOCAL));
    }

    static ShellConfig real(final int nodes, final StrategyKind strategy)
    {
        return new ShellConfig().port(0).nodes(nodes).seed(42)
            .nodeConfig(NodeConfig.profile(NodeConfig.Profile.LOCAL).strategy(strategy).gossipPeriodNs(50_000_000L));
    }

    /** Step every daemon until the condition holds; fail naming what was awaited when the deadline passes. */
    static void stepUntil(final long timeoutMs, final String what, final BooleanSupplier condition, final HearsayDaemon... daemons)
    {
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting until " + what);
            }
            int work = 0;
            for (final HearsayDaemon daemon : daemons)
            {
                work += daemon.invoker().invoke();
            }
            if (work == 0)
            {
                Thread.onSpinWait();
            }
        }
    }

    /** Step for a fixed span of time (letting timers and delays play out), not a wait for a condition. */
    static void stepFor(final long spanMs, final HearsayDaemon... daemons)
    {
        final long endNs = System.nanoTime() + spanMs * 1_000_000L;
        while (System.nanoTime() - endNs < 0)
        {
            for (final HearsayDaemon daemon : daemons)
            {
                daemon.invoker().invoke();
            }
        }
    }

    static boolean allKnow(final HearsayDaemon daemon, final long origin, final long sequence)
    {
        for (final HostedNode node : daemon.nodes())
        {
            if (!node.isCrashed() && !node.protocol().knowsEvent(origin, sequence))
            {
                return false;
            }
        }
        return true;
    }

    static int knowing(final HearsayDaemon daemon, final long origin, final long sequence)
    {
        int n = 0;
        for (final HostedNode node : daemon.nodes())
        {
            if (node.protocol().knowsEvent(origin, sequence))
            {
                n++;
            }
        }
        return n;
    }
}
