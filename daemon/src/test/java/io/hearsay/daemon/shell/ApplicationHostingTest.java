package io.hearsay.daemon.shell;

import io.hearsay.daemon.control.ControlClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The shell hosts an application host per node: an event broadcast through the local API spreads to every node. */
class ApplicationHostingTest
{
    @Test
    void shouldBroadcastThroughTheLocalApiOfAHostedNode() throws Exception
    {
        try (HearsayDaemon daemon = new HearsayDaemon(ShellTestSupport.flood(4).apiPort(0).controlPort(0)).start();
            ControlClient control = new ControlClient(daemon.controlAddress(), 300, 5))
        {
            final long deadlineNs = System.nanoTime() + 10_000_000_000L;
            while (control.status(0, 0).minLiveMembers() < 4)
            {
                assertThat(System.nanoTime() - deadlineNs).as("cluster of 4 formed in time").isNegative();
            }
            final HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.apiPort() + "/v1/nodes/2/events"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"payload\": \"from the api\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
            final long origin = daemon.node(2).address();
            while (control.status(origin, 1).knowingEvent() < 4)
            {
                assertThat(System.nanoTime() - deadlineNs).as("event spread in time").isNegative();
            }
        }
    }
}
