package io.hearsay.core;

import org.agrona.DirectBuffer;

import java.util.random.RandomGenerator;

/**
 * One node as its shells drive it: the daemon's NIO shell, the simulator's {@code full} fidelity and hand-stepped
 * tests all call these methods and nothing else. {@link GossipNode} is the protocol; stand-ins (shell tests,
 * transport benchmarks, the application host's embedded network) implement it too.
 * <p>
 * Contract: {@link #onPacket} for every datagram that arrived for this node; {@link #doWork} when {@code nowNs}
 * reaches {@link #nextDeadlineNs()} (earlier is harmless); everything goes out through the {@link Outbox} and the
 * {@link CoreEventSink} the node was built with. All calls on one thread (the node's duty cycle); time is a monotonic
 * nanosecond count chosen by the driver.
 */
public interface Node
{
    /**
     * Room kept in a datagram for the envelope, the AppData header and at least one piggybacked event header when an
     * application data message is sent ({@link #maxDataBytes()} = packet budget minus this).
     */
    int APP_DATA_OVERHEAD_BYTES = 200;

    /** @return work done (0 when the packet was dropped; the reason is counted in {@link #counters()}) */
    int onPacket(long nowNs, long fromAddress, DirectBuffer buffer, int offset, int length);

    /** Timers: probes, gossip rounds, suspicion, re-joins. @return work done */
    int doWork(long nowNs);

    /** When {@link #doWork} must next be called ({@link Long#MAX_VALUE}: never). */
    long nextDeadlineNs();

    /** Contact the seeds (retried until one answers). */
    void join(long[] seedAddresses, long nowNs);

    /**
     * Roster formation: start out knowing {@code address} as alive, not yet heard from (no join). Stand-ins may
     * ignore it.
     *
     * @return true if the member was added
     */
    default boolean addRosterMember(final long address, final long nowNs)
    {
        return false;
    }

    /**
     * Pre-seeding (simulations that skip formation): start out knowing {@code address} as alive with the given
     * incarnation and boot id, as if joined long ago. Stand-ins may ignore it.
     *
     * @return true if the member was added
     */
    default boolean addKnownMember(final long address, final long incarnation, final long bootId, final long nowNs)
    {
        return false;
    }

    /** Size the member table for {@code memberCount} members at once (itself included); a hint. */
    default void reserveMembers(final int memberCount)
    {
    }

    /** Announce a graceful leave. */
    void leave(long nowNs);

    /** @return the event's sequence number at this origin */
    long broadcast(long nowNs, long createdWallNs, DirectBuffer payload, int offset, int length);

    /**
     * Send application data to a member; with {@code timeoutNs > 0} a response is awaited and
     * {@link CoreEventSink#onRequestTimeout} fires if none comes.
     *
     * @return the correlation id, negative when the node could not send
     */
    long sendData(long nowNs, long toAddress, DirectBuffer data, int offset, int length, long timeoutNs);

    /** Answer a request received through {@link CoreEventSink#onAppData}. */
    void respond(long nowNs, long toAddress, long correlationId, DirectBuffer data, int offset, int length);

    /** Largest event payload {@link #broadcast} accepts. */
    int maxEventPayloadBytes();

    /** Largest application data message {@link #sendData} and {@link #respond} promise to carry. */
    int maxDataBytes();

    long selfAddress();

    /** This node's gossip round counter. */
    int round();

    long incarnation();

    /** Number of members this node considers alive or suspect, itself included. */
    int liveMemberCount();

    /** Lifeguard local health score (0 = healthy); stand-ins may answer 0. */
    default int healthScore()
    {
        return 0;
    }

    /** Visit the member table without allocating. */
    void forEachMember(MemberVisitor visitor);

    /**
     * Copy this node's live-view digest of its member table ({@link io.hearsay.core.membership.ViewDigest}) into
     * {@code into}. The default walks the table; a node whose table keeps its digest up to date copies it in O(1).
     */
    default void copyViewDigest(final io.hearsay.core.membership.ViewDigest into)
    {
        into.reset();
        forEachMember(into);
    }

    /** Entries in the member table, any status, itself included (what memory grows with). */
    default int memberTableSize()
    {
        final int[] count = new int[1];
        forEachMember((address, status, incarnation, bootId) -> count[0]++);
        return count[0];
    }

    /** Does this node know event (origin, sequence)? */
    boolean knowsEvent(long origin, long sequence);

    NodeCounters counters();

    @FunctionalInterface
    interface MemberVisitor
    {
        void onMember(long address, MemberStatus status, long incarnation, long bootId);
    }

    /** Builds one node; the arguments are those of the {@link GossipNode} constructor. */
    @FunctionalInterface
    interface Factory
    {
        Node newNode(
            NodeConfig config, long selfAddress, long bootId, Outbox outbox, CoreEventSink sink, RandomGenerator random,
            long nowNs);
    }
}
