package io.hearsay.core;

import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.testing.InMemoryCluster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.hearsay.testing.InMemoryCluster.address;
import static io.hearsay.testing.InMemoryCluster.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second group of nodes joins a running cluster under loss (the cross-process join of {@code ./hearsay local
 * --processes 2}, where the join burst overflows receive buffers): a member introduced by a third party is admitted
 * only once it answers a verification ping, and an unanswered ping is sent again, the first few a probe period apart
 * ({@link io.hearsay.core.membership.Membership}; with one retry a rejoin period the worst view held 194-206 of 256
 * after 10 s). Before any retry, a lost ping or ack left that pair apart until the
 * member was named again, mostly by anti-entropy (20 s at 256 nodes): 10 s after the join 72-84 % of the members
 * were known at the worst node, and convergence took about 100 s in virtual time for push-pull and direct addressing
 * alike.
 */
class AdmissionUnderLossTest
{
    @ParameterizedTest
    @EnumSource(value = StrategyKind.class, names = {"PUSH_PULL", "DIRECT_ADDRESSING"})
    void shouldAdmitAJoiningGroupDespiteTenPercentLoss(final StrategyKind strategy)
    {
        final int n = 256;
        final int first = 160;
        final InMemoryCluster cluster = InMemoryCluster.of(n, NodeConfig.profile(NodeConfig.Profile.LOCAL)
            .strategy(strategy).piggybackRumors(false).conclude(), 7).drop(0.10);
        for (int i = 1; i < first; i++)
        {
            cluster.node(i).join(new long[]{address(0)}, cluster.nowNs());
        }
        cluster.runFor(seconds(5));
        for (int i = first; i < n; i++)
        {
            cluster.node(i).join(new long[]{address(0)}, cluster.nowNs());
        }
        cluster.runFor(seconds(10));
        int worst = n;
        long missingPairs = 0;
        for (int i = 0; i < n; i++)
        {
            worst = Math.min(worst, cluster.node(i).liveMemberCount());
            missingPairs += n - cluster.node(i).liveMemberCount();
        }
        System.out.printf("AdmissionUnderLossTest %s: 10 s after %d nodes joined %d under 10%% loss: worst view %d of %d, " +
            "%d pairs apart%n", strategy, n - first, first, worst, n, missingPairs);
        assertThat(worst).as("the worst node's view 10 s after the join").isGreaterThanOrEqualTo(n * 95 / 100);
        assertThat(missingPairs).as("pairs that do not know each other yet").isLessThanOrEqualTo(n * n / 200);
    }
}
