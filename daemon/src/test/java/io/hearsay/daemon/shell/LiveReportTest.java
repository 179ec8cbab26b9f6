package io.hearsay.daemon.shell;

import io.hearsay.daemon.control.ControlClient;
import io.hearsay.daemon.control.LiveView;
import io.hearsay.wire.sbe.HostedNodeState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Live reports over the control port: state, counters by kind, view digests, and the entries of asked buckets. */
class LiveReportTest
{
    @Test
    void shouldReportEveryNodesStateAndViewByBucket() throws Exception
    {
        try (HearsayDaemon daemon = new HearsayDaemon(ShellTestSupport.real(8, io.hearsay.core.dissemination.StrategyKind.PUSH_PULL).controlPort(0)).start();
            ControlClient control = new ControlClient(daemon.controlAddress(), 300, 5))
        {
            final long deadlineNs = System.nanoTime() + 10_000_000_000L;
            while (control.status(0, 0).minLiveMembers() < 8)
            {
                assertThat(System.nanoTime() - deadlineNs).as("cluster of 8 formed in time").isNegative();
            }
            final List<ControlClient.LiveReport> digests = control.live(0, 0, 0, 0, 0);
            assertThat(digests).hasSize(8);
            for (final ControlClient.LiveReport r : digests)
            {
                assertThat(r.state()).isEqualTo(HostedNodeState.RUNNING);
                assertThat(r.memberCount()).as("every member, itself included").isEqualTo(8);
                assertThat(r.aliveMembers()).isEqualTo(8);
                assertThat(r.members()).as("digests only").isEmpty();
                assertThat(r.bucketsIncluded()).isZero();
                assertThat(r.messagesIn()).as("datagrams in, counted by kind").isPositive();
                assertThat(r.messagesOut()).as("datagrams out, counted by kind").isPositive();
                assertThat(r.traffic()).extracting(ControlClient.Traffic::templateId).contains(10, 20);
                assertThat(LiveView.viewDigest(r.bucketDigests())).isEqualTo(r.viewDigest());
            }

            final long node = daemon.node(3).address();
            final ControlClient.LiveReport full = control.live(node, -1L, 0, 0, 0).get(0);
            assertThat(full.bucketsIncluded()).isEqualTo(-1L);
            assertThat(full.members()).hasSize(full.memberCount());
            final long[] recomputed = new long[LiveView.BUCKETS];
            for (final ControlClient.Member m : full.members())
            {
                recomputed[LiveView.bucketOf(m.address())] += LiveView.entryDigest(m.address(), m.incarnation(), m.status());
            }
            assertThat(recomputed).as("the master recomputes the node's bucket digests").isEqualTo(full.bucketDigests());

            // a budget too small for every bucket: only whole buckets that fit, named in bucketsIncluded
            final ControlClient.LiveReport part = control.live(node, -1L, 1, 0, 0).get(0);
            assertThat(part.bucketsIncluded()).isNotEqualTo(-1L);
            int expected = 0;
            for (final ControlClient.Member m : full.members())
            {
                expected += (part.bucketsIncluded() & (1L << LiveView.bucketOf(m.address()))) != 0 ? 1 : 0;
            }
            assertThat(part.members()).hasSize(expected);
        }
    }
}
