package io.hearsay.daemon.app;

import io.hearsay.core.Addresses;
import io.hearsay.core.Node;
import io.hearsay.spi.ApiRoute;
import io.hearsay.spi.Cluster;
import io.hearsay.spi.DataHandler;
import io.hearsay.spi.Event;
import io.hearsay.spi.EventId;
import io.hearsay.spi.EventListener;
import io.hearsay.spi.Member;
import io.hearsay.spi.MembershipListener;
import io.hearsay.spi.PayloadTooLargeException;
import io.hearsay.spi.Response;
import io.hearsay.spi.Subscription;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * The {@link Cluster} an application (or the local API) holds: every action becomes a {@link HostCommand} queued for
 * the duty cycle; results come back through {@link ApplicationHost#deliver} on the application thread.
 */
final class HostedCluster implements Cluster
{
    private static final Pattern ROUTE_NAME = Pattern.compile("[a-z0-9-]{1,32}");
    private static final long FIRST_SNAPSHOT_WAIT_NS = TimeUnit.SECONDS.toNanos(1);

    private final ApplicationHost host;
    private final Map<String, String> properties;
    private final ConcurrentHashMap<String, ApiRoute> routes = new ConcurrentHashMap<>();

    HostedCluster(final ApplicationHost host, final Map<String, String> properties)
    {
        this.host = host;
        this.properties = properties;
    }

    @Override
    public long selfAddress()
    {
        return host.selfAddress;
    }

    @Override
    public String selfAddressText()
    {
        return Addresses.toString(host.selfAddress);
    }

    @Override
    public String addressText(final long address)
    {
        return Addresses.toString(address);
    }

    @Override
    public int maxEventPayloadBytes()
    {
        return host.maxEventPayloadBytes;
    }

    @Override
    public int maxDataBytes()
    {
        return host.maxDataBytes;
    }

    @Override
    public CompletableFuture<Event> broadcast(final DirectBuffer payload, final int offset, final int length)
    {
        requireSize("event payload", length, host.maxEventPayloadBytes);
        final byte[] copy = new byte[length];
        payload.getBytes(offset, copy);
        return broadcastCopy(copy);
    }

    @Override
    public CompletableFuture<Event> broadcast(final byte[] payload)
    {
        requireSize("event payload", payload.length, host.maxEventPayloadBytes);
        return broadcastCopy(payload.clone());
    }

    private CompletableFuture<Event> broadcastCopy(final byte[] payload)
    {
        final CompletableFuture<Event> future = new CompletableFuture<>();
        submit(new HostCommand()
        {
            void execute(final ApplicationHost host, final Node node, final long nowNs)
            {
                final long createdWallNs = host.wallClockNs();
                final long sequence = node.broadcast(nowNs, createdWallNs, new UnsafeBuffer(payload), 0, payload.length);
                final long self = node.selfAddress();
                host.deliver(new Completion(
                    future, new Event(new EventId(self, sequence), createdWallNs, 0, self, payload), null));
            }

            void onError(final ApplicationHost host, final Throwable error)
            {
                host.deliver(new Completion(future, null, error));
            }
        });
        return future;
    }

    @Override
    public CompletableFuture<Response> request(
        final long memberAddress, final DirectBuffer data, final int offset, final int length, final long timeoutMs)
    {
        requireSize("request data", length, host.maxDataBytes);
        final byte[] copy = new byte[length];
        data.getBytes(offset, copy);
        return requestCopy(memberAddress, copy, timeoutMs);
    }

    @Override
    public CompletableFuture<Response> request(final long memberAddress, final byte[] data, final long timeoutMs)
    {
        requireSize("request data", data.length, host.maxDataBytes);
        return requestCopy(memberAddress, data.clone(), timeoutMs);
    }

    private CompletableFuture<Response> requestCopy(final long to, final byte[] data, final long timeoutMs)
    {
        if (timeoutMs < 1)
        {
            throw new IllegalArgumentException("timeoutMs = " + timeoutMs + " is out of range; accepted: >= 1");
        }
        final CompletableFuture<Response> future = new CompletableFuture<>();
        final long timeoutNs = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        submit(new HostCommand()
        {
            void execute(final ApplicationHost host, final Node node, final long nowNs)
            {
                final long correlationId = node.sendData(nowNs, to, new UnsafeBuffer(data), 0, data.length, timeoutNs);
                if (correlationId < 0)
                {
                    onError(host, new IllegalStateException("the node could not send to " + Addresses.toString(to)));
                }
                else
                {
                    host.addPending(correlationId, new PendingRequest(future, to, timeoutMs, nowNs + timeoutNs));
                }
            }

            void onError(final ApplicationHost host, final Throwable error)
            {
                host.deliver(new Completion(future, null, error));
            }
        });
        return future;
    }

    @Override
    public void send(final long memberAddress, final byte[] data)
    {
        requireSize("data", data.length, host.maxDataBytes);
        final byte[] copy = data.clone();
        submit(new HostCommand()
        {
            void execute(final ApplicationHost host, final Node node, final long nowNs)
            {
                node.sendData(nowNs, memberAddress, new UnsafeBuffer(copy), 0, copy.length, 0);
            }
        });
    }

    /** Answer a request (used by {@code IncomingData.reply} and the local API). */
    void respond(final long toAddress, final long correlationId, final byte[] data)
    {
        requireSize("reply data", data.length, host.maxDataBytes);
        final byte[] copy = data.clone();
        submit(new HostCommand()
        {
            void execute(final ApplicationHost host, final Node node, final long nowNs)
            {
                node.respond(nowNs, toAddress, correlationId, new UnsafeBuffer(copy), 0, copy.length);
            }
        });
    }

    @Override
    public List<Member> members()
    {
        host.wantSnapshot();
        List<Member> snapshot = host.memberSnapshot;
        final long deadlineNs = System.nanoTime() + FIRST_SNAPSHOT_WAIT_NS;
        while (null == snapshot && System.nanoTime() - deadlineNs < 0)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            snapshot = host.memberSnapshot;
        }
        return null == snapshot ? List.of() : snapshot;
    }

    @Override
    public int liveMemberCount()
    {
        return host.liveMemberCount;
    }

    @Override
    public CompletableFuture<Boolean> knowsEvent(final EventId id)
    {
        final CompletableFuture<Boolean> future = new CompletableFuture<>();
        submit(new HostCommand()
        {
            void execute(final ApplicationHost host, final Node node, final long nowNs)
            {
                host.deliver(new Completion(future, node.knowsEvent(id.origin(), id.sequence()), null));
            }

            void onError(final ApplicationHost host, final Throwable error)
            {
                host.deliver(new Completion(future, null, error));
            }
        });
        return future;
    }

    @Override
    public Subscription onEvent(final EventListener listener)
    {
        host.eventListeners.add(listener);
        return () -> host.eventListeners.remove(listener);
    }

    @Override
    public Subscription onData(final DataHandler handler)
    {
        host.dataHandlers.add(handler);
        return () -> host.dataHandlers.remove(handler);
    }

    @Override
    public Subscription onMembershipChange(final MembershipListener listener)
    {
        host.wantSnapshot();
        host.membershipListeners.add(listener);
        return () -> host.membershipListeners.remove(listener);
    }

    @Override
    public Subscription registerRoute(final String name, final ApiRoute route)
    {
        if (null == name || !ROUTE_NAME.matcher(name).matches())
        {
            throw new IllegalArgumentException("route name '" + name + "' is not accepted; accepted: [a-z0-9-]{1,32}");
        }
        if (null != routes.putIfAbsent(name, route))
        {
            throw new IllegalArgumentException("route name '" + name + "' is already registered on this node");
        }
        return () -> routes.remove(name, route);
    }

    ApiRoute route(final String name)
    {
        return routes.get(name);
    }

    Set<String> routeNames()
    {
        return new TreeSet<>(routes.keySet());
    }

    @Override
    public String property(final String key, final String defaultValue)
    {
        final String fromSystem = System.getProperty("hearsay.app." + key);
        if (null != fromSystem)
        {
            return fromSystem;
        }
        return properties.getOrDefault(key, defaultValue);
    }

    private void submit(final HostCommand command)
    {
        if (!host.offerCommand(command))
        {
            throw new IllegalStateException(
                "the node's command queue is full (capacity " + host.commandQueueCapacity() + ") or the node is closed");
        }
    }

    private static void requireSize(final String what, final int length, final int limit)
    {
        if (length > limit)
        {
            throw new PayloadTooLargeException(what, length, limit);
        }
        if (length < 0)
        {
            throw new IllegalArgumentException(what + " length " + length + " is negative");
        }
    }
}
