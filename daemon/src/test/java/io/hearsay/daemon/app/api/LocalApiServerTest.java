package io.hearsay.daemon.app.api;

import io.hearsay.daemon.app.ApplicationDispatcher;
import io.hearsay.daemon.app.ApplicationHost;
import io.hearsay.daemon.app.EmbeddedNetwork;
import io.hearsay.daemon.app.EmbeddedNode;
import io.hearsay.records.run.Json;
import io.hearsay.spi.ApiResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalApiServerTest
{
    private final HttpClient http = HttpClient.newHttpClient();
    private final ApplicationDispatcher dispatcher = new ApplicationDispatcher("test-apps").start();
    private final EmbeddedNetwork network = new EmbeddedNetwork(dispatcher, 7, false);
    private EmbeddedNode a;
    private EmbeddedNode b;
    private LocalApiServer api;

    @BeforeEach
    void setUp()
    {
        a = network.addNode(7001, new ApplicationHost.Context());
        b = network.addNode(7002, new ApplicationHost.Context());
        api = LocalApiServer.start(0, List.of(a.host(), b.host()));
        network.startDutyThread();
    }

    @AfterEach
    void tearDown()
    {
        api.close();
        network.close();
        dispatcher.close();
    }

    @Test
    void shouldListNodesAndMembers() throws Exception
    {
        final HttpResponse<String> nodes = get("/v1/nodes");
        assertThat(nodes.statusCode()).isEqualTo(200);
        assertThat(nodes.body()).contains("\"address\":\"127.0.0.1:7001\"", "\"address\":\"127.0.0.1:7002\"");

        final Map<String, Object> members = json(get("/v1/nodes/1/members"));
        assertThat(members.get("self")).isEqualTo("127.0.0.1:7002");
        assertThat((List<?>)members.get("members")).hasSize(2);
        assertThat(get("/v1/nodes/127.0.0.1:7001/members").body()).contains("\"self\":\"127.0.0.1:7001\"");
    }

    @Test
    void shouldBroadcastAnEventThatOtherNodesReceiveThroughTheInbox() throws Exception
    {
        final long head = (Long)json(get("/v1/nodes/1/inbox?types=event")).get("next");

        final HttpResponse<String> sent = post("/v1/events", "{\"payload\":\"hello \\u00e9\"}");
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(json(sent)).containsEntry("origin", "127.0.0.1:7001").containsEntry("sequence", 1L);

        final Map<String, Object> inbox = json(get("/v1/nodes/1/inbox?types=event&timeout_ms=30000&after=" + head));
        final List<?> items = (List<?>)inbox.get("items");
        assertThat(items).hasSize(1);
        @SuppressWarnings("unchecked") final Map<String, Object> event = (Map<String, Object>)items.get(0);
        assertThat(event).containsEntry("type", "event").containsEntry("origin", "127.0.0.1:7001")
            .containsEntry("payload", "hello \u00e9").containsEntry("hops", 1L);

        assertThat(json(get("/v1/nodes/1/knows?origin=127.0.0.1:7001&sequence=1"))).containsEntry("known", true);
        assertThat(json(get("/v1/nodes/1/knows?origin=127.0.0.1:7001&sequence=2"))).containsEntry("known", false);
    }

    @Test
    void shouldAnswerAnIncomingRequestThroughTheApiAndReturnTheResponseToTheRequester() throws Exception
    {
        final long head = (Long)json(get("/v1/nodes/1/inbox?types=data")).get("next");
        final String[] result = new String[1];
        final Thread caller = new Thread(() ->
        {
            try
            {
                result[0] = post("/v1/requests", "{\"to\":\"127.0.0.1:7002\",\"data\":\"question\",\"timeout_ms\":30000}").body();
            }
            catch (final Exception ex)
            {
                result[0] = ex.toString();
            }
        });
        caller.start();

        final Map<String, Object> inbox = json(get("/v1/nodes/1/inbox?types=data&timeout_ms=30000&after=" + head));
        @SuppressWarnings("unchecked") final Map<String, Object> request = (Map<String, Object>)((List<?>)inbox.get("items")).get(0);
        assertThat(request).containsEntry("from", "127.0.0.1:7001").containsEntry("data", "question");

        final HttpResponse<String> replied = post("/v1/nodes/1/replies",
            "{\"to\":\"127.0.0.1:7001\",\"correlation_id\":" + request.get("correlation_id") + ",\"data\":\"answer\"}");
        assertThat(replied.statusCode()).isEqualTo(202);
        caller.join(30_000);
        assertThat(result[0]).contains("\"from\":\"127.0.0.1:7002\"", "\"data\":\"answer\"");
    }

    @Test
    void shouldReturn504WhenTheMemberDoesNotAnswer() throws Exception
    {
        b.down(true);
        final HttpResponse<String> response =
            post("/v1/requests", "{\"to\":\"127.0.0.1:7002\",\"data\":\"q\",\"timeout_ms\":50}");
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("no reply from 127.0.0.1:7002 within 50 ms");
    }

    @Test
    void shouldRefuseBadRequestsNamingTheFieldAndWhatIsAccepted() throws Exception
    {
        assertBadRequest(post("/v1/events", "not json"), "body", "a JSON object");
        assertBadRequest(post("/v1/events", "{}"), "payload", "'payload_base64'");
        assertBadRequest(post("/v1/events", "{\"payload\":\"" + "x".repeat(1025) + "\"}"), "payload", "at most 1024 bytes");
        assertBadRequest(post("/v1/requests", "{\"to\":\"nowhere\",\"data\":\"q\"}"), "to", "a.b.c.d:port");
        assertBadRequest(post("/v1/requests", "{\"to\":\"127.0.0.1:7002\",\"data\":\"q\",\"timeout_ms\":-5}"), "timeout_ms", "1..60000");
        assertBadRequest(get("/v1/inbox?types=gossip"), "types", "event, data, member");
        assertBadRequest(get("/v1/inbox?timeout_ms=soon"), "timeout_ms", "0..60000");
        assertThat(get("/v1/nodes/9/members").statusCode()).isEqualTo(404);
        assertThat(get("/v1/events").statusCode()).isEqualTo(405);
        assertThat(get("/v1/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRefuseAForeignOriginAForeignHostAndAnOversizedBody() throws Exception
    {
        final HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(uri("/v1/events"))
                .header("Origin", "https://evil.example").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"payload\":\"x\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("Origin").doesNotContain("Exception");
        final HttpResponse<String> local = http.send(HttpRequest.newBuilder(uri("/v1/nodes"))
            .header("Origin", "http://localhost:8080").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(local.statusCode()).isEqualTo(200);

        final HttpResponse<String> huge = post("/v1/events", "x".repeat(LocalApiServer.MAX_BODY_BYTES + 1));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body()).contains("at most " + LocalApiServer.MAX_BODY_BYTES + " bytes");

        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), api.port()))
        {
            socket.getOutputStream().write(("GET /v1/nodes HTTP/1.1\r\nHost: rebound.example:" + api.port() +
                "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            final String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 403").contains("Host");
        }
    }

    @Test
    void shouldServeAnApplicationsOwnRoute() throws Exception
    {
        a.host().cluster().registerRoute("echo", r -> ApiResponse.text(200, r.method() + " " + r.path() + " " + r.bodyAsString()));
        final HttpResponse<String> response = post("/v1/apps/echo/some/where", "body!");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("POST /some/where body!");
        assertThat(get("/v1/apps/missing").body()).contains("[echo]");
    }

    @Test
    void shouldStreamNoticesAsServerSentEvents() throws Exception
    {
        final HttpResponse<java.util.stream.Stream<String>> stream = http.send(
            HttpRequest.newBuilder(uri("/v1/nodes/1/stream?types=event")).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        network.inject(() -> a.host().cluster().broadcast("streamed"));
        final String data = stream.body().filter(line -> line.startsWith("data: ")).findFirst().orElseThrow();
        assertThat(data).contains("\"payload\":\"streamed\"");
    }

    private void assertBadRequest(final HttpResponse<String> response, final String field, final String accepted)
    {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        final Map<String, Object> error = json(response);
        assertThat(error).containsEntry("field", field);
        assertThat((String)error.get("accepted")).contains(accepted);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(final HttpResponse<String> response)
    {
        return (Map<String, Object>)Json.parse(response.body());
    }

    private URI uri(final String path)
    {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    private HttpResponse<String> get(final String path) throws Exception
    {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(final String path, final String body) throws Exception
    {
        return http.send(
            HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
