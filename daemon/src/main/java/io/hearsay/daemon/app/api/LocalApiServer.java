package io.hearsay.daemon.app.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hearsay.daemon.app.ApplicationHost;
import io.hearsay.core.Addresses;
import io.hearsay.records.run.Json;
import io.hearsay.spi.ApiRequest;
import io.hearsay.spi.ApiResponse;
import io.hearsay.spi.ApiRoute;
import io.hearsay.spi.Event;
import io.hearsay.spi.EventId;
import io.hearsay.spi.Member;
import io.hearsay.spi.PayloadTooLargeException;
import io.hearsay.spi.RequestTimeoutException;
import io.hearsay.spi.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.hearsay.daemon.app.api.NodeEndpoint.NODES;

/**
 * The local API: one HTTP server per process, on loopback only. Node-scoped routes live under
 * {@code /v1/nodes/<index or a.b.c.d:port>/...}; the same routes without that prefix address the first node.
 * <pre>
 * GET  /v1/nodes                                  hosted nodes
 * GET  /v1/members                                this node's member table
 * POST /v1/events    {"payload": "text"} | {"payload_base64": "..."}             broadcast an event
 * POST /v1/requests  {"to": "a.b.c.d:port", "data": "...", "timeout_ms": 1000}   request/response
 * POST /v1/send      {"to": "a.b.c.d:port", "data": "..."}                       one-way data
 * POST /v1/replies   {"to": "a.b.c.d:port", "correlation_id": 7, "data": "..."}  answer an incoming request
 * GET  /v1/inbox?after=N&amp;timeout_ms=T&amp;max=M&amp;types=event,data,member    long-poll notices after N
 * GET  /v1/stream?types=...                     the same as server-sent events
 * GET  /v1/knows?origin=a.b.c.d:port&amp;sequence=S does this node know the event?
 * GET  /v1/counters                             the host's counters
 * ANY  /v1/apps/&lt;name&gt;/...                    an application's own routes
 * </pre>
 * Each node's inbox keeps its last {@value #INBOX_CAPACITY} notices, recorded from the start when the process hosts
 * at most {@value #EAGER_INBOX_NODES} nodes, else from the first time a client asks for that node's inbox or stream
 * (so a process of a thousand nodes copies events only for the nodes someone reads).
 * <p>
 * Hostile clients (a web page in the user's browser, a local process): a request whose Host is not a loopback name
 * or whose Origin is not a loopback origin gets 403 (so a foreign page cannot post events); a body over
 * {@value #MAX_BODY_BYTES} bytes gets 413 and is never read whole; a request must arrive within
 * {@value #REQUEST_READ_TIMEOUT_S} s (headers and body) and an idle connection closes after
 * {@value #IDLE_TIMEOUT_S} s; at most {@value #WORKER_THREADS} requests run at once (the rest wait their turn); no
 * input produces a stack trace, an unexpected failure answers 500 with one line.
 */
public final class LocalApiServer implements AutoCloseable
{
    public static final int INBOX_CAPACITY = 4096;
    /** up to this many hosted nodes, every node's inbox records from the start; beyond, from its first reader */
    public static final int EAGER_INBOX_NODES = 16;
    public static final long MAX_WAIT_MS = 60_000;
    private static final long SSE_KEEPALIVE_MS = 15_000;
    private static final Set<String> NOTICE_TYPES = Set.of("event", "data", "member");
    /** the largest request body read; larger ones get 413 */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** a refused body up to this size is read and discarded (so the client gets the 413), never kept */
    public static final int MAX_DRAIN_BYTES = 8 << 20;
    public static final int REQUEST_READ_TIMEOUT_S = 10;
    public static final int IDLE_TIMEOUT_S = 30;
    /** requests served at once (long polls and streams included); the rest queue */
    public static final int WORKER_THREADS = 64;
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

