package io.hearsay.daemon.control;

import io.hearsay.core.MemberStatus;
import io.hearsay.wire.sbe.BlockDirection;
import io.hearsay.wire.sbe.BooleanType;
import io.hearsay.wire.sbe.ControlAckDecoder;
import io.hearsay.wire.sbe.ControlCommand;
import io.hearsay.wire.sbe.ControlEncoder;
import io.hearsay.wire.sbe.HostedNodeState;
import io.hearsay.wire.sbe.LiveBatchRequestEncoder;
import io.hearsay.wire.sbe.LiveReportDecoder;
import io.hearsay.wire.sbe.MessageHeaderDecoder;
import io.hearsay.wire.sbe.MessageHeaderEncoder;
import io.hearsay.wire.sbe.NodeReportDecoder;
import io.hearsay.wire.sbe.ProcessStatusDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The master side of the control port: sends a {@code Control} command to one daemon process and waits for its
 * answer, with a timeout per attempt and a number of retries (a retried request keeps its id, and the daemon answers
 * a repeated id from memory, so a retry never executes a command twice). Blocking; not for the duty-cycle thread.
 */
public final class ControlClient implements AutoCloseable
{
    /** The ack of one command. */
    public record Ack(long requestId, boolean ok, long value, int nodes, String message)
    {
    }

    /** One daemon process's summary (answer to STATUS). */
    public record ProcessStatus(
        long processBootId, int nodes, int running, int minLiveMembers, int maxLiveMembers, int knowingEvent,
        long eventsLearned, long messagesSent, long messagesReceived, long firstNodeAddress)
    {
    }

    /** How a daemon names its cluster in the ack of live reports ("...; cluster=NAME"). */
    public static final String CLUSTER_MARK = "cluster=";

    /** @return the cluster an ack's message names, or null when it names none */
    public static String clusterOf(final String ackMessage)
    {
        final int at = ackMessage.lastIndexOf(CLUSTER_MARK);
        return at < 0 ? null : ackMessage.substring(at + CLUSTER_MARK.length()).trim();
    }

    /** The live reports of one request and the cluster their daemon named (null: none named). */
    public record LiveAnswer(List<LiveReport> reports, String cluster)
    {
    }

    /** A member as one node sees it. */
    public record Member(long address, long incarnation, MemberStatus status)
    {
    }

    /** One node's report (answer to REPORT). */
    public record NodeReport(
        long nodeAddress, long bootId, long incarnation, int round, long wallNs, long messagesSent,
        long messagesReceived, long packetsDropped, int eventsKnown, int liveMembers, HostedNodeState state,
        boolean knowsEvent, boolean membersTruncated, List<Member> members)
    {
    }

    /** Datagrams and bytes of one message kind (the body's template id), both ways. */
    public record Traffic(int templateId, long datagramsIn, long bytesIn, long datagramsOut, long bytesOut)
    {
    }

    /** in a live report's drops group, reason {@code REFUSAL_REASON_BASE + n} counts claims refused for Refusal n */
    public static final int REFUSAL_REASON_BASE = 128;

