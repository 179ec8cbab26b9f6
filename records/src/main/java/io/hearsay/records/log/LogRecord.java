package io.hearsay.records.log;

import io.hearsay.core.Channel;
import io.hearsay.core.MemberStatus;

/**
 * One record of a node's event log, as read back. Mutable and reused by {@link EventLogReader}; copy what you keep.
 * Record types and their layouts are append only; every record starts with (type, layout version).
 */
public final class LogRecord
{
    public static final byte EVENT_LEARNED = 1;
    public static final byte MEMBER_CHANGE = 2;
    public static final byte NODE_STATS = 3;
    public static final byte LAYOUT_VERSION = 1;

    public byte type;
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

    // NODE_STATS (cumulative at wallNs)
    public long messagesSent;
    public long messagesReceived;
    public long bytesSent;
    public long bytesReceived;
    public long packetsDropped;
    /** largest number of messages this node received within one of its gossip periods */
    public long maxReceivedPerRound;

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
            default:
                return "LogRecord{type=" + type + "}";
        }
    }
}
