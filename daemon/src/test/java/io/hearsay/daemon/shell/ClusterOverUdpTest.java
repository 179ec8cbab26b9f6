package io.hearsay.daemon.shell;

import io.hearsay.core.GossipNode;
import io.hearsay.core.MemberStatus;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.core.impair.LinkImpairment;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.SplittableRandom;

import static io.hearsay.daemon.shell.ShellTestSupport.allKnow;
import static io.hearsay.daemon.shell.ShellTestSupport.stepUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real protocol core behind the real shell, over loopback UDP, all nodes in one process stepped by the test
 * thread (an AgentInvoker): dissemination per strategy, under the shell's own loss, crash detection, graceful leave,
 * and a partition by impairment that heals and re-merges. Skipped while the core is only a stub.
 */
class ClusterOverUdpTest
{
    private static final UnsafeBuffer PAYLOAD = new UnsafeBuffer("event".getBytes());

    @BeforeAll
    static void requireCore()
    {
        boolean available;
        try
        {
            new GossipNode(NodeConfig.profile(NodeConfig.Profile.LOCAL).conclude(), 1, 1, (t, b, o, l) -> { }, null,
                new SplittableRandom(1), 0);
            available = true;
        }
        catch (final UnsupportedOperationException ex)
        {
            available = false;
        }
        catch (final RuntimeException ex)
        {
            available = true; // a real core that objects to the null sink
        }
        assumeTrue(available, "the protocol core is not written yet");
    }

    static ShellConfig cluster(final int nodes, final StrategyKind strategy)
    {
        return new ShellConfig().port(0).nodes(nodes).seed(7).nodeConfig(fast(strategy));
    }

    static NodeConfig fast(final StrategyKind strategy)
    {
        return NodeConfig.profile(NodeConfig.Profile.LOCAL).strategy(strategy)
            .gossipPeriodNs(50_000_000L).probePeriodNs(200_000_000L).probeTimeoutNs(100_000_000L)
            .rejoinPeriodNs(500_000_000L);
    }

    @ParameterizedTest
    @EnumSource(StrategyKind.class)
    void shouldInformAllSixtyFourNodesOfOneProcess(final StrategyKind strategy) throws Exception
    {
        try (HearsayDaemon daemon = new HearsayDaemon(cluster(64, strategy)))
        {
            stepUntil(120_000, "64 nodes converge", () -> minLive(daemon) == 64, daemon);
            final HostedNode origin = daemon.node(11);
            final long seq = origin.protocol().broadcast(nowNs(), 0, PAYLOAD, 0, PAYLOAD.capacity());
            stepUntil(120_000, "all 64 know the " + strategy + " event", () -> allKnow(daemon, origin.address(), seq), daemon);
        }
    }

    @ParameterizedTest
    @EnumSource(StrategyKind.class)
    void shouldInformAllSixtyFourNodesUnderTenPercentLoss(final StrategyKind strategy) throws Exception
    {
        try (HearsayDaemon daemon = new HearsayDaemon(cluster(64, strategy).impairment(LinkImpairment.parse("test", "loss p=0.1"))))
        {
            stepUntil(120_000, "64 nodes converge under loss", () -> minLive(daemon) == 64, daemon);
            final HostedNode origin = daemon.node(40);
            final long seq = origin.protocol().broadcast(nowNs(), 0, PAYLOAD, 0, PAYLOAD.capacity());
            stepUntil(120_000, "all 64 know under 10% loss", () -> allKnow(daemon, origin.address(), seq), daemon);
            long lost = 0;
            for (final HostedNode node : daemon.nodes())
            {
                lost += node.impairment().counters().lost;
            }
            assertThat(lost).isPositive();
        }
    }

    @Test
    void shouldDetectACrashedNodeDeadEverywhere() throws Exception
    {
        try (HearsayDaemon daemon = new HearsayDaemon(cluster(16, StrategyKind.PUSH_PULL)))
        {
            stepUntil(120_000, "16 nodes converge", () -> minLive(daemon) == 16, daemon);
            final HostedNode victim = daemon.node(5);
            victim.crash();
            stepUntil(120_000, "every other node sees the crashed node dead",
                () -> allOthersSee(daemon, victim, MemberStatus.DEAD), daemon);
        }
    }

    @Test
    void shouldSeeAGracefulLeaveEverywhere() throws Exception
    {
        try (HearsayDaemon daemon = new HearsayDaemon(cluster(16, StrategyKind.PUSH_PULL)))
        {
            stepUntil(120_000, "16 nodes converge", () -> minLive(daemon) == 16, daemon);
            final HostedNode leaver = daemon.node(9);
            leaver.protocol().leave(nowNs());
            leaver.markLeft();
            stepUntil(120_000, "every other node sees the leave",
                () -> allOthersSee(daemon, leaver, MemberStatus.LEFT), daemon);
        }
    }

    @Test
    void shouldSplitByImpairmentAndReMergeAfterHealing() throws Exception
    {
        try (HearsayDaemon daemon = new HearsayDaemon(cluster(16, StrategyKind.PUSH_PULL)))
        {
            stepUntil(120_000, "16 nodes converge", () -> minLive(daemon) == 16, daemon);
            final HostedNode[] nodes = daemon.nodes();
            for (int i = 0; i < 16; i++)
            {
                for (int j = 0; j < 16; j++)
                {
                    if ((i < 8) != (j < 8))
                    {
                        nodes[i].impairment().block(nodes[j].address());
                    }
                }
            }
            stepUntil(120_000, "each side sees only its 8", () -> maxLive(daemon) == 8, daemon);
            for (final HostedNode node : nodes)
            {
                node.impairment().heal();
            }
            stepUntil(120_000, "the halves re-merge into 16", () -> minLive(daemon) == 16, daemon);
        }
    }

    private static long nowNs()
    {
        return System.nanoTime();
    }

    static int minLive(final HearsayDaemon daemon)
    {
        int min = Integer.MAX_VALUE;
        for (final HostedNode node : daemon.nodes())
        {
            if (!node.isCrashed())
            {
                min = Math.min(min, node.protocol().liveMemberCount());
            }
        }
        return min;
    }

    static int maxLive(final HearsayDaemon daemon)
    {
        int max = 0;
        for (final HostedNode node : daemon.nodes())
        {
            max = Math.max(max, node.protocol().liveMemberCount());
        }
        return max;
    }

    static boolean allOthersSee(final HearsayDaemon daemon, final HostedNode subject, final MemberStatus status)
    {
        final boolean[] ok = { true };
        for (final HostedNode node : daemon.nodes())
        {
            if (node == subject || node.isCrashed())
            {
                continue;
            }
            final boolean[] seen = { false };
            node.protocol().forEachMember((address, s, incarnation, bootId) ->
            {
                if (address == subject.address() && (s == status || (status == MemberStatus.DEAD && s == MemberStatus.LEFT)))
                {
                    seen[0] = true;
                }
            });
            ok[0] &= seen[0];
        }
        return ok[0];
    }
}
