package io.hearsay.sampleapps.injector;

import io.hearsay.daemon.app.ApplicationDispatcher;
import io.hearsay.daemon.app.ApplicationHost;
import io.hearsay.daemon.app.EmbeddedNetwork;
import io.hearsay.daemon.app.EmbeddedNode;
import io.hearsay.spi.ApiRequest;
import io.hearsay.spi.ApiResponse;
import io.hearsay.spi.Event;
import io.hearsay.spi.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EventInjectorAppTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ApplicationDispatcher dispatcher = new ApplicationDispatcher("injector-apps").start();
    private final EmbeddedNetwork network = new EmbeddedNetwork(dispatcher, 5, false);

    @AfterEach
    void tearDown()
    {
        network.close();
        dispatcher.close();
    }

    @Test
    void shouldInjectOnCommandThroughItsRouteAndOnADataMessage() throws Exception
    {
        final EmbeddedNode injectorNode = network.addNode(7001, new ApplicationHost.Context()
            .applications(List.of(new EventInjectorApp())).properties(Map.of("injector.payload.bytes", "32")));
        final EmbeddedNode observer = network.addNode(7002, new ApplicationHost.Context());
        final List<Event> seen = new CopyOnWriteArrayList<>();
        observer.host().cluster().onEvent(seen::add);
        network.stepUntil("route registered", 0, MS, 30_000, () -> injectorNode.host().route("injector") != null);
        network.startDutyThread();

        final ApiResponse response = injectorNode.host().route("injector")
            .handle(new ApiRequest("POST", "/inject", Map.of("count", "3"), new byte[0]));
        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body())).contains("\"sequence\":3");

        final CompletableFuture<Response> reply = observer.host().cluster().request(injectorNode.address(), "inject".getBytes(), 30_000);
        assertThat(reply.get(30, TimeUnit.SECONDS).dataAsString()).isEqualTo("127.0.0.1:7001/4");

        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (seen.size() < 4 && System.nanoTime() - deadlineNs < 0)
        {
            Thread.yield();
        }
        assertThat(seen).extracting(Event::payloadAsString)
            .containsExactly("inject 1 " + ".".repeat(23), "inject 2 " + ".".repeat(23), "inject 3 " + ".".repeat(23),
                "inject 4 " + ".".repeat(23));
    }

    @Test
    void shouldInjectOnASchedule()
    {
        final EventInjectorApp app = new EventInjectorApp();
        network.addNode(7001, new ApplicationHost.Context().applications(List.of(app))
            .properties(Map.of("injector.period.ms", "1", "injector.delay.ms", "0", "injector.count", "5")));
        network.startDutyThread();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (app.injected() < 5 && System.nanoTime() - deadlineNs < 0)
        {
            Thread.yield();
        }
        assertThat(app.injected()).isEqualTo(5);
    }

    @Test
    void shouldRefuseABadCountNamingWhatIsAccepted()
    {
        final EmbeddedNode node = network.addNode(7001, new ApplicationHost.Context().applications(List.of(new EventInjectorApp())));
        network.stepUntil("route registered", 0, MS, 30_000, () -> node.host().route("injector") != null);
        final ApiResponse response = node.host().route("injector")
            .handle(new ApiRequest("POST", "/inject", Map.of("count", "lots"), new byte[0]));
        assertThat(response.status()).isEqualTo(400);
        assertThat(new String(response.body())).contains("\"field\":\"count\"", "1..10000");
    }
}
