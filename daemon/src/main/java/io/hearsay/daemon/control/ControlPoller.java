package io.hearsay.daemon.control;

import io.hearsay.core.MemberStatus;
import io.hearsay.wire.sbe.BooleanType;
import io.hearsay.wire.sbe.ControlAckEncoder;
import io.hearsay.wire.sbe.ControlCommand;
import io.hearsay.wire.sbe.ControlDecoder;
import io.hearsay.wire.sbe.BlockDirection;
import io.hearsay.wire.sbe.HostedNodeState;
import io.hearsay.wire.sbe.LiveBatchRequestDecoder;
import io.hearsay.wire.sbe.LiveReportEncoder;
import io.hearsay.wire.sbe.MessageHeaderDecoder;
import io.hearsay.wire.sbe.MessageHeaderEncoder;
import io.hearsay.wire.sbe.NodeReportEncoder;
import io.hearsay.wire.sbe.ProcessStatusEncoder;
import org.agrona.BufferUtil;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The daemon side of the control port: polled by the duty cycle, decodes {@code Control} datagrams, hands them to a
 * {@link ControlHandler} and sends its answers back to the requester. A malformed datagram is counted and dropped.
 * A retried request (same id from the same sender) whose ack is still remembered is answered from memory, so a
 * retried INJECT does not inject twice. With a {@link ControlAuth} every command (STATUS and REPORT too) must carry
 * its tag: one without is refused with a short ack and counted ({@link #refusedUntagged()}, {@link #refusedBadTag()}),
 * and must be fresh: sent within {@link ControlFreshness#DEFAULT_WINDOW_MS} of this clock and not obeyed before
 * (its request id remembered while its time is in the window), else refused and counted
 * ({@link #refusedNotFresh}): a captured command replayed at any later time is refused.
 * and every answer carries the tag too (so the master can drop a forged report: {@code ControlClient} verifies it).
 */
public final class ControlPoller implements ControlResponder, AutoCloseable
{
    private static final int MAX_DATAGRAM_BYTES = 65_507;
    private static final int MAX_POLL = 16;
    private static final int REMEMBERED_ACKS = 64;
    /** the control socket's send buffer asked of the kernel (it may grant less: net.core.wmem_max) */
    public static final int SEND_BUFFER_BYTES = 4 * 1024 * 1024;
    /** the most nodes one live batch may name */
    public static final int MAX_BATCH_NODES = 1024;

    private final DatagramChannel channel;
    private final ControlHandler handler;
    /** null = commands are not authenticated */
    private final ControlAuth auth;
    /** the largest answer before its tag */
    private final int maxReplyBytes;
    private final ByteBuffer receiveBuffer = BufferUtil.allocateDirectAligned(MAX_DATAGRAM_BYTES + 1, 64);
    private final UnsafeBuffer receiveView = new UnsafeBuffer(receiveBuffer);
    private final ByteBuffer sendBuffer = BufferUtil.allocateDirectAligned(MAX_DATAGRAM_BYTES, 64);
    private final UnsafeBuffer sendView = new UnsafeBuffer(sendBuffer);
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ControlDecoder controlDecoder = new ControlDecoder();
    private final LiveBatchRequestDecoder batchDecoder = new LiveBatchRequestDecoder();
    private final long[] batchNodes = new long[MAX_BATCH_NODES];
    private final long[] batchMasks = new long[MAX_BATCH_NODES];
    /** a live batch is being answered: the handler's per-node acks are counted, not sent */
    private boolean inBatch;
    private int batchReported;
    private int batchRefused;
    private String batchCluster;
    private long refusedOversizedBatches;
    private long repliesUnsent;
    private final ControlAckEncoder ackEncoder = new ControlAckEncoder();
    private final ProcessStatusEncoder statusEncoder = new ProcessStatusEncoder();
    private final NodeReportEncoder reportEncoder = new NodeReportEncoder();
    private final LiveReportEncoder liveEncoder = new LiveReportEncoder();
    private final LiveMemberWriter liveMemberWriter = new LiveMemberWriter();
    private final long[] rememberedIds = new long[REMEMBERED_ACKS];
    private final SocketAddress[] rememberedSenders = new SocketAddress[REMEMBERED_ACKS];
    private final byte[][] rememberedAcks = new byte[REMEMBERED_ACKS][];
    private int rememberedNext;
    private NodeReportEncoder.MembersEncoder members;
    private int membersCapacity;
    private int membersWritten;
    private SocketAddress replyTo;
    /** the reply budget in bytes of the request being handled (its delayMs field; 0 = the largest datagram) */
    private int liveBudgetBytes;
    private boolean rememberAck;
    private long requestsHandled;
    private long malformed;
    private long handlerErrors;
    private long refusedUntagged;
    private long refusedBadTag;
    private final ControlFreshness freshness = new ControlFreshness();
    private final long[] refusedByFreshness = new long[ControlFreshness.Verdict.values().length];

    public ControlPoller(final InetSocketAddress bindAddress, final ControlHandler handler) throws IOException
    {
        this(bindAddress, handler, null);
    }

    /** @param auth the key commands must be tagged with; null = untagged commands are obeyed */
    public ControlPoller(final InetSocketAddress bindAddress, final ControlHandler handler, final ControlAuth auth)
        throws IOException
    {
        this.handler = handler;
        this.auth = auth;
        this.maxReplyBytes = MAX_DATAGRAM_BYTES - (auth == null ? 0 : ControlAuth.TAG_BYTES);
        channel = DatagramChannel.open(java.net.StandardProtocolFamily.INET);
        channel.configureBlocking(false);
        // a REPORT of every hosted node or a live batch is a burst of datagrams; on loopback they stay charged to this
        // socket until the master reads them, and a full send buffer drops the rest (counted: repliesUnsent)
        channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
        channel.bind(bindAddress);
    }

    /** Register the control socket for readiness on a selector (so a blocked duty cycle wakes for a request). */
    public void register(final java.nio.channels.Selector selector) throws IOException
    {
        channel.register(selector, java.nio.channels.SelectionKey.OP_READ, this);
    }

    public InetSocketAddress localAddress()
    {
        try
        {
            return (InetSocketAddress)channel.getLocalAddress();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    public long requestsHandled()
    {
        return requestsHandled;
    }

    public long malformed()
    {
        return malformed;
    }

    public long handlerErrors()
    {
        return handlerErrors;
    }

    /** commands refused because they carried no authentication tag (the daemon has a token or key) */
    public long refusedUntagged()
    {
        return refusedUntagged;
    }

    /** commands refused because their tag did not match (wrong token or key, or altered in transit) */
    public long refusedBadTag()
    {
        return refusedBadTag;
    }

    /** @return datagrams handled */
    public int poll()
    {
        int work = 0;
        for (int i = 0; i < MAX_POLL; i++)
        {
            final SocketAddress from;
            try
            {
                receiveBuffer.clear();
                from = channel.receive(receiveBuffer);
            }
            catch (final IOException ex)
            {
                malformed++;
                break;
            }
            if (from == null)
            {
                break;
            }
            work++;
            onDatagram(from, receiveBuffer.position());
        }
        return work;
    }

    private void onDatagram(final SocketAddress from, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH || length > MAX_DATAGRAM_BYTES)
        {
            malformed++;
            return;
        }
        headerDecoder.wrap(receiveView, 0);
        if (headerDecoder.schemaId() == ControlDecoder.SCHEMA_ID &&
            headerDecoder.templateId() == LiveBatchRequestDecoder.TEMPLATE_ID)
        {
            onLiveBatch(from, length);
            return;
        }
        if (headerDecoder.schemaId() != ControlDecoder.SCHEMA_ID || headerDecoder.templateId() != ControlDecoder.TEMPLATE_ID ||
            headerDecoder.blockLength() < ControlDecoder.BLOCK_LENGTH ||
            MessageHeaderDecoder.ENCODED_LENGTH + headerDecoder.blockLength() + 2 > length)
        {
            malformed++;
            return;
        }
        final long requestId;
        final ControlCommand command;
        final String argument;
        final int messageEnd;
        try
        {
            controlDecoder.wrap(receiveView, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
            requestId = controlDecoder.requestId();
            command = controlDecoder.command();
            final int argumentLength = controlDecoder.argumentLength();
            messageEnd = controlDecoder.limit() + 2 + argumentLength;
            if (command == ControlCommand.NULL_VAL || messageEnd > length)
            {
                malformed++;
                return;
            }
            argument = controlDecoder.argument();
        }
        catch (final RuntimeException ex)
        {
            malformed++;
            return;
        }
        if (auth != null && !authenticated(length, messageEnd))
        {
            // answered (a short ack, never larger than the request) so an operator with the wrong token learns why
            replyTo = from;
            rememberAck = false;
            ack(requestId, false, 0, 0, "refused: " + command + " without a valid control tag; this daemon needs " +
                "the cluster's control token (" + ControlAuth.TOKEN_ENV + ") or key");
            return;
        }
        if (answerFromMemory(from, requestId))
        {
            return;
        }
        if (auth != null && !fresh(from, requestId, command, ControlAuth.sentWallMs(receiveView, messageEnd)))
        {
            return;
        }
        replyTo = from;
        rememberAck = command != ControlCommand.REPORT && command != ControlCommand.STATUS;
        liveBudgetBytes = (int)Math.max(0, Math.min(Integer.MAX_VALUE, controlDecoder.delayMs()));
        requestsHandled++;
        try
        {
            handler.onControl(requestId, command, controlDecoder.nodeAddress(), controlDecoder.durationMs(),
                controlDecoder.count(), controlDecoder.direction(), controlDecoder.eventOrigin(),
                controlDecoder.eventSequence(), argument, this);
        }
        catch (final RuntimeException ex)
        {
            handlerErrors++;
            ack(requestId, false, 0, 0, "error: " + ex);
        }
    }

    /**
     * A batch of live reports ({@code LiveBatchRequest}): checked like a command (size, tag, freshness), refused with an
     * ack and counted when it names more than {@value #MAX_BATCH_NODES} nodes, dropped and counted as malformed when its
     * group does not fit the datagram. Answered as one stream: the handler's live report of every node named (as for
     * REPORT with count 3 and the node's bucket mask), then one ack.
     */
    private void onLiveBatch(final SocketAddress from, final int length)
    {
        final int groupAt = MessageHeaderDecoder.ENCODED_LENGTH + headerDecoder.blockLength();
        if (headerDecoder.blockLength() < LiveBatchRequestDecoder.BLOCK_LENGTH ||
            groupAt + LiveBatchRequestDecoder.NodesDecoder.HEADER_SIZE > length)
        {
            malformed++;
            return;
        }
        final int entryBytes = receiveView.getShort(groupAt, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int count = receiveView.getShort(groupAt + 2, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final long end = groupAt + LiveBatchRequestDecoder.NodesDecoder.HEADER_SIZE + (long)count * entryBytes;
        if (entryBytes < LiveBatchRequestDecoder.NodesDecoder.sbeBlockLength() || end > length)
        {
            malformed++;
            return;
        }
        final int messageEnd = (int)end;
        batchDecoder.wrap(receiveView, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
        final long requestId = batchDecoder.requestId();
        replyTo = from;
        rememberAck = false;
        if (auth != null && !authenticated(length, messageEnd))
        {
            ack(requestId, false, 0, 0, "refused: a live batch without a valid control tag; this daemon needs " +
                "the cluster's control token (" + ControlAuth.TOKEN_ENV + ") or key");
            return;
        }
        if (auth != null && !fresh(from, requestId, ControlCommand.REPORT, ControlAuth.sentWallMs(receiveView, messageEnd)))
        {
            return;
        }
        if (count > MAX_BATCH_NODES)
        {
            refusedOversizedBatches++;
            ack(requestId, false, 0, 0, "refused: a live batch of " + count + " nodes; accepted: at most " +
                MAX_BATCH_NODES);
            return;
        }
        final long origin = batchDecoder.eventOrigin();
        final long sequence = batchDecoder.eventSequence();
        final int budget = batchDecoder.budgetBytes();
        int n = 0;
        for (final LiveBatchRequestDecoder.NodesDecoder node : batchDecoder.nodes())
        {
            batchNodes[n] = node.nodeAddress();
            batchMasks[n++] = node.bucketsWanted();
        }
        requestsHandled++;
        liveBudgetBytes = Math.max(0, budget);
        batchReported = 0;
        batchRefused = 0;
        batchCluster = null;
        inBatch = true;
        try
        {
            for (int i = 0; i < n; i++)
            {
                try
                {
                    handler.onControl(requestId, ControlCommand.REPORT, batchNodes[i], batchMasks[i],
                        batchMasks[i] == 0 ? 2 : 3, BlockDirection.BOTH, origin, sequence, "", this);
                }
                catch (final RuntimeException ex)
                {
                    handlerErrors++;
                    batchRefused++;
                }
            }
        }
        finally
        {
            inBatch = false;
        }
        ack(requestId, true, batchReported, batchReported, "reported " + batchReported + " of " + n + " node(s)" +
            (batchRefused == 0 ? "" : ", " + batchRefused + " not reported (not hosted here)") +
            (batchCluster == null ? "" : "; " + ControlClient.CLUSTER_MARK + batchCluster));
    }

    /** answers the kernel did not take (the send buffer was full: the requester reads too slowly) */
    public long repliesUnsent()
    {
        return repliesUnsent;
    }

    /** live batches refused because they named more than {@value #MAX_BATCH_NODES} nodes */
    public long refusedOversizedBatches()
    {
        return refusedOversizedBatches;
    }

    private boolean authenticated(final int length, final int messageEnd)
    {
        if (length - messageEnd < ControlAuth.TRAILER_BYTES)
        {
            refusedUntagged++;
            return false;
        }
        if (!auth.verify(receiveView, messageEnd + ControlAuth.TRAILER_BYTES))
        {
            refusedBadTag++;
            return false;
        }
        return true;
    }

    /** A tagged command's send time and request id: fresh, or refused with a short ack naming why, and counted. */
    private boolean fresh(final SocketAddress from, final long requestId, final ControlCommand command, final long sentWallMs)
    {
        final ControlFreshness.Verdict verdict = freshness.admit(requestId, sentWallMs, System.currentTimeMillis());
        if (verdict == ControlFreshness.Verdict.FRESH)
        {
            return true;
        }
        refusedByFreshness[verdict.ordinal()]++;
        replyTo = from;
        rememberAck = false;
        ack(requestId, false, 0, 0, "refused: " + command + (verdict == ControlFreshness.Verdict.STALE ?
            " sent at a time more than " + ControlFreshness.DEFAULT_WINDOW_MS / 1000 + " s from this daemon's clock " +
                "(a replay, or clocks apart)" : verdict == ControlFreshness.Verdict.REPLAYED ?
            " already obeyed (a replay of request " + requestId + ")" :
            ": too many commands within " + ControlFreshness.DEFAULT_WINDOW_MS / 1000 + " s; try again"));
        return false;
    }

    /** authenticated commands refused as replays or stale, by reason: STALE, REPLAYED, BUSY */
    public long refusedNotFresh(final ControlFreshness.Verdict reason)
    {
        return refusedByFreshness[reason.ordinal()];
    }

    private boolean answerFromMemory(final SocketAddress from, final long requestId)
    {
        for (int i = 0; i < REMEMBERED_ACKS; i++)
        {
            if (rememberedAcks[i] != null && rememberedIds[i] == requestId && from.equals(rememberedSenders[i]))
            {
                sendBuffer.clear();
                sendBuffer.put(rememberedAcks[i]).flip();
                sendTo(from);
                return true;
            }
        }
        return false;
    }

    public void ack(final long requestId, final boolean ok, final long value, final int nodes, final String message)
    {
        if (inBatch)
        {
            // one node's answer within a live batch: counted; the batch is acked once, at its end
            if (ok)
            {
                batchReported += nodes;
                final String cluster = ControlClient.clusterOf(message);
                batchCluster = cluster != null ? cluster : batchCluster;
            }
            else
            {
                batchRefused++;
            }
            return;
        }
        ackEncoder.wrapAndApplyHeader(sendView, 0, headerEncoder)
            .requestId(requestId).ok(ok ? BooleanType.TRUE : BooleanType.FALSE).value(value).nodes(nodes)
            .message(message.length() > 1000 ? message.substring(0, 1000) : message);
        final int length = seal(MessageHeaderEncoder.ENCODED_LENGTH + ackEncoder.encodedLength());
        if (rememberAck)
        {
            final byte[] copy = new byte[length];
            sendView.getBytes(0, copy);
            rememberedIds[rememberedNext] = requestId;
            rememberedSenders[rememberedNext] = replyTo;
            rememberedAcks[rememberedNext] = copy;
            rememberedNext = (rememberedNext + 1) % REMEMBERED_ACKS;
        }
        sendSealed(length);
    }

    public void processStatus(
        final long requestId, final long processBootId, final int nodes, final int running, final int minLiveMembers,
        final int maxLiveMembers, final int knowingEvent, final long eventsLearned, final long messagesSent,
        final long messagesReceived, final long firstNodeAddress)
    {
        statusEncoder.wrapAndApplyHeader(sendView, 0, headerEncoder)
            .requestId(requestId).processBootId(processBootId).nodes(nodes).running(running)
            .minLiveMembers(minLiveMembers).maxLiveMembers(maxLiveMembers).knowingEvent(knowingEvent)
            .eventsLearned(eventsLearned).messagesSent(messagesSent).messagesReceived(messagesReceived)
            .firstNodeAddress(firstNodeAddress);
        send(MessageHeaderEncoder.ENCODED_LENGTH + statusEncoder.encodedLength());
    }

    public void beginReport(
        final long requestId, final long nodeAddress, final long bootId, final long incarnation, final int round,
        final long wallNs, final long messagesSent, final long messagesReceived, final long packetsDropped,
        final int eventsKnown, final int liveMembers, final HostedNodeState state, final boolean knowsEvent,
        final int memberCount)
    {
        final int fixed = MessageHeaderEncoder.ENCODED_LENGTH + NodeReportEncoder.BLOCK_LENGTH +
            NodeReportEncoder.MembersEncoder.HEADER_SIZE;
        final int fit = (maxReplyBytes - fixed) / NodeReportEncoder.MembersEncoder.sbeBlockLength();
        membersCapacity = Math.min(Math.min(memberCount, fit), 65_534);
        membersWritten = 0;
        reportEncoder.wrapAndApplyHeader(sendView, 0, headerEncoder)
            .requestId(requestId).nodeAddress(nodeAddress).bootId(bootId).incarnation(incarnation).round(round)
            .wallNs(wallNs).messagesSent(messagesSent).messagesReceived(messagesReceived)
            .packetsDropped(packetsDropped).eventsKnown(eventsKnown).liveMembers(liveMembers).state(state)
            .knowsEvent(knowsEvent ? BooleanType.TRUE : BooleanType.FALSE)
            .membersTruncated(membersCapacity < memberCount ? BooleanType.TRUE : BooleanType.FALSE);
        members = reportEncoder.membersCount(membersCapacity);
    }

    public boolean reportMember(final long address, final long incarnation, final MemberStatus status)
    {
        if (membersWritten >= membersCapacity)
        {
            return false;
        }
        membersWritten++;
        members.next().address(address).incarnation(incarnation)
            .status(io.hearsay.wire.sbe.MemberStatus.get((short)status.ordinal()));
        return true;
    }

    public void endReport()
    {
        while (membersWritten < membersCapacity)
        {
            // the handler announced more than it visited (the table shrank): pad with nothing rather than lie
            membersWritten++;
            members.next().address(0).incarnation(0).status(io.hearsay.wire.sbe.MemberStatus.DEAD);
        }
        send(MessageHeaderEncoder.ENCODED_LENGTH + reportEncoder.encodedLength());
    }

    public void liveReport(
        final long requestId, final long nodeAddress, final long bootId, final HostedNodeState state,
        final long incarnation, final int healthScore, final int round, final long wallNs, final boolean knowsEvent,
        final io.hearsay.core.NodeCounters counters, final long shellDrops, final LiveView view,
        final java.util.function.Consumer<io.hearsay.core.Node.MemberVisitor> members, final long bucketsWanted)
    {
        final int budgetBytes = liveBudgetBytes;
        final int kinds = io.hearsay.core.NodeCounters.KIND_TEMPLATE_IDS.length;
        final int reasons = counters.drops.length + 1 + io.hearsay.core.Refusal.values().length;
        final int fixed = MessageHeaderEncoder.ENCODED_LENGTH + LiveReportEncoder.BLOCK_LENGTH +
            4 * LiveReportEncoder.BucketsEncoder.HEADER_SIZE +
            LiveView.BUCKETS * LiveReportEncoder.BucketsEncoder.sbeBlockLength() +
            kinds * LiveReportEncoder.TrafficEncoder.sbeBlockLength() + reasons * LiveReportEncoder.DropsEncoder.sbeBlockLength();
        final int budget = budgetBytes <= 0 ? maxReplyBytes : Math.min(maxReplyBytes, Math.max(fixed, budgetBytes));
        int room = Math.min(65_534, (budget - fixed) / LiveReportEncoder.MembersEncoder.sbeBlockLength());
        long included = 0;
        int entries = 0;
        for (int b = 0; b < LiveView.BUCKETS; b++)
        {
            if ((bucketsWanted & (1L << b)) != 0 && view.count(b) <= room)
            {
                included |= 1L << b;
                room -= view.count(b);
                entries += view.count(b);
            }
        }
        liveEncoder.wrapAndApplyHeader(sendView, 0, headerEncoder)
            .requestId(requestId).nodeAddress(nodeAddress).bootId(bootId).state(state).incarnation(incarnation)
            .healthScore(healthScore).round(round).wallNs(wallNs).memberCount(view.memberCount())
            .aliveMembers(view.alive()).suspectMembers(view.suspect()).deadMembers(view.dead())
            .eventsLearned(counters.eventsLearned).duplicateEvents(counters.duplicateEvents)
            .suspicionsRaised(counters.suspicionsRaised).refutations(counters.refutations).probesSent(counters.probesSent)
            .knowsEvent(knowsEvent ? BooleanType.TRUE : BooleanType.FALSE).viewDigest(view.viewDigest())
            .bucketsIncluded(included).probeRttP50Us(counters.probeRtt.percentileMicros(0.5))
            .probeRttP99Us(counters.probeRtt.percentileMicros(0.99)).probeRttSamples(counters.probeRtt.samples());
        final LiveReportEncoder.BucketsEncoder buckets = liveEncoder.bucketsCount(LiveView.BUCKETS);
        for (int b = 0; b < LiveView.BUCKETS; b++)
        {
            buckets.next().digest(view.digest(b));
        }
        final LiveReportEncoder.TrafficEncoder traffic = liveEncoder.trafficCount(kinds);
        for (int k = 0; k < kinds; k++)
        {
            traffic.next().templateId(io.hearsay.core.NodeCounters.KIND_TEMPLATE_IDS[k])
                .datagramsIn(counters.datagramsInByKind[k]).bytesIn(counters.bytesInByKind[k])
                .datagramsOut(counters.datagramsOutByKind[k]).bytesOut(counters.bytesOutByKind[k]);
        }
        final LiveReportEncoder.DropsEncoder drops = liveEncoder.dropsCount(reasons);
        for (int r = 0; r < counters.drops.length; r++)
        {
            drops.next().reason((short)r).datagrams(counters.drops[r]);
        }
        drops.next().reason((short)255).datagrams(shellDrops);
        for (int r = 0; r < io.hearsay.core.Refusal.values().length; r++)
        {
            drops.next().reason((short)(ControlClient.REFUSAL_REASON_BASE + r))
                .datagrams(counters.refusals(io.hearsay.core.Refusal.fromOrdinal(r)));
        }
        liveMemberWriter.start(liveEncoder.membersCount(entries), included, entries);
        if (entries > 0)
        {
            members.accept(liveMemberWriter);
        }
        liveMemberWriter.finish();
        send(MessageHeaderEncoder.ENCODED_LENGTH + liveEncoder.encodedLength());
    }

    /** Writes the entries of the included buckets into the report's members group. */
    private static final class LiveMemberWriter implements io.hearsay.core.Node.MemberVisitor
    {
        private LiveReportEncoder.MembersEncoder group;
        private long included;
        private int left;

        void start(final LiveReportEncoder.MembersEncoder group, final long included, final int entries)
        {
            this.group = group;
            this.included = included;
            this.left = entries;
        }

        @Override
        public void onMember(final long address, final MemberStatus status, final long incarnation, final long bootId)
        {
            if (left > 0 && (included & (1L << LiveView.bucketOf(address))) != 0)
            {
                left--;
                group.next().address(address).incarnation(incarnation)
                    .status(io.hearsay.wire.sbe.MemberStatus.get((short)status.ordinal()));
            }
        }

        void finish()
        {
            while (left > 0)
            {
                // the table changed between the two visits (it cannot on one thread): pad rather than lie
                left--;
                group.next().address(0).incarnation(0).status(io.hearsay.wire.sbe.MemberStatus.DEAD);
            }
        }
    }

    private void send(final int length)
    {
        sendSealed(seal(length));
    }

    /** @return the length with the tag appended (a daemon with a token or key signs every answer) */
    private int seal(final int length)
    {
        return auth == null ? length : auth.sign(sendView, length);
    }

    private void sendSealed(final int length)
    {
        sendBuffer.clear().limit(length);
        sendTo(replyTo);
    }

    private void sendTo(final SocketAddress to)
    {
        try
        {
            if (channel.send(sendBuffer, to) == 0)
            {
                repliesUnsent++;
            }
        }
        catch (final IOException ex)
        {
            handlerErrors++;
        }
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(channel);
    }
}
