package io.hearsay.daemon.control;

import io.hearsay.core.MemberStatus;
import io.hearsay.core.Node;
import io.hearsay.core.NodeCounters;
import io.hearsay.wire.sbe.BooleanType;
import io.hearsay.wire.sbe.ControlAckDecoder;
import io.hearsay.wire.sbe.ControlAckEncoder;
import io.hearsay.wire.sbe.HostedNodeState;
import io.hearsay.wire.sbe.LiveBatchRequestDecoder;
import io.hearsay.wire.sbe.LiveBatchRequestEncoder;
import io.hearsay.wire.sbe.LiveReportEncoder;
import io.hearsay.wire.sbe.MessageHeaderDecoder;
import io.hearsay.wire.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Live batches ({@code LiveBatchRequest}): one request naming many hosted nodes, each with its own bucket mask, answered
 * as one signed stream; a batch naming too many nodes is refused and counted, a truncated one dropped and counted; on
 * the master's side reports of a node not asked for and a malformed report are dropped
 * and counted while the rest of the answer is kept.
 */
class LiveBatchTest
{
    private static final String TOKEN = "live-batch-test-token";
    /** three hosted nodes, each knowing the same 40 members */
    private static final long[] HOSTED = { 0x7F00_0001_1001L, 0x7F00_0001_1002L, 0x7F00_0001_1003L };
    private static final int MEMBERS = 40;

    private final List<AutoCloseable> open = new ArrayList<>();
    private volatile boolean stop;

    @AfterEach
    void close() throws Exception
    {
        stop = true;
        for (final AutoCloseable c : open)
        {
            c.close();
        }
    }

    /** A poller answering live reports for {@link #HOSTED} on its own thread. */
    private ControlPoller daemon(final ControlAuth auth, final ControlHandler handler) throws Exception
    {
        final ControlPoller poller = new ControlPoller(new InetSocketAddress("127.0.0.1", 0), handler, auth);
        open.add(poller);
        final Thread thread = new Thread(() ->
        {
            while (!stop)
            {
                if (poller.poll() == 0)
                {
                    LockSupport.parkNanos(200_000);
                }
            }
        }, "live-batch-daemon");
        thread.setDaemon(true);
        thread.start();
        return poller;
    }

    private static long member(final int m)
    {
        return 0x0A00_0000_1E9AL + ((long)m << 16);
    }

    /** Every hosted node reports a view of {@link #MEMBERS} members; {@code extra} also reports another node. */
    private static ControlHandler hosting(final long extra)
    {
        final LiveView view = new LiveView();
        for (int m = 0; m < MEMBERS; m++)
        {
            view.add(member(m), m, MemberStatus.ALIVE.ordinal());
        }
        final NodeCounters counters = new NodeCounters();
        final java.util.function.Consumer<Node.MemberVisitor> members = visitor ->
        {
            for (int m = 0; m < MEMBERS; m++)
            {
                visitor.onMember(member(m), MemberStatus.ALIVE, m, 0);
            }
        };
        return (requestId, command, node, durationMs, count, direction, origin, sequence, argument, responder) ->
        {
            if (node == 0 || java.util.Arrays.stream(HOSTED).noneMatch(h -> h == node))
            {
                responder.ack(requestId, false, 0, 0, "no hosted node here");
                return;
            }
            final long wanted = count > 2 ? durationMs : 0;
            responder.liveReport(requestId, node, 1, HostedNodeState.RUNNING, 0, 0, 0, 0, false, counters, 0, view,
                members, wanted);
            if (extra != 0)
            {
                responder.liveReport(requestId, extra, 1, HostedNodeState.RUNNING, 0, 0, 0, 0, false, counters, 0, view,
                    members, wanted);
            }
            responder.ack(requestId, true, 1, 1, "reported 1 node(s); cluster=batch-test");
        };
    }

