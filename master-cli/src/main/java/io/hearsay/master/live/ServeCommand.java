package io.hearsay.master.live;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

/**
 * {@code hearsay serve} (alias {@code master}): the master's live dashboard. Polls every daemon's live reports,
 * serves the page with live updates (Server-Sent Events), the member table, the view matrix, the propagation curve,
 * counters, the fault timeline, inject/fault forms, and Prometheus {@code /metrics}. Listens on loopback unless
 * {@code --bind} says otherwise; exposed, it needs {@code --token} and refuses commands without it.
 */
@Command(mixinStandardHelpOptions = true, name = "serve", aliases = "master",
    description = "Serve the master's live dashboard (web page, Server-Sent Events, /metrics) of a running cluster.")
public final class ServeCommand implements Callable<Integer>
{
    @Mixin
    LiveTargets targets;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = { "--port", "--dashboard-port" }, defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}; 0 = any free)")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "HTTP address (default ${DEFAULT-VALUE}: loopback only)")
    String bind;

    @Option(names = "--token", description = "token the page's commands must carry (required when --bind is not loopback; " +
        "default: $HEARSAY_DASHBOARD_TOKEN)")
    String token;

    @Option(names = "--poll-ms", defaultValue = "1000", description = "report interval (default ${DEFAULT-VALUE})")
    long pollMs;

    @Option(names = "--event-poll-ms", defaultValue = "100", description = "report interval while an injected event spreads, " +
        "at least twice the last poll's duration (default ${DEFAULT-VALUE})")
    long eventPollMs;

    @Option(names = "--budget-bytes", defaultValue = "0", description = "largest report datagram asked of the daemons (default 0: the largest datagram)")
    int budgetBytes;

    @Option(names = "--log-dir", description = "the master's log folder (default runs/serve-TIMESTAMP)")
    Path logDir;

    @Option(names = "--duration-s", defaultValue = "0", description = "stop after this long (default 0: until interrupted)")
    long durationS;

    @Override
    public Integer call() throws Exception
    {
        if (token == null)
        {
            token = System.getenv("HEARSAY_DASHBOARD_TOKEN");
        }
        final InetAddress address;
        try
        {
            address = InetAddress.getByName(bind);
        }
        catch (final java.net.UnknownHostException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bind " + bind + ": unknown address");
        }
        if (!address.isLoopbackAddress() && (token == null || token.isEmpty()))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bind " + bind +
                " exposes the dashboard beyond this machine: give --token (or HEARSAY_DASHBOARD_TOKEN) so commands can be refused");
        }
        if (pollMs < 10 || eventPollMs < 10)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--poll-ms/--event-poll-ms below 10 ms");
        }
        final Path log = logDir != null ? logDir :
            Path.of("runs", "serve-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try (LiveTargets local = targets;
            LiveCollector collector = new LiveCollector(targets.endpoints(spec), budgetBytes, targets.gossipPeriodMs(), log,
                targets.controlAuth(spec), targets.cluster());
            LiveDashboard dashboard = new LiveDashboard(collector, new InetSocketAddress(address, port), token).start())
        {
            final InetSocketAddress at = dashboard.address();
            System.out.println("serve: dashboard on http://" + at.getAddress().getHostAddress() + ":" + at.getPort() +
                "/ (metrics /metrics) collecting from " + collector.endpoints().size() + " daemon process(es); log " + log);
            System.out.flush();
            final long endNs = durationS > 0 ? System.nanoTime() + durationS * 1_000_000_000L : Long.MAX_VALUE;
            while (!Thread.currentThread().isInterrupted() && System.nanoTime() < endNs)
            {
                final long startNs = System.nanoTime();
                collector.poll();
                // while an event spreads poll faster, but never more than half the time: reports cost the daemons CPU
                final long pollDurationMs = (System.nanoTime() - startNs) / 1_000_000L;
                final long intervalMs = collector.eventSpreading() ? Math.max(eventPollMs, 2 * pollDurationMs) : pollMs;
                final long leftMs = intervalMs - (System.nanoTime() - startNs) / 1_000_000L;
                if (leftMs > 0)
                {
                    Thread.sleep(leftMs);
                }
            }
        }
        return 0;
    }
}
