package io.hearsay.spi;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The handle a {@link GossipApplication} gets to its node. Every method may be called from any thread and never
 * blocks: actions are queued for the node's duty cycle, results come back as futures completed on the application
 * thread (never on the duty cycle). See the package documentation for the threading contract and size budgets.
 */
public interface Cluster
{
    /** This node's address (IPv4 and port packed as {@code ipv4 << 16 | port}). */
    long selfAddress();

    /** This node's address as {@code a.b.c.d:port}. */
    String selfAddressText();

    /** Any member's address as {@code a.b.c.d:port} (for logs and replies to people). */
    String addressText(long address);

    /** Largest event payload this node accepts, in bytes (the node's {@code maxEventPayloadBytes}). */
    int maxEventPayloadBytes();

    /** Largest data message or reply this node accepts, in bytes (what fits one datagram beside headers). */
    int maxDataBytes();

    /**
     * Create an event at this node and disseminate it to the cluster. Every node (this one included) then calls
     * its {@link EventListener}s once with it.
     *
     * @return completes with the created event (its id and creation time) once the node has created it
     * @throws PayloadTooLargeException if {@code length > maxEventPayloadBytes()}
     */
    CompletableFuture<Event> broadcast(DirectBuffer payload, int offset, int length);

    /** {@link #broadcast(DirectBuffer, int, int)} of a byte array (copied). */
    CompletableFuture<Event> broadcast(byte[] payload);

    /** {@link #broadcast(DirectBuffer, int, int)} of a string's UTF-8 bytes. */
    default CompletableFuture<Event> broadcast(final String payload)
    {
        return broadcast(payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Send data to a member and await its reply (the member's {@link DataHandler} answers with
     * {@link IncomingData#reply}). Recent events ride along with the data (push-pull piggybacking).
     *
     * @return completes with the reply, or exceptionally with {@link RequestTimeoutException} when none arrives in
     *         {@code timeoutMs}, or with {@link IllegalStateException} if the node could not send
     * @throws PayloadTooLargeException if {@code length > maxDataBytes()}
     * @throws IllegalArgumentException if {@code timeoutMs < 1}
     */
    CompletableFuture<Response> request(long memberAddress, DirectBuffer data, int offset, int length, long timeoutMs);

    /** {@link #request(long, DirectBuffer, int, int, long)} of a byte array (copied). */
    CompletableFuture<Response> request(long memberAddress, byte[] data, long timeoutMs);

    /** Send data to a member without awaiting a reply (best effort, like UDP). */
    void send(long memberAddress, byte[] data);

    /**
     * The member table as last seen by the application side (refreshed from the node at most every
     * {@code memberSnapshotPeriodMs}, 100 ms by default, when it changed). The first call may wait up to a second
     * for the first snapshot. Allocation-free for the node: it is built on the duty cycle only when it changed.
     */
    List<Member> members();

    /** Members that are alive or suspect, this node included, per the last snapshot. */
    int liveMemberCount();

    /** Ask the node whether it knows an event. Completes on the application thread. */
    CompletableFuture<Boolean> knowsEvent(EventId id);

    /** Be called on the application thread for each event this node learns (once per event). */
    Subscription onEvent(EventListener listener);

    /** Be called on the application thread for each data message (request) from a member. */
    Subscription onData(DataHandler handler);

    /** Be called on the application thread for each change of a member's status in this node's view. */
    Subscription onMembershipChange(MembershipListener listener);

    /**
     * Serve {@code /v1/apps/<name>/...} on the local API of this node (when the daemon runs one).
     * Routes run on a local API thread (not the duty cycle, not the application thread); they must be thread-safe.
     *
     * @throws IllegalArgumentException if the name is not {@code [a-z0-9-]{1,32}} or already taken on this node
     */
    Subscription registerRoute(String name, ApiRoute route);

    /**
     * A configuration value for applications: system property {@code hearsay.app.<key>}, else the key in the
     * plugins folder's {@code apps.properties}, else {@code defaultValue}.
     */
    String property(String key, String defaultValue);
}