    static
    {
        // read once, when the JDK server's classes load: a request's headers and body must arrive within the read
        // timeout (half-sent requests are closed), idle keep-alive connections close after the idle timeout
        if (null == System.getProperty("sun.net.httpserver.maxReqTime"))
        {
            System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(REQUEST_READ_TIMEOUT_S));
        }
        if (null == System.getProperty("sun.net.httpserver.idleInterval"))
        {
            System.setProperty("sun.net.httpserver.idleInterval", Integer.toString(IDLE_TIMEOUT_S));
        }
        if (null == System.getProperty("sun.net.httpserver.maxReqHeaders"))
        {
            System.setProperty("sun.net.httpserver.maxReqHeaders", "100");
        }
        // the JDK server writes the headers and the body separately: without TCP_NODELAY, Nagle's algorithm and
        // the client's delayed ACK hold every small response for ~40 ms (read once, when the server class loads)
        if (null == System.getProperty("sun.net.httpserver.nodelay"))
        {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<NodeEndpoint> nodes = new ArrayList<>();
    private volatile boolean closed;

    /**
     * Start serving on {@code bindAddress:port} (port 0: any free port).
     *
     * @throws IllegalArgumentException if the address is not a loopback address or the hosts list is empty
     */
    public LocalApiServer(final InetAddress bindAddress, final int port, final List<ApplicationHost> hosts)
    {
        if (!bindAddress.isLoopbackAddress())
        {
            throw new IllegalArgumentException(
                "local API address " + bindAddress.getHostAddress() + " is not accepted; accepted: a loopback address");
        }
        if (port < 0 || port > 65535)
        {
            throw new IllegalArgumentException("local API port " + port + " is out of range; accepted: 0..65535");
        }
        if (hosts.isEmpty())
        {
            throw new IllegalArgumentException("the local API needs at least one hosted node");
        }
        for (int i = 0; i < hosts.size(); i++)
        {
            nodes.add(new NodeEndpoint(i, hosts.get(i), INBOX_CAPACITY));
        }
        if (hosts.size() <= EAGER_INBOX_NODES)
        {
            nodes.forEach(NodeEndpoint::inbox);
        }
        try
        {
            server = HttpServer.create(new InetSocketAddress(bindAddress, port), 64);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot bind the local API to " + bindAddress.getHostAddress() + ":" + port, ex);
        }
        executor = Executors.newFixedThreadPool(WORKER_THREADS, r ->
        {
            final Thread t = new Thread(r, "hearsay-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::onExchange);
        server.start();
    }

    /** Start on 127.0.0.1. */
    public static LocalApiServer start(final int port, final List<ApplicationHost> hosts)
    {
        return new LocalApiServer(InetAddress.getLoopbackAddress(), port, hosts);
    }

    public int port()
    {
        return server.getAddress().getPort();
    }

    @Override
    public void close()
    {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }

    private void onExchange(final HttpExchange exchange) throws IOException
    {
        try
        {
            checkOrigin(exchange);
            route(exchange);
        }
        catch (final ApiException ex)
        {
            sendJson(exchange, ex.status, ex.toJson());
        }
        catch (final PayloadTooLargeException ex)
        {
            sendJson(exchange, 400, new ApiException(400, ex.getMessage(), "payload", "at most " + ex.limit() + " bytes").toJson());
        }
        catch (final IOException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            sendJson(exchange, 500, new ApiException(500, "internal error: " + ex.getClass().getSimpleName() +
                (ex.getMessage() == null ? "" : ": " + ex.getMessage()), null, null).toJson());
        }
        catch (final Exception ex)
        {
            sendJson(exchange, 500, new ApiException(500, "internal error: " + ex.getMessage(), null, null).toJson());
        }
        finally
        {
            exchange.close();
        }
    }

    /**
     * Only loopback clients of a loopback name: the Host header must name a loopback host (DNS rebinding), and an
     * Origin header, when a browser sends one, a loopback origin (a foreign web page posting to us).
     */
    static void checkOrigin(final HttpExchange exchange)
    {
        final String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !LOOPBACK_HOSTS.contains(hostName(host)))
        {
            throw new ApiException(403, "Host " + host + " is not accepted", "Host", "127.0.0.1, localhost or [::1]");
        }
        final String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && !isLoopbackOrigin(origin))
        {
            throw new ApiException(403, "Origin " + origin + " is not accepted", "Origin",
                "http://127.0.0.1, http://localhost or http://[::1] (any port), or none");
        }
    }

    private static String hostName(final String hostHeader)
    {
        final String h = hostHeader.trim().toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("["))
        {
            final int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        final int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static boolean isLoopbackOrigin(final String origin)
    {
        final String o = origin.trim().toLowerCase(java.util.Locale.ROOT);
        return o.startsWith("http://") && LOOPBACK_HOSTS.contains(hostName(o.substring("http://".length())));
    }

    private void route(final HttpExchange exchange) throws IOException
    {
        final String path = exchange.getRequestURI().getRawPath();
        if (!path.startsWith("/v1/"))
        {
            throw new ApiException(404, "no route " + path, "path", "/v1/...");
        }
        String rest = path.substring("/v1/".length());
        NodeEndpoint node = nodes.get(0);
        if (rest.equals("nodes"))
        {
            requireMethod(exchange, "GET");
            sendJson(exchange, 200, nodesJson());
            return;
        }
        if (rest.startsWith("nodes/"))
        {
            final String afterNodes = rest.substring("nodes/".length());
            final int slash = afterNodes.indexOf('/');
            final String selector = decode(slash < 0 ? afterNodes : afterNodes.substring(0, slash));
            node = selectNode(selector);
            rest = slash < 0 ? "" : afterNodes.substring(slash + 1);
        }
        final Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
        if (rest.startsWith("apps/"))
        {
            onAppRoute(exchange, node, rest.substring("apps/".length()), query);
            return;
        }
        switch (rest)
        {
            case "members":
                requireMethod(exchange, "GET");
                sendJson(exchange, 200, membersJson(node));
                break;
            case "events":
                requireMethod(exchange, "POST");
                onBroadcast(exchange, node);
                break;
            case "requests":
                requireMethod(exchange, "POST");
                onRequest(exchange, node);
                break;
            case "send":
                requireMethod(exchange, "POST");
                onSend(exchange, node);
                break;
            case "replies":
                requireMethod(exchange, "POST");
                onReply(exchange, node);
                break;
            case "inbox":
                requireMethod(exchange, "GET");
                onInbox(exchange, node, query);
                break;
            case "stream":
                requireMethod(exchange, "GET");
                onStream(exchange, node, query);
                break;
            case "knows":
                requireMethod(exchange, "GET");
                onKnows(exchange, node, query);
                break;
            case "counters":
                requireMethod(exchange, "GET");
                sendJson(exchange, 200, countersJson(node));
                break;
            default:
                throw new ApiException(404, "no route /v1/" + rest, "path",
                    "/v1/[nodes/<index|a.b.c.d:port>/]{members,events,requests,send,replies,inbox,stream,knows,counters,apps/<name>}");
        }
    }

    private NodeEndpoint selectNode(final String selector)
    {
        if (selector.indexOf(':') >= 0)
        {
            final long address = parseAddress("node", selector);
            for (final NodeEndpoint n : nodes)
            {
                if (n.host.cluster().selfAddress() == address)
                {
                    return n;
                }
            }
            throw new ApiException(404, "no hosted node " + selector, "node", "a hosted node's index or address (see /v1/nodes)");
        }
        try
        {
            final int index = Integer.parseInt(selector);
            if (index >= 0 && index < nodes.size())
            {
                return nodes.get(index);
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new ApiException(404, "no hosted node '" + selector + "'", "node",
            "an index 0.." + (nodes.size() - 1) + " or a hosted node's a.b.c.d:port");
    }

    private void onBroadcast(final HttpExchange exchange, final NodeEndpoint node) throws IOException
    {
        final Map<String, Object> body = readJsonObject(exchange);
        final byte[] payload = bytesField(body, "payload", true);
        final Event event = await(node.cluster().broadcast(payload), 5_000, "broadcast");
        sendJson(exchange, 200, NODES.objectNode()
            .put("origin", Addresses.toString(event.id().origin()))
            .put("sequence", event.id().sequence())
            .put("created_wall_ns", event.createdWallNs()));
    }

    private void onRequest(final HttpExchange exchange, final NodeEndpoint node) throws IOException
    {
        final Map<String, Object> body = readJsonObject(exchange);
        final long to = parseAddress("to", stringField(body, "to", "a member address a.b.c.d:port"));
        final byte[] data = bytesField(body, "data", true);
        final long timeoutMs = longField(body, "timeout_ms", 1_000, 1, MAX_WAIT_MS);
        final Response response;
        try
        {
            response = await(node.cluster().request(to, data, timeoutMs), timeoutMs + 5_000, "request");
        }
        catch (final ApiException ex)
        {
            if (ex.getCause() instanceof RequestTimeoutException)
            {
                throw new ApiException(504, ex.getCause().getMessage(), "timeout_ms", "a longer timeout, or a member that answers");
            }
            throw ex;
        }
        sendJson(exchange, 200, NodeEndpoint.putBytes(NODES.objectNode()
            .put("from", Addresses.toString(response.fromAddress()))
            .put("correlation_id", response.correlationId()), "data", response.data()));
    }

    private void onSend(final HttpExchange exchange, final NodeEndpoint node) throws IOException
    {
        final Map<String, Object> body = readJsonObject(exchange);
        final long to = parseAddress("to", stringField(body, "to", "a member address a.b.c.d:port"));
        node.cluster().send(to, bytesField(body, "data", true));
        sendJson(exchange, 202, NODES.objectNode().put("queued", true));
    }

    private void onReply(final HttpExchange exchange, final NodeEndpoint node) throws IOException
    {
        final Map<String, Object> body = readJsonObject(exchange);
        final long to = parseAddress("to", stringField(body, "to", "the requester's address a.b.c.d:port (the notice's 'from')"));
        final long correlationId = longField(body, "correlation_id", Long.MIN_VALUE, 0, Long.MAX_VALUE);
        node.host.respond(to, correlationId, bytesField(body, "data", true));
        sendJson(exchange, 202, NODES.objectNode().put("queued", true));
    }

    private void onInbox(final HttpExchange exchange, final NodeEndpoint node, final Map<String, String> query)
        throws IOException
    {
        final ApiInbox inbox = node.inbox();
        final long after = queryLong(query, "after", inbox.head(), 0, Long.MAX_VALUE);
        final long timeoutMs = queryLong(query, "timeout_ms", 0, 0, MAX_WAIT_MS);
        final int max = (int)queryLong(query, "max", 256, 1, INBOX_CAPACITY);
        final Set<String> types = queryTypes(query);
        final ApiInbox.Batch batch;
        try
        {
            batch = inbox.poll(after, max, System.currentTimeMillis() + timeoutMs, types);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "the local API is stopping", null, null);
        }
        final ObjectNode json = NODES.objectNode().put("next", batch.next()).put("missed", batch.missed());
        final ArrayNode items = json.putArray("items");
        for (final ApiInbox.Notice notice : batch.notices())
        {
            items.add(notice.numbered());
        }
        sendJson(exchange, 200, json);
    }

    private void onStream(final HttpExchange exchange, final NodeEndpoint node, final Map<String, String> query)
        throws IOException
    {
        final ApiInbox inbox = node.inbox();
        long after = queryLong(query, "after", inbox.head(), 0, Long.MAX_VALUE);
        final Set<String> types = queryTypes(query);
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        final OutputStream out = exchange.getResponseBody();
        try
        {
            while (!closed)
            {
                final ApiInbox.Batch batch = inbox.poll(after, 256, System.currentTimeMillis() + SSE_KEEPALIVE_MS, types);
                after = batch.next();
                final StringBuilder sb = new StringBuilder();
                if (batch.notices().isEmpty())
                {
                    sb.append(": keepalive\n\n");
                }
                for (final ApiInbox.Notice notice : batch.notices())
                {
                    sb.append("id: ").append(notice.sequence()).append("\nevent: ").append(notice.type())
                        .append("\ndata: ").append(Json.write(notice.numbered())).append("\n\n");
                }
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final IOException ex)
        {
            // the client went away
        }
    }

    private void onKnows(final HttpExchange exchange, final NodeEndpoint node, final Map<String, String> query)
        throws IOException
    {
        final String originText = query.get("origin");
        if (null == originText)
        {
            throw ApiException.badField("origin", null, "the event's origin a.b.c.d:port");
        }
        final long origin = parseAddress("origin", originText);
        final long sequence = queryLong(query, "sequence", Long.MIN_VALUE, 0, Long.MAX_VALUE);
        final boolean known = await(node.cluster().knowsEvent(new EventId(origin, sequence)), 5_000, "knows");
        sendJson(exchange, 200, NODES.objectNode().put("known", known));
    }

    private void onAppRoute(
        final HttpExchange exchange, final NodeEndpoint node, final String rest, final Map<String, String> query)
        throws IOException
    {
        final int slash = rest.indexOf('/');
        final String name = slash < 0 ? rest : rest.substring(0, slash);
        final ApiRoute route = node.host.route(name);
        if (null == route)
        {
            throw new ApiException(404, "no application route '" + name + "' on this node", "path",
                "/v1/apps/<name>/... with name one of " + node.host.routeNames());
        }
        final String subPath = slash < 0 ? "" : decode(rest.substring(slash));
        final ApiResponse response = route.handle(
            new ApiRequest(exchange.getRequestMethod().toUpperCase(), subPath, query, readBody(exchange)));
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        send(exchange, response.status(), response.body());
    }

    private ObjectNode nodesJson()
    {
        final ObjectNode json = NODES.objectNode();
        final ArrayNode array = json.putArray("nodes");
        for (final NodeEndpoint n : nodes)
        {
            final ArrayNode applications = array.addObject().put("index", n.index)
                .put("address", n.cluster().selfAddressText())
                .putArray("applications");
            n.host.applications().forEach(app -> applications.add(app.name()));
        }
        return json;
    }

    private static ObjectNode membersJson(final NodeEndpoint node)
    {
        final ObjectNode json = NODES.objectNode().put("self", node.cluster().selfAddressText())
            .put("live", node.cluster().liveMemberCount());
        final ArrayNode members = json.putArray("members");
        for (final Member m : node.cluster().members())
        {
            members.addObject().put("address", m.addressText()).put("status", m.status().name())
                .put("incarnation", m.incarnation());
        }
        return json;
    }

    private static ObjectNode countersJson(final NodeEndpoint node)
    {
        final var c = node.host.counters();
        return NODES.objectNode().put("callbacks_dropped", c.callbacksDropped.get()).put("callback_errors", c.callbackErrors.get())
            .put("commands_refused", c.commandsRefused.get()).put("command_errors", c.commandErrors.get())
            .put("commands_executed", c.commandsExecuted.get()).put("responses_unmatched", c.responsesUnmatched.get())
            .put("requests_timed_out", c.requestsTimedOut.get()).put("data_unhandled", c.dataUnhandled.get());
    }

    // ---------------------------------------------------------------- request parsing

    private static <T> T await(final java.util.concurrent.CompletableFuture<T> future, final long waitMs, final String what)
    {
        try
        {
            return future.get(waitMs, TimeUnit.MILLISECONDS);
        }
        catch (final ExecutionException ex)
        {
            final Throwable cause = ex.getCause();
            if (cause instanceof IllegalArgumentException)
            {
                throw new ApiException(400, cause.getMessage(), null, null);
            }
            final ApiException api = new ApiException(502, what + " failed: " + cause.getMessage(), null, null);
            api.initCause(cause);
            throw api;
        }
        catch (final TimeoutException ex)
        {
            throw new ApiException(504, what + " got no answer from the node within " + waitMs + " ms", null, null);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "the local API is stopping", null, null);
        }
    }

    private static void requireMethod(final HttpExchange exchange, final String method)
    {
        if (!exchange.getRequestMethod().equalsIgnoreCase(method))
        {
            throw new ApiException(405, "method " + exchange.getRequestMethod() + " is not accepted here", "method", method);
        }
    }

    /** the body, at most {@value #MAX_BODY_BYTES} bytes (413 beyond, without reading the rest) */
    static byte[] readBody(final HttpExchange exchange) throws IOException
    {
        final String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null)
        {
            final long length;
            try
            {
                length = Long.parseLong(declared.trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new ApiException(400, "Content-Length " + declared + " is not a number", "Content-Length",
                    "0.." + MAX_BODY_BYTES);
            }
            if (length > MAX_BODY_BYTES)
            {
                if (length <= MAX_DRAIN_BYTES)
                {
                    drain(exchange);
                }
                throw new ApiException(413, "body of " + length + " bytes is too large", "body",
                    "at most " + MAX_BODY_BYTES + " bytes");
            }
        }
        try (InputStream in = exchange.getRequestBody())
        {
            final byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES)
            {
                drain(exchange);
                throw new ApiException(413, "body of more than " + MAX_BODY_BYTES + " bytes is too large", "body",
                    "at most " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }

    /**
     * Read and discard a refused body, at most {@value #MAX_DRAIN_BYTES} bytes, so the client (still sending) receives
     * the 413 instead of a connection reset; a larger one is not read, the connection just closes.
     */
    private static void drain(final HttpExchange exchange) throws IOException
    {
        final byte[] scratch = new byte[16_384];
        final InputStream in = exchange.getRequestBody();
        long drained = 0;
        int read;
        while (drained < MAX_DRAIN_BYTES && (read = in.read(scratch)) > 0)
        {
            drained += read;
        }
        exchange.getResponseHeaders().set("Connection", "close");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readJsonObject(final HttpExchange exchange) throws IOException
    {
        final String text = new String(readBody(exchange), StandardCharsets.UTF_8);
        final Object parsed;
        try
        {
            parsed = Json.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ApiException(400, "the body is not JSON: " + ex.getMessage(), "body", "a JSON object");
        }
        if (!(parsed instanceof Map))
        {
            throw new ApiException(400, "the body is not a JSON object", "body", "a JSON object");
        }
        return (Map<String, Object>)parsed;
    }

    private static String stringField(final Map<String, Object> body, final String name, final String accepted)
    {
        final Object value = body.get(name);
        if (!(value instanceof String))
        {
            throw ApiException.badField(name, value, accepted);
        }
        return (String)value;
    }

    /** {@code name} (UTF-8 text) or {@code name_base64}. */
    private static byte[] bytesField(final Map<String, Object> body, final String name, final boolean required)
    {
        final Object text = body.get(name);
        final Object base64 = body.get(name + "_base64");
        final String accepted = "a string '" + name + "' (sent as UTF-8) or '" + name + "_base64'";
        if (text instanceof String)
        {
            return ((String)text).getBytes(StandardCharsets.UTF_8);
        }
        if (base64 instanceof String)
        {
            try
            {
                return Base64.getDecoder().decode((String)base64);
            }
            catch (final IllegalArgumentException ex)
            {
                throw ApiException.badField(name + "_base64", "'" + base64 + "'", "standard base64");
            }
        }
        if (null != text || null != base64 || required)
        {
            throw ApiException.badField(name, null == text ? base64 : text, accepted);
        }
        return new byte[0];
    }

    private static long longField(
        final Map<String, Object> body, final String name, final long defaultValue, final long min, final long max)
    {
        final Object value = body.get(name);
        final String accepted = "an integer in " + min + ".." + max;
        if (null == value)
        {
            if (defaultValue == Long.MIN_VALUE)
            {
                throw ApiException.badField(name, null, accepted);
            }
            return defaultValue;
        }
        if (!(value instanceof Long) || (Long)value < min || (Long)value > max)
        {
            throw ApiException.badField(name, value, accepted);
        }
        return (Long)value;
    }

    private static long queryLong(
        final Map<String, String> query, final String name, final long defaultValue, final long min, final long max)
    {
        final String value = query.get(name);
        final String accepted = "an integer in " + min + ".." + max;
        if (null == value)
        {
            if (defaultValue == Long.MIN_VALUE)
            {
                throw ApiException.badField(name, null, accepted);
            }
            return defaultValue;
        }
        try
        {
            final long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max)
            {
                return parsed;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw ApiException.badField(name, "'" + value + "'", accepted);
    }

    private static Set<String> queryTypes(final Map<String, String> query)
    {
        final String value = query.get("types");
        if (null == value || value.isEmpty())
        {
            return null;
        }
        final Set<String> types = new HashSet<>(Arrays.asList(value.split(",")));
        if (!NOTICE_TYPES.containsAll(types))
        {
            throw ApiException.badField("types", "'" + value + "'", "a comma list of event, data, member");
        }
        return types;
    }

    private static long parseAddress(final String field, final String text)
    {
        try
        {
            return Addresses.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ApiException(400, ex.getMessage(), field, "a.b.c.d:port");
        }
    }

    private static Map<String, String> parseQuery(final String rawQuery)
    {
        final Map<String, String> query = new HashMap<>();
        if (null != rawQuery && !rawQuery.isEmpty())
        {
            for (final String pair : rawQuery.split("&"))
            {
                final int eq = pair.indexOf('=');
                if (eq < 0)
                {
                    query.put(decode(pair), "");
                }
                else
                {
                    query.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
        }
        return query;
    }

    private static String decode(final String text)
    {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static void sendJson(final HttpExchange exchange, final int status, final ObjectNode json) throws IOException
    {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, status, Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(final HttpExchange exchange, final int status, final byte[] body) throws IOException
    {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0)
        {
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(body);
            }
        }
    }
}