    @Test
    void shouldAnswerEveryNodeOfASignedBatchWithItsOwnBuckets() throws Exception
    {
        final ControlPoller poller = daemon(ControlAuth.ofToken(TOKEN), hosting(0));
        final ControlClient client = new ControlClient(poller.localAddress(), 2000, 2, ControlAuth.ofToken(TOKEN));
        open.add(client);
        final long oneBucket = 1L << LiveView.bucketOf(member(5));
        final long stranger = 0x7F00_0001_2222L;
        final ControlClient.LiveAnswer answer = client.liveBatch(
            new long[]{ HOSTED[0], HOSTED[1], HOSTED[2], stranger }, new long[]{ -1L, 0, oneBucket, -1L }, 4, 0, 0, 0);

        assertThat(answer.cluster()).isEqualTo("batch-test");
        assertThat(answer.reports()).extracting(ControlClient.LiveReport::nodeAddress)
            .containsExactly(HOSTED[0], HOSTED[1], HOSTED[2]);
        assertThat(answer.reports().get(0).members()).as("every bucket asked: the whole view").hasSize(MEMBERS);
        assertThat(answer.reports().get(1).members()).as("digests only").isEmpty();
        assertThat(answer.reports().get(2).bucketsIncluded()).isEqualTo(oneBucket);
        assertThat(answer.reports().get(2).members()).as("only the bucket asked")
            .allSatisfy(m -> assertThat(1L << LiveView.bucketOf(m.address())).isEqualTo(oneBucket))
            .extracting(ControlClient.Member::address).contains(member(5));
        assertThat(client.repliesForged()).isZero();

        // without the token the daemon refuses the batch: nothing is reported
        final ControlClient untagged = new ControlClient(poller.localAddress(), 2000, 1, null);
        open.add(untagged);
        assertThatThrownBy(() -> untagged.liveBatch(new long[]{ HOSTED[0] }, new long[]{ 0 }, 1, 0, 0, 0))
            .hasMessageContaining("live batch refused").hasMessageContaining("without a valid control tag");
    }

