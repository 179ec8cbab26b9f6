package io.hearsay.master.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hearsay.core.Addresses;
import io.hearsay.daemon.control.ControlClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The master's web dashboard over a {@link LiveCollector}: the page ({@code /}, assets from the uPlot WebJar under
 * {@code /assets/}), the latest view ({@code /api/view}), the member table by page ({@code /api/nodes}), live updates
 * as Server-Sent Events ({@code /events}), commands ({@code POST /api/inject}, {@code POST /api/fault}) through the
 * same control path as the CLI, and Prometheus {@code /metrics}. Commands need the token when one is configured.
 * Every error is a 4xx/5xx with a one-line plain-text message.
 */
public final class LiveDashboard implements AutoCloseable
{
    public static final int MAX_PAGE_SIZE = 500;
    public static final int MAX_STREAMS = 16;
    private static final String UPLOT = "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";

    /** A request the dashboard refuses: status and one-line message. */
    static final class HttpError extends Exception
    {
        final int status;

        HttpError(final int status, final String message)
        {
            super(message);
            this.status = status;
        }
    }

    private final LiveCollector collector;
    private final LiveMetrics metrics;
    private final String token;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(MAX_STREAMS + 8, r ->
    {
        final Thread t = new Thread(r, "dashboard-http");
        t.setDaemon(true);
        return t;
    });
    private final List<BlockingQueue<String>> streams = new CopyOnWriteArrayList<>();

    /** @param token null or empty: commands need no token (only allowed on loopback; the caller checks) */
    public LiveDashboard(final LiveCollector collector, final InetSocketAddress bind, final String token) throws IOException
    {
        this.collector = collector;
        this.metrics = new LiveMetrics(collector);
        this.token = token == null || token.isEmpty() ? null : token;
        server = HttpServer.create(bind, 64);
        server.createContext("/", this::onRequest);
        server.setExecutor(executor);
        collector.addListener(this::onSnapshot);
    }

    private static String uplotVersion()
    {
        try (InputStream in = LiveDashboard.class.getResourceAsStream(
            "/META-INF/maven/org.webjars.npm/uplot/pom.properties"))
        {
            final java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version");
        }
        catch (final IOException | NullPointerException ex)
        {
            return "1.6.30";
        }
    }

    public LiveDashboard start()
    {
        server.start();
        return this;
    }

    public InetSocketAddress address()
    {
        return server.getAddress();
    }

    private void onSnapshot(final LiveCollector.Snapshot snapshot)
    {
        if (streams.isEmpty())
        {
            return;
        }
        final String json;
        try
        {
            json = Json.MAPPER.writeValueAsString(view(snapshot));
        }
        catch (final IOException ex)
        {
            return;
        }
        for (final BlockingQueue<String> queue : streams)
        {
            while (!queue.offer(json))
            {
                queue.poll(); // a slow reader gets the newest views, not all of them
            }
        }
    }

