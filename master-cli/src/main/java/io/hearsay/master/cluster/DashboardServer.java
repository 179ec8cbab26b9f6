package io.hearsay.master.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hearsay.daemon.control.ControlClient;
import io.hearsay.core.Addresses;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The master's dashboard: polls every daemon process's REPORT over the control port once a period and serves the
 * latest table of node states as HTML ({@code /}, refreshing itself) and JSON ({@code /nodes.json}).
 */
public final class DashboardServer implements AutoCloseable
{
    /** One row of the table. */
    public record Row(String container, long node, String state, long incarnation, int round, int liveMembers,
        int eventsKnown, long sent, long received, long dropped)
    {
    }

    private final ClusterState state;
    private final ControlPorts control = new ControlPorts();
    private final AtomicReference<List<Row>> rows = new AtomicReference<>(List.of());
    private final AtomicReference<String> silent = new AtomicReference<>("");
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final HttpServer server;
    private volatile long polledAtMs;

    public DashboardServer(final ClusterState state, final int port) throws IOException
    {
        this.state = state;
        server = HttpServer.create(new InetSocketAddress(port), 16);
        server.createContext("/nodes.json", this::onJson);
        server.createContext("/", this::onHtml);
        server.setExecutor(Executors.newSingleThreadExecutor());
    }

    public void start()
    {
        server.start();
    }

    /** Asks every process for its nodes' reports; processes that do not answer are listed as silent. */
    public void poll()
    {
        final List<Future<List<Row>>> answers = new ArrayList<>();
        for (final ContainerSlot slot : state.plan().slots())
        {
            answers.add(pool.submit(() ->
            {
                final List<Row> list = new ArrayList<>();
                try
                {
                    for (final ControlClient.NodeReport r : control.client(slot).report(0, false, 0, 0))
                    {
                        list.add(new Row(slot.label(), r.nodeAddress(), r.state().name(), r.incarnation(), r.round(),
                            r.liveMembers(), r.eventsKnown(), r.messagesSent(), r.messagesReceived(), r.packetsDropped()));
                    }
                }
                catch (final IOException | RuntimeException ex)
                {
                    list.add(new Row(slot.label(), 0, "SILENT", 0, 0, 0, 0, 0, 0, 0));
                }
                return list;
            }));
        }
        final List<Row> all = new ArrayList<>();
        final StringBuilder quiet = new StringBuilder();
        for (final Future<List<Row>> f : answers)
        {
            try
            {
                for (final Row row : f.get())
                {
                    if (row.node() == 0)
                    {
                        quiet.append(quiet.length() == 0 ? "" : ",").append(row.container());
                    }
                    else
                    {
                        all.add(row);
                    }
                }
            }
            catch (final Exception ex)
            {
                quiet.append("?");
            }
        }
        rows.set(all);
        silent.set(quiet.toString());
        polledAtMs = System.currentTimeMillis();
    }

    public List<Row> rows()
    {
        return rows.get();
    }

    private void onJson(final HttpExchange exchange) throws IOException
    {
        final StringBuilder json = new StringBuilder("{\"polled_at_ms\":").append(polledAtMs).append(",\"nodes\":[");
        boolean first = true;
        for (final Row r : rows.get())
        {
            json.append(first ? "" : ",").append("{\"container\":\"").append(r.container()).append("\",\"node\":\"")
                .append(Addresses.toString(r.node())).append("\",\"state\":\"").append(r.state())
                .append("\",\"incarnation\":").append(r.incarnation()).append(",\"round\":").append(r.round())
                .append(",\"live_members\":").append(r.liveMembers()).append(",\"events_known\":").append(r.eventsKnown())
                .append(",\"sent\":").append(r.sent()).append(",\"received\":").append(r.received())
                .append(",\"dropped\":").append(r.dropped()).append('}');
            first = false;
        }
        json.append("],\"silent\":\"").append(silent.get()).append("\"}");
        send(exchange, "application/json", json.toString());
    }

    private void onHtml(final HttpExchange exchange) throws IOException
    {
        final ClusterSpec spec = state.spec();
        final StringBuilder html = new StringBuilder(4096);
        html.append("<!doctype html><html><head><meta charset=utf-8><meta http-equiv=refresh content=2>")
            .append("<title>hearsay ").append(spec.name).append("</title><style>body{font-family:sans-serif}")
            .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}")
            .append(".SILENT,.CRASHED,.LEFT{background:#fbb}.SLEEPING{background:#ffd}</style></head><body>")
            .append("<h2>hearsay cluster ").append(spec.name).append("</h2><p>").append(spec.nodes).append(" nodes in ")
            .append(spec.containers()).append(" containers, ").append(spec.network.cliName()).append(", ")
            .append(spec.strategy.cliName()).append('/').append(spec.timing.cliName()).append(", seed ").append(spec.seed)
            .append("; polled ").append((System.currentTimeMillis() - polledAtMs) / 1000).append(" s ago")
            .append(silent.get().isEmpty() ? "" : "; <b>silent: " + silent.get() + "</b>")
            .append("</p><table><tr><th>container</th><th>node</th><th>state</th><th>incarnation</th><th>round</th>")
            .append("<th>live members</th><th>events known</th><th>sent</th><th>received</th><th>dropped</th></tr>");
        for (final Row r : rows.get())
        {
            html.append("<tr class=").append(r.state()).append("><td>").append(r.container()).append("</td><td>")
                .append(Addresses.toString(r.node())).append("</td><td>").append(r.state()).append("</td><td>")
                .append(r.incarnation()).append("</td><td>").append(r.round()).append("</td><td>").append(r.liveMembers())
                .append("</td><td>").append(r.eventsKnown()).append("</td><td>").append(r.sent()).append("</td><td>")
                .append(r.received()).append("</td><td>").append(r.dropped()).append("</td></tr>");
        }
        html.append("</table><p><a href=/nodes.json>nodes.json</a></p></body></html>");
        send(exchange, "text/html; charset=utf-8", html.toString());
    }

    private static void send(final HttpExchange exchange, final String type, final String body) throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(bytes);
        }
    }

    @Override
    public void close()
    {
        server.stop(0);
        pool.shutdownNow();
        control.close();
    }
}
