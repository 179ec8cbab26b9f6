package io.hearsay.daemon.core;

import org.agrona.DirectBuffer;

import java.util.random.RandomGenerator;

/**
 * One hearsay node's protocol state machine (SWIM membership + rumor dissemination), sans-IO.
 * <p>
 * CONTRACT (shared by the NIO shell, the simulator and the tests; signatures are fixed, bodies are the core's):
 * <ul>
 *   <li>{@link #onPacket} for every datagram that arrived for this node;</li>
 *   <li>{@link #doWork} when {@code nowNs} reaches {@link #nextDeadlineNs()} (calling it earlier is harmless);</li>
 *   <li>everything goes out through the {@link Outbox} and the {@link CoreEventSink} given at construction.</li>
 * </ul>
 * Time is a monotonic nanosecond count chosen by the driver; deadlines compare overflow-safely.
 */
public final class GossipNode
{
    public GossipNode(
        final NodeConfig config,
        final long selfAddress,
        final long bootId,
        final Outbox outbox,
        final CoreEventSink sink,
        final RandomGenerator random,
        final long nowNs)
    {
        throw new UnsupportedOperationException("core not written yet");
    }

    /** Contact the seeds (retried until one answers, and periodically later so healed partitions re-merge). */
    public void join(final long[] seedAddresses, final long nowNs)
    {
    }

    /** Announce a graceful leave; the node then stops probing and gossiping once the announcement is out. */
    public void leave(final long nowNs)
    {
    }

    /** @return work done (0 when the packet was dropped; the reason is counted in {@link #counters()}) */
    public int onPacket(final long nowNs, final long fromAddress, final DirectBuffer buffer, final int offset, final int length)
    {
        return 0;
    }

    /** Timers: probes, gossip rounds, suspicion, re-joins. @return work done */
    public int doWork(final long nowNs)
    {
        return 0;
    }

    /** When {@link #doWork} must next be called. */
    public long nextDeadlineNs()
    {
        return Long.MAX_VALUE;
    }

    /**
     * Create an application event here and start disseminating it.
     *
     * @return the event's sequence number at this origin
     * @throws IllegalArgumentException if the payload exceeds {@link NodeConfig#maxEventPayloadBytes()}, naming both sizes
     */
    public long broadcast(final long nowNs, final long createdWallNs, final DirectBuffer payload, final int offset, final int length)
    {
        return -1;
    }

    /**
     * Send application data to a member; with {@code timeoutNs > 0} a response is awaited and
     * {@link CoreEventSink#onRequestTimeout} fires if none comes. Rumors ride along.
     *
     * @return the correlation id
     */
    public long sendData(final long nowNs, final long toAddress, final DirectBuffer data, final int offset, final int length, final long timeoutNs)
    {
        return -1;
    }

    /** Answer a request received through {@link CoreEventSink#onAppData}. */
    public void respond(final long nowNs, final long toAddress, final long correlationId, final DirectBuffer data, final int offset, final int length)
    {
    }

    public long selfAddress()
    {
        return 0;
    }

    /** This node's gossip round counter (incremented at each of its gossip periods). */
    public int round()
    {
        return 0;
    }

    public long incarnation()
    {
        return 0;
    }

    /** Number of members this node considers alive or suspect, itself included. */
    public int liveMemberCount()
    {
        return 0;
    }

    /** Visit the member table without allocating. */
    public void forEachMember(final MemberVisitor visitor)
    {
    }

    /** Does this node know event (origin, sequence)? */
    public boolean knowsEvent(final long origin, final long sequence)
    {
        return false;
    }

    public NodeCounters counters()
    {
        return null;
    }

    @FunctionalInterface
    public interface MemberVisitor
    {
        void onMember(long address, MemberStatus status, long incarnation, long bootId);
    }
}
