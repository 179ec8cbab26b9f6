package io.hearsay.records.log;

import io.hearsay.core.Channel;
import io.hearsay.core.EventLearned;
import io.hearsay.core.MemberStatus;
import io.hearsay.core.NodeCounters;
import io.hearsay.wire.DropReason;
import io.hearsay.records.sbe.EventLearnedEncoder;
import io.hearsay.records.sbe.MemberChangeEncoder;
import io.hearsay.records.sbe.MessageHeaderEncoder;
import io.hearsay.records.sbe.DropSource;
import io.hearsay.records.sbe.MasterCommandEncoder;
import io.hearsay.records.sbe.NodeStateEncoder;
import io.hearsay.records.sbe.NodeStatsEncoder;
import io.hearsay.records.sbe.ProcessStatsEncoder;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Appends a process's log records to one Chronicle Queue (memory-mapped: a record is in the page cache as soon as
 * the append returns, so a kill -9 of the process loses nothing already appended). Single writer thread.
 * <p>
 * Each queue document is one record of the SBE schema {@code hearsay-records-schema.xml} followed by the CRC32C of
 * its bytes ({@link LogRecord#CHECKSUM_BYTES}); records are numbered 0, 1, 2, ... per writer ({@code recordSeq}) so a
 * reader can count what a damaged stretch held. Allocation-free per record.
 */
public final class EventLogWriter implements AutoCloseable
{
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private final byte[] scratch = new byte[LogRecord.MAX_RECORD_BYTES];
    private final UnsafeBuffer buffer = new UnsafeBuffer(scratch);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final EventLearnedEncoder eventLearned = new EventLearnedEncoder();
    private final MemberChangeEncoder memberChange = new MemberChangeEncoder();
    private final NodeStatsEncoder nodeStats = new NodeStatsEncoder();
    private final ProcessStatsEncoder processStats = new ProcessStatsEncoder();
    private final NodeStateEncoder nodeState = new NodeStateEncoder();
    private final MasterCommandEncoder masterCommand = new MasterCommandEncoder();
    private final CRC32C crc = new CRC32C();
    private long recordSeq;

    public EventLogWriter(final Path queueDir)
    {
        queue = SingleChronicleQueueBuilder.binary(queueDir).rollCycle(LargeRollCycles.LARGE_DAILY).build();
        appender = queue.createAppender();
    }

    public Path path()
    {
        return queue.file().toPath();
    }

    /** The core's view of a first learning, stamped with the wall clock (duplicates: none at first learning). */
    public void eventLearned(final long wallNs, final EventLearned event)
    {
        eventLearned(wallNs, event.nowNs(), event.node(), event.origin(), event.sequence(), event.createdWallNs(),
            event.round(), event.hops(), event.fromAddress(), event.channel(), 0);
    }

    public void eventLearned(
        final long wallNs, final long monoNs, final long node, final long origin, final long sequence,
        final long createdWallNs, final int round, final int hops, final long from, final Channel channel,
        final int duplicates)
    {
        eventLearned.wrapAndApplyHeader(buffer, 0, header)
            .recordSeq(recordSeq).wallNs(wallNs).monoNs(monoNs).node(node).origin(origin).sequence(sequence)
            .createdWallNs(createdWallNs).round(round).hops(hops).from(from)
            .channel((short)channel.ordinal()).duplicates(duplicates);
        append(MessageHeaderEncoder.ENCODED_LENGTH + eventLearned.encodedLength());
    }

    public void memberChange(
        final long wallNs, final long monoNs, final long node, final long member, final MemberStatus status,
        final long incarnation)
    {
        memberChange(wallNs, monoNs, node, member, status, incarnation, 0);
    }

    /** @param memberBootId the boot id of the member's life the change is about */
    public void memberChange(
        final long wallNs, final long monoNs, final long node, final long member, final MemberStatus status,
        final long incarnation, final long memberBootId)
    {
        memberChange.wrapAndApplyHeader(buffer, 0, header)
            .recordSeq(recordSeq).wallNs(wallNs).monoNs(monoNs).node(node).member(member)
            .status((short)status.ordinal()).incarnation(incarnation).memberBootId(memberBootId);
        append(MessageHeaderEncoder.ENCODED_LENGTH + memberChange.encodedLength());
    }

    public void nodeStats(
        final long wallNs, final long monoNs, final long node, final long messagesSent, final long messagesReceived,
        final long bytesSent, final long bytesReceived, final long packetsDropped, final long maxReceivedPerRound)
    {
        nodeStats.wrapAndApplyHeader(buffer, 0, header)
            .recordSeq(recordSeq).wallNs(wallNs).monoNs(monoNs).node(node)
            .messagesSent(messagesSent).messagesReceived(messagesReceived).bytesSent(bytesSent)
            .bytesReceived(bytesReceived).packetsDropped(packetsDropped).maxReceivedPerRound(maxReceivedPerRound)
            .bootId(0).memberTableSize(0).liveMembers(0)
            .dropsCount(0);
        append(MessageHeaderEncoder.ENCODED_LENGTH + nodeStats.encodedLength());
    }

    /**
     * A node's counters with its drops and refusals by reason (non-zero only): the wire's ({@link DropReason}), the
     * core's ({@link io.hearsay.core.Refusal}) and the shell's ({@code shellDrops}: impairment, send failures).
     * {@code packetsDropped} is the sum of the wire's and the shell's (as before version 2); refusals come on top.
     */
    public void nodeStats(
        final long wallNs, final long monoNs, final long node, final long bootId, final int memberTableSize,
        final int liveMembers, final NodeCounters c, final long shellDrops)
    {
        final long[] drops = c.drops;
        final long[] refusals = c.refusals;
        int reasons = shellDrops > 0 ? 1 : 0;
        long total = shellDrops;
        for (final long d : drops)
        {
            reasons += d > 0 ? 1 : 0;
            total += d;
        }
        for (final long r : refusals)
        {
            reasons += r > 0 ? 1 : 0;
        }
        final NodeStatsEncoder.DropsEncoder group = nodeStats.wrapAndApplyHeader(buffer, 0, header)
            .recordSeq(recordSeq).wallNs(wallNs).monoNs(monoNs).node(node)
            .messagesSent(c.messagesSent).messagesReceived(c.messagesReceived).bytesSent(c.bytesSent)
            .bytesReceived(c.bytesReceived).packetsDropped(total).maxReceivedPerRound(c.peakReceivedPerRound())
            .bootId(bootId).memberTableSize(memberTableSize).liveMembers(liveMembers)
            .dropsCount(reasons);
        for (int i = 0; i < drops.length; i++)
        {
            if (drops[i] > 0)
            {
                group.next().source(DropSource.WIRE).reason((short)i).total(drops[i]);
            }
        }
        for (int i = 0; i < refusals.length; i++)
        {
            if (refusals[i] > 0)
            {
                group.next().source(DropSource.CORE).reason((short)i).total(refusals[i]);
            }
        }
        if (shellDrops > 0)
        {
            group.next().source(DropSource.SHELL).reason((short)0).total(shellDrops);
        }
        append(MessageHeaderEncoder.ENCODED_LENGTH + nodeStats.encodedLength());
    }

    /** The writing process: heap, resident memory ({@code rssBytes} -1 when unknown), running nodes, restarts. */
    public void processStats(
        final long wallNs, final long monoNs, final long firstNode, final long processBootId, final long heapUsedBytes,
        final long heapCommittedBytes, final long rssBytes, final int nodesRunning, final int restarts)
    {
        processStats.wrapAndApplyHeader(buffer, 0, header)
            .recordSeq(recordSeq).wallNs(wallNs).monoNs(monoNs).node(firstNode).processBootId(processBootId)
            .heapUsedBytes(heapUsedBytes).heapCommittedBytes(heapCommittedBytes).rssBytes(rssBytes)
            .nodesRunning(nodesRunning).restarts(restarts);
        append(MessageHeaderEncoder.ENCODED_LENGTH + processStats.encodedLength());
    }

    /** The master: a node's own state from its live report (wallNs: the node's clock; receivedWallNs: the master's). */
    public void nodeState(
        final long wallNs, final long monoNs, final long node, final long receivedWallNs, final short state,
        final long incarnation, final int healthScore, final int round, final int aliveMembers, final int suspectMembers,
        final int deadMembers, final long eventsLearned, final long duplicateEvents, final long suspicionsRaised,
        final long refutations, final boolean knowsEvent)
    {
        nodeState.wrapAndApplyHeader(buffer, 0, header)
            .recordSeq(recordSeq).wallNs(wallNs).monoNs(monoNs).node(node).receivedWallNs(receivedWallNs).state(state)
            .incarnation(incarnation).healthScore(healthScore).round(round).aliveMembers(aliveMembers)
            .suspectMembers(suspectMembers).deadMembers(deadMembers).eventsLearned(eventsLearned)
            .duplicateEvents(duplicateEvents).suspicionsRaised(suspicionsRaised).refutations(refutations)
            .knowsEvent((short)(knowsEvent ? 1 : 0));
        append(MessageHeaderEncoder.ENCODED_LENGTH + nodeState.encodedLength());
    }

    /** The master: a command it sent and the answer (argument and answer cut to {@value #COMMAND_TEXT_BYTES} bytes). */
    public void masterCommand(
        final long wallNs, final long monoNs, final long node, final boolean ok, final String action,
        final String argument, final String answer)
    {
        masterCommand.wrapAndApplyHeader(buffer, 0, header)
            .recordSeq(recordSeq).wallNs(wallNs).monoNs(monoNs).node(node).ok((short)(ok ? 1 : 0))
            .action(cut(action, 32)).argument(cut(argument, COMMAND_TEXT_BYTES)).answer(cut(answer, COMMAND_TEXT_BYTES));
        append(MessageHeaderEncoder.ENCODED_LENGTH + masterCommand.encodedLength());
    }

    /** the longest argument or answer a MasterCommand record keeps, in UTF-8 bytes */
    public static final int COMMAND_TEXT_BYTES = 400;

    /** @return text cut to at most maxBytes of UTF-8, on a character boundary */
    static String cut(final String text, final int maxBytes)
    {
        String t = text == null ? "" : text;
        if (t.length() > maxBytes)
        {
            t = t.substring(0, maxBytes);
        }
        while (t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > maxBytes)
        {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    /** Seals the encoded message in {@code scratch[0, length)} with its CRC32C and appends it as one document. */
    private void append(final int length)
    {
        crc.reset();
        crc.update(scratch, 0, length);
        buffer.putInt(length, (int)crc.getValue(), ByteOrder.LITTLE_ENDIAN);
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(scratch, 0, length + LogRecord.CHECKSUM_BYTES);
        }
        recordSeq++;
    }

    @Override
    public void close()
    {
        queue.close();
    }
}
