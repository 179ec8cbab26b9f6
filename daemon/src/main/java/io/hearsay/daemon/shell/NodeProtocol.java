package io.hearsay.daemon.shell;

import io.hearsay.core.GossipNode;
import io.hearsay.core.NodeCounters;
import org.agrona.DirectBuffer;

/**
 * What the shell needs of a hosted node's protocol: the {@link GossipNode} contract as an interface, so the shell can
 * also drive a stand-in (tests, transport benchmarks). {@link GossipNodeProtocol} adapts the real core.
 */
public interface NodeProtocol
{
    int onPacket(long nowNs, long fromAddress, DirectBuffer buffer, int offset, int length);

    int doWork(long nowNs);

    long nextDeadlineNs();

    void join(long[] seedAddresses, long nowNs);

    /** Start out knowing every roster member as alive, not yet heard from (no join); stand-ins may ignore it. */
    default void addRosterMembers(long[] roster, long nowNs)
    {
    }

    void leave(long nowNs);

    long broadcast(long nowNs, long createdWallNs, DirectBuffer payload, int offset, int length);

    long sendData(long nowNs, long toAddress, DirectBuffer data, int offset, int length, long timeoutNs);

    void respond(long nowNs, long toAddress, long correlationId, DirectBuffer data, int offset, int length);

    long selfAddress();

    int round();

    long incarnation();

    /** Lifeguard local health score (0 = healthy); stand-ins may answer 0. */
    default int healthScore()
    {
        return 0;
    }

    int liveMemberCount();

    void forEachMember(GossipNode.MemberVisitor visitor);

    boolean knowsEvent(long origin, long sequence);

    NodeCounters counters();

    /** Builds one hosted node's protocol; the arguments are those of the {@link GossipNode} constructor. */
    @FunctionalInterface
    interface Factory
    {
        NodeProtocol newNode(
            io.hearsay.core.NodeConfig config, long selfAddress, long bootId,
            io.hearsay.core.Outbox outbox, io.hearsay.core.CoreEventSink sink,
            java.util.random.RandomGenerator random, long nowNs);
    }
}
