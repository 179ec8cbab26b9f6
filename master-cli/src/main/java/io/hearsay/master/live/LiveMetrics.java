package io.hearsay.master.live;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * The master's Prometheus metrics, through the official client: memberlist's names where the meaning is the same
 * ({@code memberlist_health_score}, {@code memberlist_node_instances{node_state}}, {@code memberlist_udp_sent/received}
 * in bytes, {@code memberlist_msg_*}) and hearsay's own (events learned, learn latency as the master saw it, duplicate
 * ratio, messages per node per event, view disagreements). Read from the collector's latest snapshot at scrape time.
 */
public final class LiveMetrics
{
    private static final String[] KINDS = { "probe", "gossip", "join", "member_state", "app_data" };

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public LiveMetrics(final LiveCollector collector)
    {
        final Supplier<LiveCollector.Snapshot> s = collector::snapshot;
        GaugeWithCallback.builder().name("memberlist_health_score")
            .help("Lifeguard local health score of each node (0 = healthy), as memberlist's memberlist.health.score")
            .labelNames("node").callback(cb -> s.get().nodes().forEach(n -> cb.call(n.healthScore(), n.node())))
            .register(registry);
        GaugeWithCallback.builder().name("hearsay_probe_rtt_p50_seconds")
            .help("median round trip of each node's recent direct probes (ping to the target's own ack); memberlist " +
                "times its probes as memberlist.probeNode")
            .labelNames("node").callback(cb -> s.get().nodes().forEach(n ->
            {
                if (n.probeRttP50Us() > 0)
                {
                    cb.call(n.probeRttP50Us() / 1e6, n.node());
                }
            })).register(registry);
        GaugeWithCallback.builder().name("hearsay_probe_rtt_p99_seconds")
            .help("99th percentile round trip of each node's recent direct probes")
            .labelNames("node").callback(cb -> s.get().nodes().forEach(n ->
            {
                if (n.probeRttP99Us() > 0)
                {
                    cb.call(n.probeRttP99Us() / 1e6, n.node());
                }
            })).register(registry);
        GaugeWithCallback.builder().name("memberlist_node_instances")
            .help("members in each state as the nodes see them, averaged over reporting nodes (memberlist.node.instances)")
            .labelNames("node_state").callback(cb ->
            {
                final var nodes = s.get().nodes();
                final double n = Math.max(1, nodes.size());
                cb.call(nodes.stream().mapToLong(NodeRow::alive).sum() / n, "alive");
                cb.call(nodes.stream().mapToLong(NodeRow::suspect).sum() / n, "suspect");
                cb.call(nodes.stream().mapToLong(NodeRow::dead).sum() / n, "dead");
            }).register(registry);
        GaugeWithCallback.builder().name("hearsay_nodes").help("nodes reporting, by their own state")
            .labelNames("state").callback(cb ->
            {
                final java.util.Map<String, Long> byState = new java.util.TreeMap<>();
                s.get().nodes().forEach(n -> byState.merge(n.state(), 1L, Long::sum));
                byState.forEach((state, count) -> cb.call(count, state));
            }).register(registry);
        CounterWithCallback.builder().name("memberlist_udp_sent").help("bytes sent over UDP, summed over nodes")
            .callback(cb -> cb.call(s.get().nodes().stream().mapToLong(NodeRow::bytesOut).sum())).register(registry);
        CounterWithCallback.builder().name("memberlist_udp_received").help("bytes received over UDP, summed over nodes")
            .callback(cb -> cb.call(s.get().nodes().stream().mapToLong(NodeRow::bytesIn).sum())).register(registry);
        CounterWithCallback.builder().name("hearsay_messages").help("datagrams by message kind and direction, summed over nodes")
            .labelNames("kind", "direction").callback(cb ->
            {
                final long[][] sums = collector.trafficByKind();
                for (int k = 0; k < KINDS.length; k++)
                {
                    cb.call(sums[0][k], KINDS[k], "in");
                    cb.call(sums[1][k], KINDS[k], "out");
                }
            }).register(registry);
        CounterWithCallback.builder().name("hearsay_datagrams_dropped")
            .help("datagrams dropped before the protocol, summed over nodes, by reason (truncated, wrong_schema, " +
                "wrong_version, unknown_template, wrong_cluster, malformed, unauthenticated, oversized, replayed; " +
                "shell: dropped by the daemon's shell)")
            .labelNames("reason").callback(cb -> s.get().datagramsDropped().forEach((reason, n) -> cb.call(n, reason)))
            .register(registry);
        CounterWithCallback.builder().name("hearsay_claims_refused")
            .help("membership and protocol claims refused by the core, summed over nodes, by reason (io.hearsay.core.Refusal)")
            .labelNames("reason").callback(cb -> s.get().claimsRefused().forEach((reason, n) -> cb.call(n, reason)))
            .register(registry);
        CounterWithCallback.builder().name("hearsay_events_learned").help("events learned, summed over nodes")
            .callback(cb -> cb.call(s.get().nodes().stream().mapToLong(NodeRow::eventsLearned).sum())).register(registry);
        CounterWithCallback.builder().name("hearsay_suspicions_raised").help("suspicions raised, summed over nodes")
            .callback(cb -> cb.call(s.get().nodes().stream().mapToLong(NodeRow::suspicionsRaised).sum())).register(registry);
        CounterWithCallback.builder().name("hearsay_refutations").help("suspicions refuted, summed over nodes")
            .callback(cb -> cb.call(s.get().nodes().stream().mapToLong(NodeRow::refutations).sum())).register(registry);
        GaugeWithCallback.builder().name("hearsay_duplicate_ratio")
            .help("duplicate event receptions / (events learned + duplicates), over nodes")
            .callback(cb ->
            {
                final long learned = s.get().nodes().stream().mapToLong(NodeRow::eventsLearned).sum();
                final long duplicates = s.get().nodes().stream().mapToLong(NodeRow::duplicates).sum();
                cb.call(learned + duplicates == 0 ? 0 : (double)duplicates / (learned + duplicates));
            }).register(registry);
        GaugeWithCallback.builder().name("hearsay_messages_per_node_per_event")
            .help("datagrams sent per node divided by events learned per node (all traffic, membership included)")
            .callback(cb ->
            {
                final var nodes = s.get().nodes();
                final long out = nodes.stream().mapToLong(NodeRow::datagramsOut).sum();
                final long learned = nodes.stream().mapToLong(NodeRow::eventsLearned).sum();
                cb.call(learned == 0 ? 0 : (double)out / learned);
            }).register(registry);
        GaugeWithCallback.builder().name("hearsay_view_disagreements")
            .help("(observer, member) entries in disagreement: dead while alive, alive while down, older incarnation")
            .callback(cb -> cb.call(s.get().disagreementCount())).register(registry);
        GaugeWithCallback.builder().name("hearsay_event_knowing").help("nodes known to know the tracked event")
            .callback(cb -> cb.call(s.get().knowing())).register(registry);
        CounterWithCallback.builder().name("hearsay_master_reports").help("live reports absorbed by the master")
            .callback(cb -> cb.call(s.get().reportsTotal())).register(registry);
        CounterWithCallback.builder().name("hearsay_master_reports_dropped")
            .help("live reports the master dropped: foreign_cluster (a daemon of another cluster), wrong_version (another " +
                "schema version), forged (from another address, or without the control key's valid tag), malformed (fields " +
                "or groups past the datagram), unasked (in a batch's answer, a node not asked for or answered twice)")
            .labelNames("reason").callback(cb -> s.get().droppedReports().forEach((reason, n) -> cb.call(n, reason)))
            .register(registry);
        final Histogram learnLatency = Histogram.builder().name("hearsay_event_learn_latency_seconds")
            .help("time from injection to the master's first poll that found a node knowing the event")
            .classicUpperBounds(0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30).register(registry);
        collector.addLearnLatencyListener(ms -> learnLatency.observe(ms / 1000.0));
    }

    public String contentType()
    {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    public void write(final OutputStream out) throws IOException
    {
        writer.write(out, registry.scrape());
    }
}
