package io.hearsay.master.cluster;

import io.hearsay.daemon.control.ControlClient;
import io.hearsay.core.Addresses;
import io.hearsay.master.fault.Durations;
import io.hearsay.master.fault.NodeSelector;
import io.hearsay.master.fault.Selection;
import io.hearsay.records.run.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hearsay inject [--node X] [--count E] [--timeout 60s]}: creates events at a node through its control port,
 * waits until every live node knows each of them or the timeout passes, and prints how many know and how long it
 * took. Each result is appended to the run's {@code injections.jsonl}.
 */
@Command(mixinStandardHelpOptions = true, name = "inject", description = "Inject events at a node of the running cluster and wait until every live node knows them.")
public final class InjectCommand implements Callable<Integer>
{
    public static final String FILE = "injections.jsonl";

    @Option(names = "--node", defaultValue = "n0", description = "origin node (default ${DEFAULT-VALUE}): nI, cI (its first node), IP:PORT")
    String node;

    @Option(names = "--count", defaultValue = "1", description = "events to create (default ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--timeout", defaultValue = "60s", description = "how long to wait for every live node (default ${DEFAULT-VALUE})")
    String timeout;

    @Option(names = "--poll-ms", defaultValue = "50", description = "control-port poll period while waiting")
    long pollMs;

    @Option(names = "--wait-start", defaultValue = "60s", description = "how long to wait for a cluster that is still " +
        "starting: every daemon answering and membership formed (default ${DEFAULT-VALUE})")
    String waitStart;

    @Override
    public Integer call() throws Exception
    {
        if (count < 1 || count > 10_000)
        {
            throw new IllegalArgumentException("--count " + count + " is not accepted; accepted: 1..10000");
        }
        final Lab lab = Lab.open(System.out);
        final ClusterState state = lab.current();
        final Selection target = new NodeSelector(state.plan(), state.spec().seed).select(node);
        final int originNode = target.nodes().first();
        try (ControlPorts control = new ControlPorts(); ClusterProbe probe = new ClusterProbe(state, control))
        {
            awaitStarted(lab, state, probe, originNode, Duration.ofMillis(Durations.parseMs(waitStart)));
            final List<Lab.Spread> spreads = injectAndAwait(lab, state, control, probe, originNode, count,
                Duration.ofMillis(Durations.parseMs(timeout)), pollMs);
            boolean all = true;
            for (final Lab.Spread s : spreads)
            {
                System.out.printf("event %s#%d: %d of %d live nodes know it after %d ms%s%n",
                    Addresses.toString(s.origin()), s.sequence(), s.knowing(), s.running(), s.elapsedMs(),
                    s.complete() ? "" : " (TIMEOUT" + (s.silentProcesses() > 0 ? ", " + s.silentProcesses() +
                    " containers did not answer" : "") + ")");
                all &= s.complete();
            }
            return all ? 0 : 3;
        }
    }

    /**
     * Waits, up to {@code timeout}, for a cluster that is still starting: every daemon answering and every node seeing
     * every running node. Fails in one line when the origin's daemon does not answer by then; injects anyway, saying
     * so, when only membership is incomplete (a fault may be holding it apart).
     */
    private static void awaitStarted(final Lab lab, final ClusterState state, final ClusterProbe probe, final int originNode,
        final Duration timeout) throws InterruptedException
    {
        final ClusterProbe.Snapshot now = probe.status(lab.runningContainers(state), 0, 0);
        if (now.allAnswered() && now.running() > 0 && now.minLive() >= now.running())
        {
            return;
        }
        System.out.println("cluster " + state.spec().name + " is still starting (" + Lab.startingLine(now) +
            "); waiting up to " + timeout.toSeconds() + " s (--wait-start)");
        final ClusterProbe.Snapshot s = lab.awaitReady(state, probe, timeout, true);
        final ContainerSlot origin = state.plan().slotOfNode(originNode);
        if (s.silent().contains(origin.label()) || !lab.runningContainers(state).contains(origin.index()))
        {
            throw new IllegalStateException("the daemon of n" + originNode + " (container " + origin.label() +
                ") did not answer within " + timeout.toSeconds() + " s: retry, or give a longer --wait-start if it is " +
                "still starting; hearsay cluster status shows the cluster, its output is in " +
                state.runDir().resolve("console").resolve(origin.label() + ".log"));
        }
        if (!s.allAnswered() || s.minLive() < s.running())
        {
            System.out.println("injecting although the cluster has not fully formed: " + Lab.startingLine(s));
        }
    }

    /** Injects {@code count} events at {@code originNode}, waits for each, records each in injections.jsonl. */
    public static List<Lab.Spread> injectAndAwait(final Lab lab, final ClusterState state, final ControlPorts control,
        final ClusterProbe probe, final int originNode, final int count, final Duration timeout, final long pollMs)
        throws IOException, InterruptedException
    {
        final ContainerSlot slot = state.plan().slotOfNode(originNode);
        final long origin = state.nodeAddress(originNode);
        final long injectedNs = System.nanoTime();
        final long injectedWallMs = System.currentTimeMillis();
        final ControlClient.Ack ack = control.client(slot).inject(origin, count, "");
        if (!ack.ok())
        {
            throw new IllegalStateException("inject at " + Addresses.toString(origin) + " refused: " + ack.message());
        }
        final List<Lab.Spread> spreads = new ArrayList<>();
        for (int e = 0; e < count; e++)
        {
            final Lab.Spread s = lab.awaitInformed(state, probe, origin, ack.value() + e, injectedNs, timeout, pollMs);
            spreads.add(s);
            record(state, injectedWallMs, s);
        }
        return spreads;
    }

    /** How one event spread, as JSON fields: origin, sequence, knowing, running, elapsed_ms, complete. */
    public static Map<String, Object> spreadJson(final Lab.Spread s)
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("origin", s.origin());
        json.put("sequence", s.sequence());
        json.put("knowing", s.knowing());
        json.put("running", s.running());
        json.put("elapsed_ms", s.elapsedMs());
        json.put("complete", s.complete());
        return json;
    }

    private static void record(final ClusterState state, final long wallMs, final Lab.Spread s)
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("wall_ms", wallMs);
        json.putAll(spreadJson(s));
        json.put("origin_text", Addresses.toString(s.origin()));
        final String line = Json.write(json) + "\n";
        try
        {
            Files.writeString(state.runDir().resolve(FILE), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