    /**
     * One node's live report (answer to REPORT with count 2 or 3): its state, counters, the digests of its view's
     * {@link LiveView#BUCKETS} buckets and the entries of the buckets in {@code bucketsIncluded}.
     *
     * @param drops    datagrams dropped by {@link io.hearsay.wire.DropReason} ordinal; the last element: dropped by the
     *                 shell
     * @param refusals claims refused by {@link io.hearsay.core.Refusal} ordinal (sent in the drops group as reason
     *                 {@link #REFUSAL_REASON_BASE} + ordinal)
     */
    public record LiveReport(
        long nodeAddress, long bootId, HostedNodeState state, long incarnation, int healthScore, int round, long wallNs,
        int memberCount, int aliveMembers, int suspectMembers, int deadMembers, long eventsLearned, long duplicateEvents,
        long suspicionsRaised, long refutations, long probesSent, boolean knowsEvent, long viewDigest,
        long bucketsIncluded, long[] bucketDigests, List<Traffic> traffic, long[] drops, List<Member> members,
        long[] refusals, long probeRttP50Us, long probeRttP99Us, long probeRttSamples)
    {
        public long messagesIn()
        {
            long n = 0;
            for (final Traffic t : traffic)
            {
                n += t.datagramsIn();
            }
            return n;
        }

        public long messagesOut()
        {
            long n = 0;
            for (final Traffic t : traffic)
            {
                n += t.datagramsOut();
            }
            return n;
        }

        public long totalDrops()
        {
            long n = 0;
            for (final long d : drops)
            {
                n += d;
            }
            return n;
        }
    }

    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final int attemptTimeoutMs;
    private final int attempts;
    private final UnsafeBuffer sendBuffer = new UnsafeBuffer(new byte[65_507]);
    private final byte[] receiveBytes = new byte[65_536];
    private final UnsafeBuffer receiveBuffer = new UnsafeBuffer(receiveBytes);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final ControlEncoder controlEncoder = new ControlEncoder();
    private final ControlAckDecoder ackDecoder = new ControlAckDecoder();
    private final ProcessStatusDecoder statusDecoder = new ProcessStatusDecoder();
    private final NodeReportDecoder reportDecoder = new NodeReportDecoder();
    /** null = commands go untagged (and answers are not verified) */
    private final ControlAuth auth;
    private long repliesForged;
    private long repliesWrongVersion;
    private long repliesMalformed;
    private long repliesUnasked;
    private final LiveBatchRequestEncoder batchEncoder = new LiveBatchRequestEncoder();
    /** no single request awaited (live batches in flight together are awaited by their ids) */
    private static final long NO_REQUEST = Long.MIN_VALUE;
    /** the request ids of the live batches in flight together (null outside {@link #liveBatches}) */
    private org.agrona.collections.LongHashSet awaitedBatches;
    private final LiveReportDecoder liveDecoder = new LiveReportDecoder();
    private long nextRequestId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);

    /** Tags commands with the token in {@value ControlAuth#TOKEN_ENV} when it is set. */
    public ControlClient(final InetSocketAddress target, final int attemptTimeoutMs, final int attempts) throws IOException
    {
        this(target, attemptTimeoutMs, attempts, ControlAuth.fromEnvironment());
    }

    /** @param auth the daemon's token or key; null = untagged commands (a daemon without token or key) */
    public ControlClient(
        final InetSocketAddress target, final int attemptTimeoutMs, final int attempts, final ControlAuth auth)
        throws IOException
    {
        this.auth = auth == null ? null : auth.copy();
        if (attemptTimeoutMs < 1 || attempts < 1)
        {
            throw new IllegalArgumentException("control client timeout " + attemptTimeoutMs + " ms x " + attempts +
                " attempts; accepted: timeout >= 1 ms, attempts >= 1");
        }
        this.target = target;
        this.attemptTimeoutMs = attemptTimeoutMs;
        this.attempts = attempts;
        socket = new DatagramSocket(new InetSocketAddress(target.getAddress().isLoopbackAddress() ?
            target.getAddress() : null, 0));
        socket.setReceiveBufferSize(8 * 1024 * 1024);
    }

    public ControlClient(final InetSocketAddress target) throws IOException
    {
        this(target, 500, 5);
    }

    public InetSocketAddress target()
    {
        return target;
    }

    /**
     * Answers dropped as forged: from another address than the daemon asked, or (with a token or key) without the
     * daemon's valid tag. A refusal (a negative ack) without a valid tag is still read: it harms nothing and tells why.
     */
    public long repliesForged()
    {
        return repliesForged;
    }

    /** Answers dropped because their fields or groups did not fit the datagram (truncated or forged counts). */
    public long repliesMalformed()
    {
        return repliesMalformed;
    }

    /** Live reports dropped from a batch's answer: of a node not asked for, or a second one of a node. */
    public long repliesUnasked()
    {
        return repliesUnasked;
    }

    /** Answers dropped because they were of another schema or another schema version than this build's. */
    public long repliesWrongVersion()
    {
        return repliesWrongVersion;
    }

    public ProcessStatus status(final long eventOrigin, final long eventSequence) throws IOException
    {
        final List<Object> answers = request(ControlCommand.STATUS, 0, 0, 0, BlockDirection.BOTH, eventOrigin, eventSequence, "");
        for (final Object answer : answers)
        {
            if (answer instanceof ProcessStatus)
            {
                return (ProcessStatus)answer;
            }
            if (answer instanceof Ack && !((Ack)answer).ok())
            {
                throw new IOException("control " + target + ": STATUS refused: " + ((Ack)answer).message());
            }
        }
        throw new IOException("control " + target + ": STATUS answered without a status: " + answers);
    }

    /** @param nodeAddress one node or 0 for every node of the process */
    public List<NodeReport> report(
        final long nodeAddress, final boolean withMembers, final long eventOrigin, final long eventSequence) throws IOException
    {
        final List<NodeReport> reports = new ArrayList<>();
        for (final Object answer : request(ControlCommand.REPORT, nodeAddress, 0, withMembers ? 1 : 0,
            BlockDirection.BOTH, eventOrigin, eventSequence, ""))
        {
            if (answer instanceof NodeReport)
            {
                reports.add((NodeReport)answer);
            }
            else if (answer instanceof Ack && !((Ack)answer).ok())
            {
                throw new IOException("control " + target + ": REPORT refused: " + ((Ack)answer).message());
            }
        }
        return reports;
    }

    /**
     * Live reports of one node or of every node of the process (nodeAddress 0). Partial: reports lost on the way
     * (a burst of one datagram per hosted node can overflow the receive buffer) are not asked again; the caller
     * keeps those nodes' previous reports until the next poll.
     *
     * @param bucketsWanted bit mask of the view buckets whose entries are wanted (0: digests only)
     * @param budgetBytes   the largest reply datagram (0: the largest datagram); buckets that do not fit are left out
     */
    public List<LiveReport> live(
        final long nodeAddress, final long bucketsWanted, final int budgetBytes, final long eventOrigin,
        final long eventSequence) throws IOException
    {
        return liveAnswer(nodeAddress, bucketsWanted, budgetBytes, eventOrigin, eventSequence).reports();
    }

    /** {@link #live}, with the cluster the daemon named in its ack. */
    public LiveAnswer liveAnswer(
        final long nodeAddress, final long bucketsWanted, final int budgetBytes, final long eventOrigin,
        final long eventSequence) throws IOException
    {
        final List<LiveReport> reports = new ArrayList<>();
        String cluster = null;
        for (final Object answer : request(ControlCommand.REPORT, nodeAddress, bucketsWanted, budgetBytes,
            bucketsWanted == 0 ? 2 : 3, BlockDirection.BOTH, eventOrigin, eventSequence, "", true))
        {
            if (answer instanceof LiveReport)
            {
                reports.add((LiveReport)answer);
            }
            else if (answer instanceof Ack && !((Ack)answer).ok())
            {
                throw new IOException("control " + target + ": REPORT refused: " + ((Ack)answer).message());
            }
            else if (answer instanceof Ack)
            {
                cluster = clusterOf(((Ack)answer).message());
            }
        }
        return new LiveAnswer(reports, cluster);
    }

    /**
     * Live reports of the {@code count} nodes named, each with the entries of its own bucket mask, in one request (a
     * {@code LiveBatchRequest}) answered as one stream: a report per node, then an ack. See {@link #liveBatches}.
     *
     * @param count at most {@link ControlPoller#MAX_BATCH_NODES} (a daemon refuses more)
     */
    public LiveAnswer liveBatch(
        final long[] nodeAddresses, final long[] bucketsWanted, final int count, final int budgetBytes,
        final long eventOrigin, final long eventSequence) throws IOException
    {
        return liveBatches(new long[][]{ nodeAddresses }, new long[][]{ bucketsWanted }, new int[]{ count }, 1,
            budgetBytes, eventOrigin, eventSequence);
    }

    /**
     * Several live batches in flight together (a daemon reads them in one duty cycle, so they cost one round trip, not
     * one each): batch b names {@code counts[b]} nodes of {@code nodeAddresses[b]}, each with its own bucket mask. Each
     * is answered as one stream, reports then an ack. Partial like {@link #live}: reports lost on the way are not asked
     * again here (the caller asks for them in its next batch); a batch whose ack did not come within the attempt's
     * timeout is sent again, as a new request, up to the attempts. A report of a node no batch named, or a second one
     * of a node, is dropped and counted ({@link #repliesUnasked}). The caller bounds what the answers may weigh
     * together: they wait in the daemon's send buffer until read.
     *
     * @throws IOException when a batch was refused, or no batch was answered at all
     */
    public LiveAnswer liveBatches(
        final long[][] nodeAddresses, final long[][] bucketsWanted, final int[] counts, final int batches,
        final int budgetBytes, final long eventOrigin, final long eventSequence) throws IOException
    {
        final org.agrona.collections.LongHashSet asked = new org.agrona.collections.LongHashSet();
        for (int b = 0; b < batches; b++)
        {
            if (counts[b] < 1 || counts[b] > ControlPoller.MAX_BATCH_NODES)
            {
                throw new IllegalArgumentException("live batch of " + counts[b] + " nodes; accepted: 1.." +
                    ControlPoller.MAX_BATCH_NODES);
            }
            for (int i = 0; i < counts[b]; i++)
            {
                asked.add(nodeAddresses[b][i]);
            }
        }
        final long[] ids = new long[batches];
        final boolean[] acked = new boolean[batches];
        final List<LiveReport> reports = new ArrayList<>();
        String cluster = null;
        int answered = 0;
        final DatagramPacket in = new DatagramPacket(receiveBytes, receiveBytes.length);
        awaitedBatches = new org.agrona.collections.LongHashSet();
        try
        {
            for (int attempt = 1; attempt <= attempts && answered < batches; attempt++)
            {
                for (int b = 0; b < batches; b++)
                {
                    if (!acked[b])
                    {
                        ids[b] = nextRequestId++; // a question asked again is a new request (obeyed once per id)
                        awaitedBatches.add(ids[b]);
                        sendBatch(ids[b], nodeAddresses[b], bucketsWanted[b], counts[b], budgetBytes, eventOrigin,
                            eventSequence);
                    }
                }
                final long deadlineNs = System.nanoTime() + attemptTimeoutMs * 1_000_000L;
                while (answered < batches)
                {
                    final Object answer = receive(in, deadlineNs, NO_REQUEST);
                    if (answer == TIMED_OUT)
                    {
                        break;
                    }
                    if (answer instanceof LiveReport)
                    {
                        if (asked.remove(((LiveReport)answer).nodeAddress()))
                        {
                            reports.add((LiveReport)answer);
                        }
                        else
                        {
                            repliesUnasked++;
                        }
                    }
                    else if (answer instanceof Ack)
                    {
                        final Ack ack = (Ack)answer;
                        if (!ack.ok())
                        {
                            throw new IOException("control " + target + ": live batch refused: " + ack.message());
                        }
                        for (int b = 0; b < batches; b++)
                        {
                            if (ids[b] == ack.requestId() && !acked[b])
                            {
                                acked[b] = true;
                                answered++;
                                cluster = clusterOf(ack.message());
                            }
                        }
                    }
                }
            }
        }
        finally
        {
            awaitedBatches = null;
        }
        if (answered == 0 && reports.isEmpty())
        {
            throw new IOException("control " + target + ": no answer to " + batches + " live batch(es) after " +
                attempts + " attempts of " + attemptTimeoutMs + " ms");
        }
        return new LiveAnswer(reports, cluster);
    }

    private void sendBatch(
        final long requestId, final long[] nodeAddresses, final long[] bucketsWanted, final int count,
        final int budgetBytes, final long eventOrigin, final long eventSequence) throws IOException
    {
        batchEncoder.wrapAndApplyHeader(sendBuffer, 0, headerEncoder).requestId(requestId).budgetBytes(budgetBytes)
            .eventOrigin(eventOrigin).eventSequence(eventSequence);
        final LiveBatchRequestEncoder.NodesEncoder nodes = batchEncoder.nodesCount(count);
        for (int i = 0; i < count; i++)
        {
            nodes.next().nodeAddress(nodeAddresses[i]).bucketsWanted(bucketsWanted[i]);
        }
        final int untagged = MessageHeaderEncoder.ENCODED_LENGTH + batchEncoder.encodedLength();
        final int length = auth == null ? untagged : auth.signTimestamped(sendBuffer, untagged, System.currentTimeMillis());
        socket.send(new DatagramPacket(sendBuffer.byteArray(), 0, length, target));
    }

    /** Create {@code count} events at a node (0 = the process's first running node). Ack value = first sequence. */
    public Ack inject(final long nodeAddress, final int count, final String payload) throws IOException
    {
        return ack(request(ControlCommand.INJECT, nodeAddress, 0, count, BlockDirection.BOTH, 0, 0, payload));
    }

    /** @param spec an impairment spec, optionally with {@code ;peers=a:p,...} */
    public Ack impair(final long nodeAddress, final String spec) throws IOException
    {
        return ack(request(ControlCommand.IMPAIR, nodeAddress, 0, 0, BlockDirection.BOTH, 0, 0, spec));
    }

    public Ack block(final long nodeAddress, final BlockDirection direction, final String peers) throws IOException
    {
        return ack(request(ControlCommand.BLOCK, nodeAddress, 0, 0, direction, 0, 0, peers));
    }

    public Ack sleep(final long nodeAddress, final long durationMs) throws IOException
    {
        return ack(request(ControlCommand.SLEEP, nodeAddress, durationMs, 0, BlockDirection.BOTH, 0, 0, ""));
    }

    public Ack leave(final long nodeAddress) throws IOException
    {
        return ack(request(ControlCommand.LEAVE, nodeAddress, 0, 0, BlockDirection.BOTH, 0, 0, ""));
    }

    /** With nodeAddress 0 the whole process halts after acking. */
    public Ack crash(final long nodeAddress) throws IOException
    {
        return ack(request(ControlCommand.CRASH, nodeAddress, 0, 0, BlockDirection.BOTH, 0, 0, ""));
    }

    /**
     * Crash one node and bring it back after {@code downMs} as a fresh boot (new boot id, empty state, same address).
     */
    public Ack crashAndRestart(final long nodeAddress, final long downMs) throws IOException
    {
        return ack(request(ControlCommand.CRASH, nodeAddress, downMs, 0, BlockDirection.BOTH, 0, 0, ""));
    }

    public Ack heal(final long nodeAddress) throws IOException
    {
        return ack(request(ControlCommand.HEAL, nodeAddress, 0, 0, BlockDirection.BOTH, 0, 0, ""));
    }

    private Ack ack(final List<Object> answers) throws IOException
    {
        for (final Object answer : answers)
        {
            if (answer instanceof Ack)
            {
                return (Ack)answer;
            }
        }
        throw new IOException("control " + target + ": no ack among " + answers);
    }

    /**
     * Send one command and collect its answers until the ack (or, for STATUS, the status) arrives.
     * Retries with the same request id; throws naming the target after the last attempt.
     */
    private List<Object> request(
        final ControlCommand command, final long nodeAddress, final long durationMs, final int count,
        final BlockDirection direction, final long eventOrigin, final long eventSequence, final String argument)
        throws IOException
    {
        return request(command, nodeAddress, durationMs, 0, count, direction, eventOrigin, eventSequence, argument, false);
    }

    private List<Object> request(
        final ControlCommand command, final long nodeAddress, final long durationMs, final long delayMs, final int count,
        final BlockDirection direction, final long eventOrigin, final long eventSequence, final String argument,
        final boolean acceptPartial)
        throws IOException
    {
        long requestId = nextRequestId++;
        controlEncoder.wrapAndApplyHeader(sendBuffer, 0, headerEncoder)
            .requestId(requestId).command(command).nodeAddress(nodeAddress).probability(0).durationMs(durationMs)
            .delayMs(delayMs).jitterMs(0).count(count).direction(direction).eventOrigin(eventOrigin)
            .eventSequence(eventSequence).argument(argument);
        final int untagged = MessageHeaderEncoder.ENCODED_LENGTH + controlEncoder.encodedLength();
        final int length = auth == null ? untagged : auth.signTimestamped(sendBuffer, untagged, System.currentTimeMillis());
        final DatagramPacket out = new DatagramPacket(sendBuffer.byteArray(), 0, length, target);
        final DatagramPacket in = new DatagramPacket(receiveBytes, receiveBytes.length);
        for (int attempt = 1; attempt <= attempts; attempt++)
        {
            final List<Object> answers = new ArrayList<>();
            if (attempt > 1 && auth != null && (command == ControlCommand.STATUS || command == ControlCommand.REPORT))
            {
                // a question asked again is a new request (the daemon obeys each request id once); a command that
                // acts keeps its id, so a retry is answered from the daemon's memory, not carried out twice
                requestId = nextRequestId++;
                controlEncoder.requestId(requestId);
                auth.signTimestamped(sendBuffer, untagged, System.currentTimeMillis());
            }
            socket.send(out);
            final long deadlineNs = System.nanoTime() + attemptTimeoutMs * 1_000_000L;
            while (true)
            {
                final Object answer = receive(in, deadlineNs, requestId);
                if (answer == TIMED_OUT)
                {
                    break;
                }
                if (answer == null)
                {
                    continue;
                }
                answers.add(answer);
                if (answer instanceof Ack || answer instanceof ProcessStatus)
                {
                    if (answer instanceof Ack && command == ControlCommand.REPORT && !acceptPartial &&
                        countReports(answers) < ((Ack)answer).nodes())
                    {
                        break; // a report was lost: ask again
                    }
                    return answers;
                }
            }
        }
        throw new IOException("control " + target + ": no answer to " + command + " after " + attempts +
            " attempts of " + attemptTimeoutMs + " ms");
    }

    private static int countReports(final List<Object> answers)
    {
        int n = 0;
        for (final Object answer : answers)
        {
            if (answer instanceof NodeReport || answer instanceof LiveReport)
            {
                n++;
            }
        }
        return n;
    }

    /** what {@link #receive} answers when the deadline passed */
    private static final Object TIMED_OUT = new Object();

    /** @return the next answer to {@code requestId}, null when one was dropped, {@link #TIMED_OUT} at the deadline */
    private Object receive(final DatagramPacket in, final long deadlineNs, final long requestId) throws IOException
    {
        final long leftMs = (deadlineNs - System.nanoTime()) / 1_000_000L;
        if (leftMs <= 0)
        {
            return TIMED_OUT;
        }
        socket.setSoTimeout((int)Math.max(1, leftMs));
        try
        {
            in.setLength(receiveBytes.length);
            socket.receive(in);
        }
        catch (final SocketTimeoutException ex)
        {
            return TIMED_OUT;
        }
        return target.equals(in.getSocketAddress()) ? decodeChecked(requestId, in.getLength()) : forged();
    }

    /** {@link #decode}, counting and dropping an answer whose fields or groups do not fit the datagram */
    private Object decodeChecked(final long requestId, final int length)
    {
        try
        {
            return decode(requestId, length);
        }
        catch (final RuntimeException ex)
        {
            repliesMalformed++;
            return null;
        }
    }

    private Object decode(final long requestId, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return null;
        }
        headerDecoder.wrap(receiveBuffer, 0);
        if (headerDecoder.schemaId() != ControlAckDecoder.SCHEMA_ID ||
            headerDecoder.version() != MessageHeaderDecoder.SCHEMA_VERSION)
        {
            repliesWrongVersion++;
            return null;
        }
        if (auth != null && !auth.verify(receiveBuffer, length) && !isRefusal(requestId))
        {
            return forged();
        }
        final int offset = MessageHeaderDecoder.ENCODED_LENGTH;
        switch (headerDecoder.templateId())
        {
            case ControlAckDecoder.TEMPLATE_ID:
                ackDecoder.wrap(receiveBuffer, offset, headerDecoder.blockLength(), headerDecoder.version());
                if (!awaited(ackDecoder.requestId(), requestId))
                {
                    return null;
                }
                return new Ack(ackDecoder.requestId(), ackDecoder.ok() == BooleanType.TRUE, ackDecoder.value(), ackDecoder.nodes(),
                    ackDecoder.message());
            case ProcessStatusDecoder.TEMPLATE_ID:
                statusDecoder.wrap(receiveBuffer, offset, headerDecoder.blockLength(), headerDecoder.version());
                if (!awaited(statusDecoder.requestId(), requestId))
                {
                    return null;
                }
                return new ProcessStatus(statusDecoder.processBootId(), statusDecoder.nodes(), statusDecoder.running(),
                    statusDecoder.minLiveMembers(), statusDecoder.maxLiveMembers(), statusDecoder.knowingEvent(),
                    statusDecoder.eventsLearned(), statusDecoder.messagesSent(), statusDecoder.messagesReceived(),
                    statusDecoder.firstNodeAddress());
            case NodeReportDecoder.TEMPLATE_ID:
                final NodeReportDecoder r = reportDecoder;
                r.wrap(receiveBuffer, offset, headerDecoder.blockLength(), headerDecoder.version());
                if (!awaited(r.requestId(), requestId))
                {
                    return null;
                }
                final List<Member> members = new ArrayList<>();
                for (final NodeReportDecoder.MembersDecoder m : r.members())
                {
                    if (m.address() != 0)
                    {
                        members.add(new Member(m.address(), m.incarnation(), MemberStatus.fromOrdinal(m.status().value())));
                    }
                }
                return new NodeReport(r.nodeAddress(), r.bootId(), r.incarnation(), r.round(), r.wallNs(),
                    r.messagesSent(), r.messagesReceived(), r.packetsDropped(), r.eventsKnown(), r.liveMembers(),
                    r.state(), r.knowsEvent() == BooleanType.TRUE, r.membersTruncated() == BooleanType.TRUE, members);
            case LiveReportDecoder.TEMPLATE_ID:
                liveDecoder.wrap(receiveBuffer, offset, headerDecoder.blockLength(), headerDecoder.version());
                if (!awaited(liveDecoder.requestId(), requestId))
                {
                    return null;
                }
                return decodeLive(liveDecoder, length);
            default:
                return null;
        }
    }

    /** @return whether an answer's request id is the one awaited, or one of the live batches awaited together */
    private boolean awaited(final long answerId, final long requestId)
    {
        return (answerId == requestId && requestId != NO_REQUEST) ||
            (awaitedBatches != null && awaitedBatches.contains(answerId));
    }

    private Object forged()
    {
        repliesForged++;
        return null;
    }

    /** @return whether the datagram in the receive buffer is a negative ack to this request */
    private boolean isRefusal(final long requestId)
    {
        if (headerDecoder.templateId() != ControlAckDecoder.TEMPLATE_ID)
        {
            return false;
        }
        ackDecoder.wrap(receiveBuffer, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
        return awaited(ackDecoder.requestId(), requestId) && ackDecoder.ok() != BooleanType.TRUE;
    }

    private static LiveReport decodeLive(final LiveReportDecoder r, final int length)
    {
        final long rttP50 = r.probeRttP50Us();
        final long rttP99 = r.probeRttP99Us();
        final long rttSamples = r.probeRttSamples();
        final long nodeAddress = r.nodeAddress();
        final long bootId = r.bootId();
        final HostedNodeState state = r.state();
        final long incarnation = r.incarnation();
        final int health = r.healthScore();
        final int round = r.round();
        final long wallNs = r.wallNs();
        final int memberCount = r.memberCount();
        final int alive = r.aliveMembers();
        final int suspect = r.suspectMembers();
        final int dead = r.deadMembers();
        final long learned = r.eventsLearned();
        final long duplicates = r.duplicateEvents();
        final long raised = r.suspicionsRaised();
        final long refuted = r.refutations();
        final long probes = r.probesSent();
        final boolean knows = r.knowsEvent() == BooleanType.TRUE;
        final long viewDigest = r.viewDigest();
        final long included = r.bucketsIncluded();
        final long[] buckets = new long[LiveView.BUCKETS];
        int b = 0;
        for (final LiveReportDecoder.BucketsDecoder d : r.buckets())
        {
            if (b < buckets.length)
            {
                buckets[b++] = d.digest();
            }
        }
        final List<Traffic> traffic = new ArrayList<>();
        for (final LiveReportDecoder.TrafficDecoder t : r.traffic())
        {
            traffic.add(new Traffic(t.templateId(), t.datagramsIn(), t.bytesIn(), t.datagramsOut(), t.bytesOut()));
        }
        final long[] drops = new long[io.hearsay.wire.DropReason.values().length + 1];
        final long[] refusals = new long[io.hearsay.core.Refusal.values().length];
        for (final LiveReportDecoder.DropsDecoder d : r.drops())
        {
            final int reason = d.reason();
            if (reason >= REFUSAL_REASON_BASE && reason < REFUSAL_REASON_BASE + refusals.length)
            {
                refusals[reason - REFUSAL_REASON_BASE] += d.datagrams();
            }
            else if (reason < REFUSAL_REASON_BASE)
            {
                drops[Math.min(reason, drops.length - 1)] += d.datagrams();
            }
            else
            {
                drops[drops.length - 1] += d.datagrams(); // 255: the shell's (and a newer daemon's unknown reasons)
            }
        }
        final List<Member> members = new ArrayList<>();
        for (final LiveReportDecoder.MembersDecoder m : r.members())
        {
            if (m.address() != 0)
            {
                members.add(new Member(m.address(), m.incarnation(), MemberStatus.fromOrdinal(m.status().value())));
            }
        }
        if (r.limit() > length)
        {
            throw new IndexOutOfBoundsException("live report's groups end at " + r.limit() + ", past the datagram's " +
                length + " bytes");
        }
        return new LiveReport(nodeAddress, bootId, state, incarnation, health, round, wallNs, memberCount, alive, suspect,
            dead, learned, duplicates, raised, refuted, probes, knows, viewDigest, included, buckets, traffic, drops,
            members, refusals, rttP50, rttP99, rttSamples);
    }

    @Override
    public void close()
    {
        socket.close();
    }
}
