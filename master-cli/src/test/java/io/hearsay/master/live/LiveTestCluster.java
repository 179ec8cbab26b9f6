package io.hearsay.master.live;

import io.hearsay.core.NodeConfig;
import io.hearsay.daemon.shell.HearsayDaemon;
import io.hearsay.daemon.shell.ShellConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A loopback cluster of in-process daemons (each with its control port), a collector polling it on its own thread,
 * and the dashboard over it: what the live tests share.
 */
final class LiveTestCluster implements AutoCloseable
{
    final List<HearsayDaemon> daemons = new ArrayList<>();
    final LiveCollector collector;
    final LiveDashboard dashboard;
    final int nodes;
    private final Thread poller;
    private volatile boolean stop;

    LiveTestCluster(final int processes, final int nodesPerProcess, final String token) throws IOException
    {
        nodes = processes * nodesPerProcess;
        long[] seeds = new long[0];
        final List<InetSocketAddress> endpoints = new ArrayList<>();
        for (int p = 0; p < processes; p++)
        {
            final HearsayDaemon daemon = new HearsayDaemon(new ShellConfig().bindAddress("127.0.0.1").port(0)
                .nodes(nodesPerProcess).seeds(seeds).controlPort(0).seed(7 + p)
                .nodeConfig(NodeConfig.profile(NodeConfig.Profile.LOCAL).gossipPeriodNs(100_000_000L)).conclude());
            daemons.add(daemon.start());
            if (p == 0)
            {
                seeds = new long[]{ daemon.node(0).address() };
            }
            endpoints.add(daemon.controlAddress());
        }
        collector = new LiveCollector(endpoints, 0, 100, null);
        dashboard = new LiveDashboard(collector, new InetSocketAddress("127.0.0.1", 0), token).start();
        poller = new Thread(() ->
        {
            while (!stop)
            {
                collector.poll();
                try
                {
                    Thread.sleep(100);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
            }
        }, "test-poller");
        poller.setDaemon(true);
        poller.start();
    }

    String url(final String path)
    {
        return "http://127.0.0.1:" + dashboard.address().getPort() + path;
    }

    static void awaitTrue(final long timeoutMs, final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean())
        {
            assertThat(System.nanoTime() - deadlineNs).as(what + " within " + timeoutMs + " ms").isNegative();
            Thread.sleep(20);
        }
    }

    /** Every node reports and sees every other node alive. */
    void awaitMembership() throws InterruptedException
    {
        awaitTrue(30_000, nodes + " nodes reporting a full view", () ->
        {
            final LiveCollector.Snapshot s = collector.snapshot();
            return s.nodes().size() == nodes && s.nodes().stream().allMatch(n -> n.alive() == nodes) &&
                s.viewEntries() == (long)nodes * nodes;
        });
    }

    HttpResponse<String> get(final String path) throws IOException, InterruptedException
    {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path))).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(final String path, final String form, final String token) throws IOException, InterruptedException
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
            .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (token != null)
        {
            request.header("X-Hearsay-Token", token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException
    {
        stop = true;
        poller.join(5_000);
        dashboard.close();
        collector.close();
        daemons.forEach(HearsayDaemon::close);
    }
}