    /** What the page shows, without the member table (paged separately): bounded in size whatever N is. */
    static Map<String, Object> view(final LiveCollector.Snapshot s)
    {
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("atMs", s.atMs());
        view.put("pollMs", s.pollMs());
        view.put("endpoints", s.endpoints());
        view.put("silentCount", s.silent().size());
        view.put("silent", s.silent().subList(0, Math.min(s.silent().size(), LiveCollector.SILENT_LISTED)));
        view.put("nodes", s.nodes().size());
        view.put("running", s.nodes().stream().filter(n -> n.state().equals("RUNNING")).count());
        view.put("heatMap", s.heatMap());
        view.put("disagreementCount", s.disagreementCount());
        final List<Map<String, Object>> disagreements = new ArrayList<>();
        for (final ViewMatrix.Disagreement d : s.disagreements())
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", d.kind().name());
            m.put("observer", Addresses.toString(d.observer()));
            m.put("member", Addresses.toString(d.member()));
            m.put("held", d.held().name());
            m.put("heldIncarnation", d.heldIncarnation());
            m.put("newestIncarnation", d.newestIncarnation());
            disagreements.add(m);
        }
        view.put("disagreements", disagreements);
        view.put("event", s.event());
        view.put("knowing", s.knowing());
        view.put("curve", s.curve());
        view.put("theory", s.theory());
        final List<LiveCollector.Sample> history = s.history();
        view.put("history", history.subList(Math.max(0, history.size() - 300), history.size()));
        view.put("timeline", s.timeline());
        view.put("reportsTotal", s.reportsTotal());
        view.put("viewEntries", s.viewEntries());
        view.put("droppedReports", s.droppedReports());
        view.put("cluster", s.cluster());
        return view;
    }

    private void onRequest(final HttpExchange exchange) throws IOException
    {
        try
        {
            final String path = exchange.getRequestURI().getPath();
            final String method = exchange.getRequestMethod();
            switch (path)
            {
                case "/", "/index.html" -> get(exchange, method, () -> send(exchange, 200, "text/html; charset=utf-8",
                    resource("io/hearsay/master/live/dashboard.html")));
                case "/assets/uPlot.iife.min.js" -> get(exchange, method, () -> send(exchange, 200,
                    "text/javascript; charset=utf-8", resource(UPLOT + "uPlot.iife.min.js")));
                case "/assets/uPlot.min.css" -> get(exchange, method, () -> send(exchange, 200, "text/css; charset=utf-8",
                    resource(UPLOT + "uPlot.min.css")));
                case "/api/view" -> get(exchange, method, () -> sendJson(exchange, view(collector.snapshot())));
                case "/api/nodes" -> get(exchange, method, () -> sendJson(exchange, nodes(query(exchange))));
                case "/api/matrix" -> get(exchange, method, () -> sendJson(exchange, matrix(query(exchange))));
                case "/events" -> get(exchange, method, () -> stream(exchange));
                case "/metrics" -> get(exchange, method, () ->
                {
                    final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    metrics.write(out);
                    send(exchange, 200, metrics.contentType(), out.toByteArray());
                });
                case "/api/inject" -> post(exchange, method, form -> inject(exchange, form));
                case "/api/fault" -> post(exchange, method, form -> fault(exchange, form));
                default -> throw new HttpError(404, "no such page: " + path);
            }
        }
        catch (final HttpError ex)
        {
            send(exchange, ex.status, "text/plain; charset=utf-8", (ex.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            // the client went away
        }
        catch (final RuntimeException ex)
        {
            send(exchange, 500, "text/plain; charset=utf-8",
                ("internal error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        finally
        {
            exchange.close();
        }
    }

    @FunctionalInterface
    private interface Action
    {
        void run() throws IOException, HttpError;
    }

    @FunctionalInterface
    private interface FormAction
    {
        void run(Map<String, String> form) throws IOException, HttpError;
    }

    private static void get(final HttpExchange exchange, final String method, final Action action) throws IOException, HttpError
    {
        if (!method.equals("GET") && !method.equals("HEAD"))
        {
            exchange.getResponseHeaders().set("Allow", "GET");
            throw new HttpError(405, method + " not allowed here; use GET");
        }
        action.run();
    }

    private void post(final HttpExchange exchange, final String method, final FormAction action) throws IOException, HttpError
    {
        if (!method.equals("POST"))
        {
            exchange.getResponseHeaders().set("Allow", "POST");
            throw new HttpError(405, method + " not allowed here; use POST");
        }
        final byte[] body = exchange.getRequestBody().readNBytes(16_385);
        if (body.length > 16_384)
        {
            throw new HttpError(413, "form larger than 16384 bytes");
        }
        final Map<String, String> form = parseForm(new String(body, StandardCharsets.UTF_8));
        if (token != null)
        {
            final String given = exchange.getRequestHeaders().getFirst("X-Hearsay-Token") != null ?
                exchange.getRequestHeaders().getFirst("X-Hearsay-Token") : form.getOrDefault("token", "");
            if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8)))
            {
                throw new HttpError(403, "commands need the dashboard's token (form field token or header X-Hearsay-Token)");
            }
        }
        action.run(form);
    }

    static Map<String, String> parseForm(final String body) throws HttpError
    {
        final Map<String, String> form = new HashMap<>();
        if (body.isBlank())
        {
            return form;
        }
        for (final String pair : body.split("&"))
        {
            final int eq = pair.indexOf('=');
            try
            {
                form.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new HttpError(400, "bad form encoding near '" + pair + "'");
            }
        }
        return form;
    }

    private static Map<String, String> query(final HttpExchange exchange) throws HttpError
    {
        final String q = exchange.getRequestURI().getRawQuery();
        return parseForm(q == null ? "" : q);
    }

    private static long nodeOf(final Map<String, String> form) throws HttpError
    {
        final String node = form.getOrDefault("node", "").trim();
        if (node.isEmpty() || node.equals("any") || node.equals("all"))
        {
            return 0;
        }
        try
        {
            return Addresses.parse(node);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new HttpError(400, "node '" + node + "': expected a.b.c.d:port, or empty for any/all");
        }
    }

    private static int intParam(final Map<String, String> q, final String name, final int fallback, final int min, final int max)
        throws HttpError
    {
        final String text = q.get(name);
        if (text == null || text.isEmpty())
        {
            return fallback;
        }
        try
        {
            final int value = Integer.parseInt(text);
            if (value < min || value > max)
            {
                throw new NumberFormatException();
            }
            return value;
        }
        catch (final NumberFormatException ex)
        {
            throw new HttpError(400, name + "=" + text + ": expected an integer in [" + min + ", " + max + "]");
        }
    }

    private static final Map<String, Comparator<NodeRow>> SORTS = Map.ofEntries(
        Map.entry("node", Comparator.comparingLong(NodeRow::address)),
        Map.entry("state", Comparator.comparing(NodeRow::state)),
        Map.entry("incarnation", Comparator.comparingLong(NodeRow::incarnation)),
        Map.entry("health", Comparator.comparingInt(NodeRow::healthScore)),
        Map.entry("alive", Comparator.comparingInt(NodeRow::alive)),
        Map.entry("suspect", Comparator.comparingInt(NodeRow::suspect)),
        Map.entry("dead", Comparator.comparingInt(NodeRow::dead)),
        Map.entry("events", Comparator.comparingLong(NodeRow::eventsLearned)),
        Map.entry("rate", Comparator.comparingDouble(NodeRow::datagramsPerSecond)),
        Map.entry("drops", Comparator.comparingLong(NodeRow::drops)),
        Map.entry("rtt", Comparator.comparingLong(NodeRow::probeRttP50Us)));

    /** @return the comparator of a sort column; the error names the accepted ones */
    public static Comparator<NodeRow> sortOf(final String column)
    {
        final Comparator<NodeRow> sort = SORTS.get(column);
        if (sort == null)
        {
            throw new IllegalArgumentException("sort '" + column + "'; accepted: " + new java.util.TreeSet<>(SORTS.keySet()));
        }
        return sort;
    }

    private Map<String, Object> nodes(final Map<String, String> q) throws HttpError
    {
        final int size = intParam(q, "size", 50, 1, MAX_PAGE_SIZE);
        final int page = intParam(q, "page", 0, 0, Integer.MAX_VALUE);
        Comparator<NodeRow> sort;
        try
        {
            sort = sortOf(q.getOrDefault("sort", "node"));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new HttpError(400, ex.getMessage());
        }
        if ("true".equals(q.get("desc")))
        {
            sort = sort.reversed();
        }
        final List<NodeRow> all = new ArrayList<>(collector.snapshot().nodes());
        all.sort(sort.thenComparingLong(NodeRow::address));
        final Map<String, Object> result = new LinkedHashMap<>();
        result.put("total", all.size());
        result.put("page", page);
        result.put("size", size);
        result.put("nodes", all.subList(Math.min(all.size(), page * size), Math.min(all.size(), (page + 1) * size)));
        return result;
    }

    /** A drill-down into the view matrix: rowFrom, rowTo, colFrom, colTo (indices of the sorted node list). */
    private Object matrix(final Map<String, String> q) throws HttpError
    {
        final int nodes = collector.snapshot().heatMap().nodes();
        final int rowFrom = intParam(q, "rowFrom", 0, 0, Integer.MAX_VALUE);
        final int rowTo = intParam(q, "rowTo", nodes, 0, Integer.MAX_VALUE);
        final int colFrom = intParam(q, "colFrom", 0, 0, Integer.MAX_VALUE);
        final int colTo = intParam(q, "colTo", nodes, 0, Integer.MAX_VALUE);
        if (rowFrom == 0 && colFrom == 0 && rowTo == nodes && colTo == nodes)
        {
            return collector.snapshot().heatMap();
        }
        try
        {
            return collector.drillDown(rowFrom, rowTo, colFrom, colTo);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new HttpError(400, ex.getMessage());
        }
    }

    private void inject(final HttpExchange exchange, final Map<String, String> form) throws IOException, HttpError
    {
        final long node = nodeOf(form);
        final String payload = form.getOrDefault("payload", "").isEmpty() ? "from the dashboard" : form.get("payload");
        if (payload.length() > 1000)
        {
            throw new HttpError(400, "payload of " + payload.length() + " characters; accepted: at most 1000");
        }
        final ControlClient.Ack ack;
        try
        {
            ack = collector.inject(node, payload);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new HttpError(400, ex.getMessage());
        }
        catch (final IOException ex)
        {
            throw new HttpError(502, ex.getMessage());
        }
        if (!ack.ok())
        {
            throw new HttpError(409, "inject refused: " + ack.message());
        }
        sendJson(exchange, Map.of("ok", true, "event", collector.trackedEvent()));
    }

    private void fault(final HttpExchange exchange, final Map<String, String> form) throws IOException, HttpError
    {
        final long node = nodeOf(form);
        final String action = form.getOrDefault("action", "");
        final List<ControlClient.Ack> acks;
        try
        {
            switch (action)
            {
                case "apply" ->
                {
                    final String spec = form.getOrDefault("spec", "").trim();
                    if (spec.isEmpty())
                    {
                        throw new HttpError(400, "fault spec is empty; e.g. loss p=0.2 or delay dist=50ms (the fault grammar: ./hearsay fault)");
                    }
                    acks = collector.impair(node, spec);
                }
                case "heal" -> acks = collector.heal(node);
                default -> throw new HttpError(400, "action '" + action + "'; accepted: apply, heal");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw new HttpError(400, ex.getMessage());
        }
        catch (final IOException ex)
        {
            throw new HttpError(502, ex.getMessage());
        }
        for (final ControlClient.Ack ack : acks)
        {
            if (!ack.ok())
            {
                throw new HttpError(400, "refused by the daemon: " + ack.message());
            }
        }
        sendJson(exchange, Map.of("ok", true, "nodes", acks.stream().mapToInt(ControlClient.Ack::nodes).sum()));
    }

    private void stream(final HttpExchange exchange) throws IOException, HttpError
    {
        if (streams.size() >= MAX_STREAMS)
        {
            throw new HttpError(503, "too many live streams open (" + MAX_STREAMS + "); close a dashboard tab");
        }
        final BlockingQueue<String> queue = new ArrayBlockingQueue<>(4);
        queue.offer(Json.MAPPER.writeValueAsString(view(collector.snapshot())));
        streams.add(queue);
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody())
        {
            while (!Thread.currentThread().isInterrupted())
            {
                final String json = queue.poll(15, TimeUnit.SECONDS);
                out.write((json == null ? ": keep-alive\n\n" : "event: view\ndata: " + json + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            streams.remove(queue);
        }
    }

    private static byte[] resource(final String name) throws HttpError
    {
        try (InputStream in = LiveDashboard.class.getClassLoader().getResourceAsStream(name))
        {
            if (in == null)
            {
                throw new HttpError(500, "resource " + name + " missing from the jar");
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new HttpError(500, "cannot read resource " + name + ": " + ex.getMessage());
        }
    }

    private static void sendJson(final HttpExchange exchange, final Object value) throws IOException
    {
        send(exchange, 200, "application/json", Json.MAPPER.writeValueAsBytes(value));
    }

    private static void send(final HttpExchange exchange, final int status, final String type, final byte[] body)
        throws IOException
    {
        exchange.getResponseHeaders().set("Content-Type", type);
        final boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head)
        {
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(body);
            }
        }
    }

    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }
}