    @Test
    void shouldRefuseAndCountABatchNamingTooManyNodesAndDropATruncatedOne() throws Exception
    {
        final ControlPoller poller = daemon(null, hosting(0));
        assertThatThrownBy(() -> new ControlClient(poller.localAddress(), 500, 1, null)
            .liveBatch(new long[1025], new long[1025], ControlPoller.MAX_BATCH_NODES + 1, 0, 0, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accepted: 1..1024");

        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0)))
        {
            socket.setSoTimeout(5000);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[65_536]);
            // a batch whose group claims 50 nodes in a datagram holding 2: dropped without an answer, counted
            final int truncated = batch(buffer, 77, 50);
            socket.send(new DatagramPacket(buffer.byteArray(), 0, truncated - 48 * 16, poller.localAddress()));
            // a batch of 1,025 nodes: refused with one line, counted
            final int oversized = batch(buffer, 78, ControlPoller.MAX_BATCH_NODES + 1);
            socket.send(new DatagramPacket(buffer.byteArray(), 0, oversized, poller.localAddress()));
            final DatagramPacket in = new DatagramPacket(new byte[65_536], 65_536);
            socket.receive(in);
            final UnsafeBuffer answer = new UnsafeBuffer(in.getData());
            final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(answer, 0);
            assertThat(header.templateId()).as("the first answer is the refusal; the truncated batch got none")
                .isEqualTo(ControlAckDecoder.TEMPLATE_ID);
            final ControlAckDecoder ack = new ControlAckDecoder().wrap(answer, MessageHeaderDecoder.ENCODED_LENGTH,
                header.blockLength(), header.version());
            assertThat(ack.requestId()).isEqualTo(78);
            assertThat(ack.ok()).isEqualTo(BooleanType.FALSE);
            assertThat(ack.message()).isEqualTo("refused: a live batch of 1025 nodes; accepted: at most 1024");
        }
        assertThat(poller.malformed()).isEqualTo(1);
        assertThat(poller.refusedOversizedBatches()).isEqualTo(1);
    }

    private static int batch(final UnsafeBuffer buffer, final long requestId, final int nodes)
    {
        final LiveBatchRequestEncoder encoder = new LiveBatchRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).requestId(requestId).budgetBytes(0);
        final LiveBatchRequestEncoder.NodesEncoder group = encoder.nodesCount(nodes);
        for (int i = 0; i < nodes; i++)
        {
            group.next().nodeAddress(HOSTED[i % HOSTED.length]).bucketsWanted(0);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    @Test
    void shouldDropAndCountReportsOfNodesNotAskedForAndAnsweredTwice() throws Exception
    {
        final long stranger = 0x7F00_0001_2222L;
        final ControlPoller poller = daemon(null, hosting(stranger));
        final ControlClient client = new ControlClient(poller.localAddress(), 2000, 1, null);
        open.add(client);
        final ControlClient.LiveAnswer answer =
            client.liveBatch(new long[]{ HOSTED[0], HOSTED[1] }, new long[]{ 0, 0 }, 2, 0, 0, 0);
        assertThat(answer.reports()).extracting(ControlClient.LiveReport::nodeAddress).containsExactly(HOSTED[0], HOSTED[1]);
        assertThat(client.repliesUnasked()).as("the stranger, then the stranger again").isEqualTo(2);
    }

    @Test
    void shouldDropAndCountAMalformedReportAndKeepTheRest() throws Exception
    {
        try (DatagramSocket fake = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            ControlClient client = new ControlClient((InetSocketAddress)fake.getLocalSocketAddress(), 3000, 1, null))
        {
            final Thread daemon = new Thread(() -> answerWithOneMalformedReport(fake), "fake-daemon");
            daemon.setDaemon(true);
            daemon.start();
            final ControlClient.LiveAnswer answer =
                client.liveBatch(new long[]{ HOSTED[0], HOSTED[1] }, new long[]{ -1L, -1L }, 2, 0, 0, 0);
            assertThat(answer.reports()).extracting(ControlClient.LiveReport::nodeAddress).containsExactly(HOSTED[1]);
            assertThat(client.repliesMalformed()).isEqualTo(1);
        }
    }

    /** Answers one batch: a report whose members group claims more entries than the datagram holds, a good one, an ack. */
    private static void answerWithOneMalformedReport(final DatagramSocket socket)
    {
        try
        {
            final DatagramPacket in = new DatagramPacket(new byte[65_536], 65_536);
            socket.receive(in);
            final UnsafeBuffer request = new UnsafeBuffer(in.getData());
            final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(request, 0);
            final long requestId = new LiveBatchRequestDecoder().wrap(request, MessageHeaderDecoder.ENCODED_LENGTH,
                header.blockLength(), header.version()).requestId();
            final UnsafeBuffer out = new UnsafeBuffer(new byte[65_536]);
            int length = report(out, requestId, HOSTED[0], 500);
            socket.send(new DatagramPacket(out.byteArray(), 0, length - 400 * 17, in.getSocketAddress()));
            length = report(out, requestId, HOSTED[1], 3);
            socket.send(new DatagramPacket(out.byteArray(), 0, length, in.getSocketAddress()));
            final ControlAckEncoder ack = new ControlAckEncoder().wrapAndApplyHeader(out, 0, new MessageHeaderEncoder())
                .requestId(requestId).ok(BooleanType.TRUE).value(2).nodes(2).message("reported 2 of 2 node(s)");
            socket.send(new DatagramPacket(out.byteArray(), 0, MessageHeaderEncoder.ENCODED_LENGTH + ack.encodedLength(),
                in.getSocketAddress()));
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static int report(final UnsafeBuffer out, final long requestId, final long node, final int members)
    {
        final LiveReportEncoder r = new LiveReportEncoder().wrapAndApplyHeader(out, 0, new MessageHeaderEncoder())
            .requestId(requestId).nodeAddress(node).state(HostedNodeState.RUNNING).knowsEvent(BooleanType.FALSE)
            .bucketsIncluded(-1L);
        final LiveReportEncoder.BucketsEncoder buckets = r.bucketsCount(LiveView.BUCKETS);
        for (int b = 0; b < LiveView.BUCKETS; b++)
        {
            buckets.next().digest(0);
        }
        r.trafficCount(0);
        r.dropsCount(0);
        final LiveReportEncoder.MembersEncoder group = r.membersCount(members);
        for (int m = 0; m < members; m++)
        {
            group.next().address(member(m)).incarnation(0).status(io.hearsay.wire.sbe.MemberStatus.ALIVE);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + r.encodedLength();
    }
}
