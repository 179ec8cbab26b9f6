package io.hearsay.bench.app;

import io.hearsay.daemon.app.ApplicationDispatcher;
import io.hearsay.daemon.app.ApplicationHost;
import io.hearsay.daemon.app.EmbeddedNetwork;
import io.hearsay.daemon.app.EmbeddedNode;
import io.hearsay.daemon.app.api.LocalApiServer;
import io.hearsay.records.run.Json;
import io.hearsay.spi.Cluster;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Latency of the application side over in-memory nodes (no sockets, no protocol core), HdrHistogram, microseconds:
 * <ol>
 *   <li>{@code broadcast}: an application's broadcast until the created event's future completes on the application
 *   thread (command queue, duty cycle, completion queue);</li>
 *   <li>{@code request}: request to another node until its reply future completes (two duty-cycle passes, one
 *   application-thread reply in between);</li>
 *   <li>{@code api-broadcast}: {@code POST /v1/events} over loopback HTTP until the response;</li>
 *   <li>{@code api-members}: {@code GET /v1/members}.</li>
 * </ol>
 * Run (after {@code mvn -o -q -B -pl master-cli,bench -am package -DskipTests}):
 * {@code java @master-cli/target/classes/hearsay/jvm.options -cp
 * master-cli/target/hearsay.jar:bench/target/hearsay-bench-0.1.0-SNAPSHOT.jar io.hearsay.bench.app.ApplicationLatencyRun 10000}
 */
public final class ApplicationLatencyRun
{
    private ApplicationLatencyRun()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        final ApplicationDispatcher dispatcher = new ApplicationDispatcher("bench-apps").start();
        final EmbeddedNetwork network = new EmbeddedNetwork(dispatcher, 1, false);
        final EmbeddedNode a = network.addNode(7001, new ApplicationHost.Context());
        final EmbeddedNode b = network.addNode(7002, new ApplicationHost.Context());
        b.host().cluster().onData(d -> d.reply(d.data()));
        final LocalApiServer api = LocalApiServer.start(0, List.of(a.host(), b.host()));
        network.startDutyThread();
        try
        {
            final Cluster cluster = a.host().cluster();
            final byte[] payload = new byte[64];
            report("broadcast", iterations, () -> cluster.broadcast(payload).get(5, TimeUnit.SECONDS));
            report("request", iterations, () -> cluster.request(b.address(), payload, 5_000).get(5, TimeUnit.SECONDS));

            final HttpClient http = HttpClient.newHttpClient();
            final HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/v1/events"))
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("payload", "bench")))).build();
            final HttpRequest members = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/v1/members")).build();
            report("api-broadcast", iterations / 4, () -> require200(http.send(post, HttpResponse.BodyHandlers.ofString())));
            report("api-members", iterations / 4, () -> require200(http.send(members, HttpResponse.BodyHandlers.ofString())));
            System.out.println("host counters: " + a.host().counters());
        }
        finally
        {
            api.close();
            network.close();
            dispatcher.close();
        }
    }

    private static void require200(final HttpResponse<String> response)
    {
        if (response.statusCode() != 200)
        {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    @FunctionalInterface
    private interface Action
    {
        void run() throws Exception;
    }

    private static void report(final String name, final int iterations, final Action action) throws Exception
    {
        for (int i = 0; i < Math.max(1_000, iterations / 5); i++)
        {
            action.run();
        }
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final long startNs = System.nanoTime();
        for (int i = 0; i < iterations; i++)
        {
            final long t0 = System.nanoTime();
            action.run();
            histogram.recordValue(System.nanoTime() - t0);
        }
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        System.out.printf("%-14s n=%-6d p50=%7.1f us  p90=%7.1f us  p99=%7.1f us  max=%8.1f us  %8.0f ops/s%n",
            name, iterations, histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(90) / 1e3,
            histogram.getValueAtPercentile(99) / 1e3, histogram.getMaxValue() / 1e3, iterations / seconds);
    }
}
