package io.hearsay.master.live;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's HTTP surface over a loopback cluster: views, paging, commands, tokens, errors, metrics. */
class LiveDashboardTest
{
    @Test
    void shouldServeTheViewPageTheTableInjectAndFollowTheEvent() throws Exception
    {
        try (LiveTestCluster cluster = new LiveTestCluster(2, 6, null))
        {
            cluster.awaitMembership();
            final JsonNode view = Json.MAPPER.readTree(cluster.get("/api/view").body());
            assertThat(view.get("nodes").asInt()).isEqualTo(12);
            assertThat(view.get("heatMap").get("blocks").asInt()).isEqualTo(12);
            assertThat(view.get("disagreementCount").asInt()).isZero();

            final JsonNode page = Json.MAPPER.readTree(cluster.get("/api/nodes?page=1&size=5&sort=node").body());
            assertThat(page.get("total").asInt()).isEqualTo(12);
            assertThat(page.get("nodes")).hasSize(5);

            final HttpResponse<String> injected = cluster.post("/api/inject", "payload=hello", null);
            assertThat(injected.statusCode()).as(injected.body()).isEqualTo(200);
            LiveTestCluster.awaitTrue(20_000, "all 12 nodes known to know the event",
                () -> cluster.collector.snapshot().knowing() == 12);
            final LiveCollector.Snapshot s = cluster.collector.snapshot();
            assertThat(s.curve()).hasSize(13);
            assertThat(s.theory()).isNotEmpty();
            assertThat(s.timeline()).singleElement().satisfies(c -> assertThat(c.action()).isEqualTo("inject"));

            final HttpResponse<String> applied = cluster.post("/api/fault", "action=apply&spec=loss+p%3D0.1", null);
            assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
            assertThat(cluster.post("/api/fault", "action=heal", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldAnswerEveryBadRequestWithOneLine() throws Exception
    {
        try (LiveTestCluster cluster = new LiveTestCluster(1, 3, "s3cret"))
        {
            final Map<String, Integer> expected = Map.of(
                "/nope", 404, "/api/nodes?size=0", 400, "/api/nodes?sort=colour", 400, "/api/nodes?page=x", 400,
                "/api/matrix?rowFrom=2&rowTo=1", 400, "/api/matrix?colTo=99999", 400, "/api/matrix?rowFrom=-1", 400);
            for (final Map.Entry<String, Integer> e : expected.entrySet())
            {
                final HttpResponse<String> r = cluster.get(e.getKey());
                assertThat(r.statusCode()).as(e.getKey()).isEqualTo(e.getValue());
                assertThat(r.body().strip()).as(e.getKey()).doesNotContain("\n").doesNotContain("Exception").isNotEmpty();
            }
            assertThat(cluster.get("/api/inject").statusCode()).isEqualTo(405);
            final HttpResponse<String> badForm = cluster.post("/api/inject", "payload=%zz", "s3cret");
            assertThat(badForm.statusCode()).isEqualTo(400);
            assertThat(badForm.body().strip()).startsWith("bad form encoding").doesNotContain("\n");
            final HttpResponse<String> drill = cluster.get("/api/matrix?rowFrom=0&rowTo=2&colFrom=0&colTo=3");
            assertThat(drill.statusCode()).as(drill.body()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(drill.body()).get("nodesPerBlock").asInt()).isEqualTo(1);
            final HttpResponse<String> noToken = cluster.post("/api/inject", "payload=x", null);
            assertThat(noToken.statusCode()).isEqualTo(403);
            assertThat(noToken.body()).contains("token");
            assertThat(cluster.post("/api/inject", "payload=x", "wrong").statusCode()).isEqualTo(403);
            assertThat(cluster.post("/api/fault", "action=explode", "s3cret").body()).startsWith("action 'explode'");
            final HttpResponse<String> badSpec = cluster.post("/api/fault", "action=apply&spec=bogus%3D1", "s3cret");
            assertThat(badSpec.statusCode()).isEqualTo(400);
            assertThat(badSpec.body().strip()).doesNotContain("\n");
            assertThat(cluster.post("/api/inject", "node=nonsense", "s3cret").statusCode()).isEqualTo(400);
            assertThat(cluster.post("/api/inject", "node=127.0.0.1:1", "s3cret").statusCode()).isEqualTo(400);
            assertThat(cluster.post("/api/inject", "payload=ok", "s3cret").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldExposeMetricsInThePrometheusTextFormat() throws Exception
    {
        try (LiveTestCluster cluster = new LiveTestCluster(1, 5, null))
        {
            cluster.awaitMembership();
            assertThat(cluster.post("/api/inject", "payload=m", null).statusCode()).isEqualTo(200);
            LiveTestCluster.awaitTrue(20_000, "all 5 know", () -> cluster.collector.snapshot().knowing() == 5);
            final HttpResponse<String> r = cluster.get("/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            final PrometheusText metrics = PrometheusText.parse(r.body());
            assertThat(metrics.type("memberlist_health_score")).isEqualTo("gauge");
            assertThat(metrics.samples("memberlist_health_score")).hasSize(5);
            assertThat(metrics.value("memberlist_node_instances", Map.of("node_state", "alive"))).isEqualTo(5.0);
            assertThat(metrics.type("hearsay_messages_total")).isEqualTo("counter");
            assertThat(metrics.value("hearsay_messages_total", Map.of("kind", "gossip", "direction", "out"))).isPositive();
            assertThat(metrics.value("hearsay_messages_total", Map.of("kind", "probe", "direction", "in"))).isPositive();
            assertThat(metrics.value("memberlist_udp_sent_total", Map.of())).isPositive();
            assertThat(metrics.value("hearsay_events_learned_total", Map.of())).isGreaterThanOrEqualTo(5.0);
            assertThat(metrics.type("hearsay_event_learn_latency_seconds")).isEqualTo("histogram");
            assertThat(metrics.value("hearsay_event_learn_latency_seconds_count", Map.of())).isEqualTo(5.0);
            assertThat(metrics.value("hearsay_event_learn_latency_seconds_bucket", Map.of("le", "+Inf"))).isEqualTo(5.0);
            assertThat(metrics.value("hearsay_duplicate_ratio", Map.of())).isBetween(0.0, 1.0);
            assertThat(metrics.value("hearsay_view_disagreements", Map.of())).isZero();
            assertThat(metrics.value("hearsay_claims_refused_total", Map.of("reason", "unverified_sender")))
                .as("joiners are verified before they are members").isPositive();
            assertThat(metrics.samples("hearsay_claims_refused_total"))
                .hasSize(io.hearsay.core.Refusal.values().length);

            // seven truncated datagrams at node 0: counted by reason, and the reason reaches /metrics
            final long node0 = cluster.daemons.get(0).node(0).address();
            try (java.net.DatagramSocket socket = new java.net.DatagramSocket())
            {
                for (int i = 0; i < 7; i++)
                {
                    socket.send(new java.net.DatagramPacket(new byte[3], 3,
                        new java.net.InetSocketAddress("127.0.0.1", io.hearsay.core.Addresses.port(node0))));
                }
            }
            LiveTestCluster.awaitTrue(20_000, "7 truncated datagrams in /metrics", () ->
            {
                try
                {
                    final PrometheusText m = PrometheusText.parse(cluster.get("/metrics").body());
                    return m.value("hearsay_datagrams_dropped_total", Map.of("reason", "truncated")) >= 7.0;
                }
                catch (final java.io.IOException | InterruptedException ex)
                {
                    throw new IllegalStateException(ex);
                }
            });
            final PrometheusText after = PrometheusText.parse(cluster.get("/metrics").body());
            assertThat(after.samples("hearsay_datagrams_dropped_total"))
                .hasSize(io.hearsay.wire.DropReason.values().length + 1);
        }
    }
}
