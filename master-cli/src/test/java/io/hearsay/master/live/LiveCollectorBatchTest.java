package io.hearsay.master.live;

import io.hearsay.core.Addresses;
import io.hearsay.core.MemberStatus;
import io.hearsay.core.Node;
import io.hearsay.core.NodeCounters;
import io.hearsay.daemon.control.ControlHandler;
import io.hearsay.daemon.control.ControlPoller;
import io.hearsay.daemon.control.LiveView;
import io.hearsay.wire.sbe.ControlCommand;
import io.hearsay.wire.sbe.HostedNodeState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector fetches stale view buckets in batches, one request and answer stream per process at a time: two processes of 300 nodes whose
 * views all differ (each holds every member at its own incarnation) give the master the whole 600 x 600 matrix through
 * batches each bounded in nodes and expected bytes; a steady poll sends no batch; one changed entry costs one batch
 * naming one node and one bucket.
 */
class LiveCollectorBatchTest
{
    private static final int PER_PROCESS = 300;
    private static final int NODES = 2 * PER_PROCESS;

    private final List<AutoCloseable> open = new ArrayList<>();
    private volatile boolean stop;
    /** per live batch (its request id): the nodes it named and the buckets asked of each */
    private final Map<Long, List<Long>> batches = new ConcurrentHashMap<>();
    /** node index whose entry of member 0 is bumped (its view changes), -1: none */
    private volatile int changed = -1;

    @AfterEach
    void close() throws Exception
    {
        stop = true;
        for (final AutoCloseable c : open)
        {
            c.close();
        }
    }

    private static long address(final int k)
    {
        return Addresses.pack(0x0A010000 | (k + 1), 7946);
    }

    /** node k holds every member at incarnation k (member 0 at k + 1 when k is the changed node) */
    private long incarnation(final int k, final int m)
    {
        return k + (m == 0 && k == changed ? 1 : 0);
    }

    private ControlHandler process(final int from)
    {
        final NodeCounters counters = new NodeCounters();
        final LiveView view = new LiveView();
        final int[] reporting = new int[1];
        final java.util.function.Consumer<Node.MemberVisitor> members = visitor ->
        {
            for (int m = 0; m < NODES; m++)
            {
                visitor.onMember(address(m), MemberStatus.ALIVE, incarnation(reporting[0], m), 0);
            }
        };
        return (requestId, command, node, durationMs, count, direction, origin, sequence, argument, responder) ->
        {
            if (command != ControlCommand.REPORT)
            {
                responder.ack(requestId, false, 0, 0, "reports only");
                return;
            }
            if (node != 0)
            {
                batches.computeIfAbsent(requestId, id -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(count > 2 ? durationMs : 0);
            }
            int reported = 0;
            for (int k = from; k < from + PER_PROCESS; k++)
            {
                if (node != 0 && address(k) != node)
                {
                    continue;
                }
                reporting[0] = k;
                view.reset();
                members.accept(view);
                responder.liveReport(requestId, address(k), 1, HostedNodeState.RUNNING, 0, 0, 0, 0, false, counters, 0,
                    view, members, count > 2 ? durationMs : 0);
                reported++;
            }
            responder.ack(requestId, true, reported, reported, "reported " + reported + " node(s)");
        };
    }

    private InetSocketAddress start(final int from) throws Exception
    {
        final ControlPoller poller = new ControlPoller(new InetSocketAddress("127.0.0.1", 0), process(from), null);
        open.add(poller);
        final Thread thread = new Thread(() ->
        {
            while (!stop)
            {
                if (poller.poll() == 0)
                {
                    LockSupport.parkNanos(100_000);
                }
            }
        }, "process-" + from);
        thread.setDaemon(true);
        thread.start();
        return poller.localAddress();
    }

    @Test
    void shouldFetchDistinctViewsInAFewBoundedBatchesPerProcess() throws Exception
    {
        final LiveCollector collector = new LiveCollector(List.of(start(0), start(PER_PROCESS)), 0, 1000, null, null, null);
        open.add(collector);

        // on a loaded machine a burst of reports can lose some: they are asked at the next poll
        LiveCollector.Snapshot first = collector.poll();
        final long deadlineNs = System.nanoTime() + 30_000_000_000L;
        while (first.viewEntries() < (long)NODES * NODES && System.nanoTime() < deadlineNs)
        {
            first = collector.poll();
        }
        assertThat(first.nodes()).hasSize(NODES);
        assertThat(first.viewEntries()).as("every view whole").isEqualTo((long)NODES * NODES);
        // a full view of 600 entries is about 11 KB: about 23 nodes fill a batch's 256 KiB
        final long perNodeBytes = 1_100 + 17L * NODES;
        assertThat(batches.values()).allSatisfy(named -> assertThat(named)
            .hasSizeLessThanOrEqualTo(LiveCollector.BATCH_NODES)
            .hasSizeLessThanOrEqualTo((int)(LiveCollector.BATCH_ANSWER_BYTES / perNodeBytes) + 1));
        assertThat(batches.values().stream().mapToInt(List::size).sum()).as("every node named").isGreaterThanOrEqualTo(NODES);

        batches.clear();
        collector.poll();
        assertThat(batches).as("a steady poll asks digests only").isEmpty();

        changed = 5;
        final LiveCollector.Snapshot after = collector.poll();
        assertThat(batches).hasSize(1);
        assertThat(batches.values().iterator().next()).as("one node, one bucket")
            .containsExactly(1L << LiveView.bucketOf(address(0)));
        assertThat(after.viewEntries()).isEqualTo((long)NODES * NODES);
        assertThat(after.droppedTotal()).isZero();
    }
}
