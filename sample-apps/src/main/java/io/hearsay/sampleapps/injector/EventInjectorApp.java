package io.hearsay.sampleapps.injector;

import io.hearsay.sampleapps.Json;
import io.hearsay.spi.ApiRequest;
import io.hearsay.spi.ApiResponse;
import io.hearsay.spi.Cluster;
import io.hearsay.spi.Event;
import io.hearsay.spi.GossipApplication;
import io.hearsay.spi.IncomingData;
import io.hearsay.spi.Subscription;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Injects events for experiments. Payloads are {@code inject <n> } padded with dots to
 * {@code injector.payload.bytes}. Three ways to trigger:
 * <ul>
 *   <li>schedule: {@code injector.period.ms} (0, the default, disables) up to {@code injector.count} events
 *   (0: unbounded), first after {@code injector.delay.ms};</li>
 *   <li>local API: {@code POST /v1/apps/injector/inject?count=N} answers the created event ids;</li>
 *   <li>a data message {@code inject} from any member: replies {@code a.b.c.d:port/sequence}.</li>
 * </ul>
 * Configuration comes from {@code apps.properties} in the plugins folder or {@code -Dhearsay.app.<key>}.
 */
public final class EventInjectorApp implements GossipApplication
{
    public static final String NAME = "injector";
    public static final int MAX_COUNT_PER_CALL = 10_000;

    private final AtomicLong injected = new AtomicLong();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private ScheduledExecutorService scheduler;
    private Cluster cluster;
    private int payloadBytes;

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public void start(final Cluster cluster)
    {
        this.cluster = cluster;
        payloadBytes = intProperty("injector.payload.bytes", 16, 0, cluster.maxEventPayloadBytes());
        final int periodMs = intProperty("injector.period.ms", 0, 0, Integer.MAX_VALUE);
        final int count = intProperty("injector.count", 0, 0, Integer.MAX_VALUE);
        final int delayMs = intProperty("injector.delay.ms", 1_000, 0, Integer.MAX_VALUE);
        subscriptions.add(cluster.registerRoute(NAME, this::onApiRequest));
        subscriptions.add(cluster.onData(this::onData));
        if (periodMs > 0)
        {
            scheduler = Executors.newSingleThreadScheduledExecutor(r ->
            {
                final Thread t = new Thread(r, "injector-" + cluster.selfAddressText());
                t.setDaemon(true);
                return t;
            });
            scheduler.scheduleAtFixedRate(() ->
            {
                if (count > 0 && injected.get() >= count)
                {
                    scheduler.shutdown();
                    return;
                }
                injectOne();
            }, delayMs, periodMs, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop()
    {
        if (null != scheduler)
        {
            scheduler.shutdownNow();
        }
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }

    /** Events injected so far by this instance. */
    public long injected()
    {
        return injected.get();
    }

    /** Inject one event now. */
    public CompletableFuture<Event> injectOne()
    {
        final long n = injected.incrementAndGet();
        final byte[] payload = new byte[Math.max(payloadBytes, 0)];
        Arrays.fill(payload, (byte)'.');
        final byte[] head = ("inject " + n + " ").getBytes(StandardCharsets.US_ASCII);
        final byte[] bytes = payload.length >= head.length ? payload : new byte[head.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        return cluster.broadcast(bytes);
    }

    private void onData(final IncomingData data)
    {
        if ("inject".equals(data.dataAsString().trim()))
        {
            injectOne().thenAccept(e -> data.reply(cluster.addressText(e.id().origin()) + "/" + e.id().sequence()));
        }
    }

    private ApiResponse onApiRequest(final ApiRequest request)
    {
        if (!request.path().equals("/inject") || !request.method().equals("POST"))
        {
            return ApiResponse.json(404, Json.write(Map.of("error", "accepted: POST /v1/apps/injector/inject?count=N")));
        }
        final int count;
        try
        {
            count = Integer.parseInt(request.query().getOrDefault("count", "1"));
        }
        catch (final NumberFormatException ex)
        {
            return badCount(request.query().get("count"));
        }
        if (count < 1 || count > MAX_COUNT_PER_CALL)
        {
            return badCount(request.query().get("count"));
        }
        final List<Object> events = new ArrayList<>();
        try
        {
            for (int i = 0; i < count; i++)
            {
                final Event e = injectOne().get(5, TimeUnit.SECONDS);
                final Map<String, Object> event = new LinkedHashMap<>();
                event.put("origin", cluster.addressText(e.id().origin()));
                event.put("sequence", e.id().sequence());
                events.add(event);
            }
        }
        catch (final Exception ex)
        {
            return ApiResponse.json(503, Json.write(Map.of("error", "injection failed: " +
                ex.getClass().getSimpleName())));
        }
        return ApiResponse.json(200, Json.write(Map.of("events", events)));
    }

    private static ApiResponse badCount(final String value)
    {
        final Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", "count '" + value + "' is not accepted");
        error.put("field", "count");
        error.put("accepted", "an integer in 1.." + MAX_COUNT_PER_CALL);
        return ApiResponse.json(400, Json.write(error));
    }

    private int intProperty(final String key, final int defaultValue, final int min, final int max)
    {
        final String text = cluster.property(key, String.valueOf(defaultValue));
        try
        {
            final int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max)
            {
                return value;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new IllegalArgumentException(
            "application property " + key + " = '" + text + "' is not accepted; accepted: an integer in " + min + ".." + max);
    }
}
