package io.hearsay.sampleapps.kv;

import io.hearsay.sampleapps.Json;
import io.hearsay.spi.ApiRequest;
import io.hearsay.spi.ApiResponse;
import io.hearsay.spi.Cluster;
import io.hearsay.spi.Event;
import io.hearsay.spi.GossipApplication;
import io.hearsay.spi.Subscription;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A replicated key-value store: a write is broadcast as an event ({@link KvCommand}); every node applies every
 * write event it learns to its {@link LwwStore}, the version being the event's (creation time, origin, sequence),
 * which every node sees identically. Readable and writable on the local API:
 * <pre>
 * GET    /v1/apps/kv          all keys and values (JSON)
 * GET    /v1/apps/kv/KEY      the value (text), 404 if absent
 * PUT    /v1/apps/kv/KEY      body = the value; broadcast, applied here at once
 * DELETE /v1/apps/kv/KEY      delete (a tombstone)
 * </pre>
 * and through events: any node (or any program, via {@code POST /v1/events}) that broadcasts
 * {@code kv1 set KEY\nVALUE} writes. Key plus value must fit the event payload budget.
 */
public final class ReplicatedKvApp implements GossipApplication
{
    public static final String NAME = "kv";
    private static final long BROADCAST_WAIT_MS = 5_000;

    private final LwwStore store = new LwwStore();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private volatile Cluster cluster;

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public void start(final Cluster cluster)
    {
        subscriptions.add(cluster.onEvent(this::onEvent));
        subscriptions.add(cluster.registerRoute(NAME, this::onApiRequest));
        this.cluster = cluster;
    }

    @Override
    public void stop()
    {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }

    /** Started (subscribed) on its node. */
    public boolean isStarted()
    {
        return null != cluster;
    }

    public LwwStore store()
    {
        return store;
    }

    /** Write here and broadcast; completes when the write was created (and applied here). */
    public Event put(final String key, final String value) throws ExecutionException, InterruptedException, TimeoutException
    {
        final Event event = cluster.broadcast(new KvCommand(key, value).encode()).get(BROADCAST_WAIT_MS, TimeUnit.MILLISECONDS);
        onEvent(event);
        return event;
    }

    private void onEvent(final Event event)
    {
        final KvCommand command = KvCommand.decode(event.payloadAsString());
        if (null != command)
        {
            store.apply(command.key(), command.value(), event.createdWallNs(), event.id().origin(), event.id().sequence());
        }
    }

    private ApiResponse onApiRequest(final ApiRequest request)
    {
        final String key = request.path().startsWith("/") ? request.path().substring(1) : request.path();
        try
        {
            if (key.isEmpty())
            {
                if (!request.method().equals("GET"))
                {
                    return error(405, "method " + request.method() + " on /v1/apps/kv; accepted: GET");
                }
                return ApiResponse.json(200, Json.write(store.snapshot()));
            }
            KvCommand.requireKey(key);
            switch (request.method())
            {
                case "GET":
                    final String value = store.get(key);
                    return null == value ? error(404, "no key '" + key + "'") : ApiResponse.text(200, value);
                case "PUT":
                case "POST":
                    return written(put(key, request.bodyAsString()), key);
                case "DELETE":
                    return written(put(key, null), key);
                default:
                    return error(405, "method " + request.method() + "; accepted: GET, PUT, POST, DELETE");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            return error(400, ex.getMessage());
        }
        catch (final ExecutionException ex)
        {
            return error(400, String.valueOf(ex.getCause().getMessage()));
        }
        catch (final TimeoutException ex)
        {
            return error(504, "the node did not create the write within " + BROADCAST_WAIT_MS + " ms");
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return error(503, "interrupted");
        }
    }

    private ApiResponse written(final Event event, final String key)
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", key);
        json.put("timestamp_ns", event.createdWallNs());
        json.put("origin", cluster.addressText(event.id().origin()));
        json.put("sequence", event.id().sequence());
        return ApiResponse.json(200, Json.write(json));
    }

    private static ApiResponse error(final int status, final String message)
    {
        return ApiResponse.json(status, Json.write(Map.of("error", message)));
    }
}
