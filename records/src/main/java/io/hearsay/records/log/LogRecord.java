package io.hearsay.records.log;

import io.hearsay.core.Channel;
import io.hearsay.core.MemberStatus;
import io.hearsay.records.sbe.EventLearnedDecoder;
import io.hearsay.records.sbe.MemberChangeDecoder;
import io.hearsay.records.sbe.MessageHeaderDecoder;
import io.hearsay.records.sbe.NodeStatsDecoder;

/**
 * One record of a node's event log, as read back. Mutable and reused by {@link EventLogReader}; copy what you keep.
 * The records are the messages of the SBE schema {@code hearsay-records-schema.xml} (package
 * {@code io.hearsay.records.sbe}); the type constants are their template ids.
 */
public final class LogRecord
{
    public static final byte EVENT_LEARNED = (byte)EventLearnedDecoder.TEMPLATE_ID;
    public static final byte MEMBER_CHANGE = (byte)MemberChangeDecoder.TEMPLATE_ID;
    public static final byte NODE_STATS = (byte)NodeStatsDecoder.TEMPLATE_ID;
    public static final byte PROCESS_STATS = (byte)io.hearsay.records.sbe.ProcessStatsDecoder.TEMPLATE_ID;
    /** the master's log: a node's own state from its live report */
    public static final byte NODE_STATE = (byte)io.hearsay.records.sbe.NodeStateDecoder.TEMPLATE_ID;
    /** the master's log: a command it sent and the answer */
    public static final byte MASTER_COMMAND = (byte)io.hearsay.records.sbe.MasterCommandDecoder.TEMPLATE_ID;
    /** the record schema's id and version (the event-log layout this build writes) */
    public static final int SCHEMA_ID = MessageHeaderDecoder.SCHEMA_ID;
    public static final int SCHEMA_VERSION = MessageHeaderDecoder.SCHEMA_VERSION;
    /** each record is followed by the CRC32C of its header and block, an int32 little endian */
    public static final int CHECKSUM_BYTES = 4;
    /** no record of any schema version is longer than this (header, block and checksum) */
    public static final int MAX_RECORD_BYTES = 1024;

    public byte type;
    /** the record's number among those its writer appended (0, 1, 2, ...) */
    public long recordSeq;
    /** wall clock (epoch ns) of the host when it was written */
    public long wallNs;
    /** the writing process's monotonic clock */
    public long monoNs;
    /** the node that wrote it */
    public long node;

    // EVENT_LEARNED
    public long origin;
    public long sequence;
    public long createdWallNs;
    public int round;
    public int hops;
    public long from;
    public Channel channel;
    public int duplicates;

    // MEMBER_CHANGE
    public long member;
    public MemberStatus status;
    public long incarnation;
    /** the boot id of the member's life the change is about (0 in records of version 1) */
    public long memberBootId;

    // NODE_STATS (cumulative at wallNs)
    public long messagesSent;
    public long messagesReceived;
    public long bytesSent;
    public long bytesReceived;
    public long packetsDropped;
    /** largest number of messages this node received within one of its gossip periods */
    public long maxReceivedPerRound;
    /** the node's own boot id; member-table entries (any status) and live members (0 in records of version 1) */
    public long bootId;
    public int memberTableSize;
    public int liveMembers;
    /** drops by {@link io.hearsay.wire.DropReason} ordinal (all zero in records of version 1) */
    public final long[] wireDrops = new long[io.hearsay.wire.DropReason.values().length];
    /** refusals by {@link io.hearsay.core.Refusal} ordinal */
    public final long[] refusals = new long[io.hearsay.core.Refusal.values().length];
    /** datagrams the shell dropped (impairment, send failures) */
    public long shellDrops;
    /** drop reasons of a newer writer this build does not know, counted apart */
    public long otherDrops;

    // PROCESS_STATS (node = the process's first node)
    public long processBootId;
    public long heapUsedBytes;
    public long heapCommittedBytes;
    /** -1 where the OS does not say */
    public long rssBytes;
    public int nodesRunning;
    public int restarts;

    /**
     * This NODE_STATS record's drops and refusals by reason, non-zero only, named as in reports and metrics:
     * {@code dropped_<wire reason>}, {@code refused_<core refusal>}, {@code dropped_shell_impairment},
     * {@code dropped_other} (reasons of a newer writer), added into {@code into}.
     */
    public java.util.Map<String, Long> addDropsByReason(final java.util.Map<String, Long> into)
    {
        for (int i = 0; i < wireDrops.length; i++)
        {
            add(into, "dropped_" + io.hearsay.wire.DropReason.fromOrdinal(i).metricName(), wireDrops[i]);
        }
        for (int i = 0; i < refusals.length; i++)
        {
            add(into, "refused_" + io.hearsay.core.Refusal.fromOrdinal(i).metricName(), refusals[i]);
        }
        add(into, "dropped_shell_impairment", shellDrops);
        add(into, "dropped_other", otherDrops);
        return into;
    }

    private static void add(final java.util.Map<String, Long> into, final String name, final long count)
    {
        if (count > 0)
        {
            into.merge(name, count, Long::sum);
        }
    }

    // NODE_STATE (also incarnation, eventsLearned via the fields above where they mean the same)
    public long receivedWallNs;
    /** io.hearsay.wire.sbe.HostedNodeState value */
    public short state;
    public int healthScore;
    public int aliveMembers;
    public int suspectMembers;
    public int deadMembers;
    public long eventsLearned;
    public long duplicateEvents;
    public long suspicionsRaised;
    public long refutations;
    public boolean knowsEvent;

    // MASTER_COMMAND (node = the target, 0: any or all)
    public boolean ok;
    public String action;
    public String argument;
    public String answer;

    @Override
    public String toString()
    {
        switch (type)
        {
            case EVENT_LEARNED:
                return "EventLearned{node=" + node + ", origin=" + origin + ", seq=" + sequence + ", wallNs=" + wallNs +
                    ", round=" + round + ", hops=" + hops + ", from=" + from + ", channel=" + channel + "}";
            case MEMBER_CHANGE:
                return "MemberChange{node=" + node + ", member=" + member + ", status=" + status +
                    ", incarnation=" + incarnation + ", wallNs=" + wallNs + "}";
            case NODE_STATS:
                return "NodeStats{node=" + node + ", sent=" + messagesSent + ", received=" + messagesReceived + "}";
            case PROCESS_STATS:
                return "ProcessStats{node=" + node + ", heapUsed=" + heapUsedBytes + ", rss=" + rssBytes + "}";
            case NODE_STATE:
                return "NodeState{node=" + node + ", state=" + state + ", incarnation=" + incarnation + ", health=" +
                    healthScore + ", alive=" + aliveMembers + ", suspect=" + suspectMembers + ", dead=" + deadMembers + "}";
            case MASTER_COMMAND:
                return "MasterCommand{action=" + action + ", node=" + node + ", argument=" + argument + ", ok=" + ok +
                    ", answer=" + answer + "}";
            default:
                return "LogRecord{type=" + type + "}";
        }
    }
}
