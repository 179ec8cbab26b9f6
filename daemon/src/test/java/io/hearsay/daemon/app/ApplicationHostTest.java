package io.hearsay.daemon.app;

import io.hearsay.core.Channel;
import io.hearsay.core.EventLearned;
import io.hearsay.core.MemberStatus;
import io.hearsay.spi.Cluster;
import io.hearsay.spi.Event;
import io.hearsay.spi.EventId;
import io.hearsay.spi.GossipApplication;
import io.hearsay.spi.Member;
import io.hearsay.spi.PayloadTooLargeException;
import io.hearsay.spi.RequestTimeoutException;
import io.hearsay.spi.Response;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplicationHostTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ApplicationDispatcher dispatcher = new ApplicationDispatcher("test-apps");
    private final EmbeddedNetwork network = new EmbeddedNetwork(dispatcher, 42, false);
    private long nowNs = 1_000 * MS;

    @AfterEach
    void tearDown()
    {
        network.close();
        dispatcher.close();
    }

    @Test
    void shouldExecuteCommandsOnTheNodeOnlyInsideDoWork() throws Exception
    {
        dispatcher.start();
        final EmbeddedNode node = network.addNode(7001, new ApplicationHost.Context());
        final Cluster cluster = node.host().cluster();

        final CompletableFuture<Event> created = cluster.broadcast("hello");
        assertThat(node.calls()).isEmpty();

        network.step(nowNs);
        assertThat(node.calls()).containsExactly("broadcast:1");
        assertThat(node.lastCallThread()).isSameAs(Thread.currentThread());
        final Event event = created.get(30, TimeUnit.SECONDS);
        assertThat(event.id()).isEqualTo(new EventId(node.address(), 1));
        assertThat(event.payloadAsString()).isEqualTo("hello");
    }

    @Test
    void shouldRunCallbacksAndFutureStagesOnTheApplicationThread() throws Exception
    {
        dispatcher.start();
        final EmbeddedNode a = network.addNode(7001, new ApplicationHost.Context());
        final EmbeddedNode b = network.addNode(7002, new ApplicationHost.Context());
        final List<Thread> eventThreads = new CopyOnWriteArrayList<>();
        final List<String> payloads = new CopyOnWriteArrayList<>();
        b.host().cluster().onEvent(e ->
        {
            eventThreads.add(Thread.currentThread());
            payloads.add(e.payloadAsString());
        });
        final AtomicReference<Thread> stageThread = new AtomicReference<>();
        a.host().cluster().broadcast("x").thenRun(() -> stageThread.set(Thread.currentThread()));

        network.step(nowNs);
        network.step(nowNs + MS);

        Poll.until("event at b and the stage at a", WAIT, () -> payloads.size() == 1 && stageThread.get() != null);
        assertThat(payloads).containsExactly("x");
        assertThat(eventThreads).containsOnly(dispatcher.thread());
        assertThat(stageThread.get()).isSameAs(dispatcher.thread()).isNotSameAs(Thread.currentThread());
    }

    @Test
    void shouldCountAndDropCallbacksWhenTheApplicationQueueIsFullWithoutBlocking()
    {
        // the dispatcher is not started: nothing drains the callback queue
        final EmbeddedNode node = network.addNode(7001, new ApplicationHost.Context().callbackQueueCapacity(4));
        final List<Event> seen = new CopyOnWriteArrayList<>();
        node.host().cluster().onEvent(seen::add);
        final ApplicationHost host = node.host();
        final byte[] payload = "p".getBytes(StandardCharsets.UTF_8);

        for (int i = 1; i <= 10; i++)
        {
            host.onEventLearned(new EventLearned().set(nowNs, node.address(), 99, i, 0, 0, 1, 99, Channel.PUSH, new UnsafeBuffer(payload), 0, 1));
        }

        assertThat(host.counters().callbacksDropped.get()).isEqualTo(6);
        dispatcher.doWork();
        assertThat(seen).extracting(e -> e.id().sequence()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void shouldNotCopyEventsWhenNobodyListens()
    {
        final EmbeddedNode node = network.addNode(7001, new ApplicationHost.Context().callbackQueueCapacity(4));
        final byte[] payload = "p".getBytes(StandardCharsets.UTF_8);
        for (int i = 1; i <= 10; i++)
        {
            node.host().onEventLearned(new EventLearned().set(nowNs, node.address(), 99, i, 0, 0, 1, 99, Channel.PUSH, new UnsafeBuffer(payload), 0, 1));
        }
        assertThat(node.host().counters().callbacksDropped.get()).isZero();
    }

    @Test
    void shouldCompleteARequestWithTheMembersReply() throws Exception
    {
        dispatcher.start();
        final EmbeddedNode a = network.addNode(7001, new ApplicationHost.Context());
        final EmbeddedNode b = network.addNode(7002, new ApplicationHost.Context());
        b.host().cluster().onData(d -> d.reply("echo:" + d.dataAsString()));

        // a virtual hour: the reply needs b's application thread, which a loaded machine may hold up for real seconds
        final CompletableFuture<Response> reply = a.host().cluster().request(b.address(), "ping".getBytes(), 3_600_000);
        network.stepUntil("the reply", nowNs, MS, 30_000, reply::isDone);
        final Response response = reply.get(30, TimeUnit.SECONDS);
        assertThat(response.dataAsString()).isEqualTo("echo:ping");
        assertThat(response.fromAddress()).isEqualTo(b.address());
        assertThat(b.calls()).containsExactly("respond:" + a.address() + ":1");
    }

    @Test
    void shouldTimeOutARequestOnTheSteppedClock()
    {
        dispatcher.start();
        final EmbeddedNode a = network.addNode(7001, new ApplicationHost.Context());
        final EmbeddedNode b = network.addNode(7002, new ApplicationHost.Context());
        b.down(true);

        final CompletableFuture<Response> reply = a.host().cluster().request(b.address(), "ping".getBytes(), 100);
        network.step(nowNs);
        network.step(nowNs + 99 * MS);
        assertThat(a.host().counters().requestsTimedOut.get()).isZero();
        network.step(nowNs + 100 * MS);
        assertThat(a.host().counters().requestsTimedOut.get()).isEqualTo(1);

        assertThatThrownBy(() -> reply.get(30, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(RequestTimeoutException.class)
            .hasMessageContaining("127.0.0.1:7002").hasMessageContaining("100 ms");
    }

    @Test
    void shouldRefuseAnOversizedPayloadNamingBothSizes()
    {
        final EmbeddedNode node = network.addNode(7001, new ApplicationHost.Context());
        final Cluster cluster = node.host().cluster();
        assertThatThrownBy(() -> cluster.broadcast(new byte[2000]))
            .isInstanceOf(PayloadTooLargeException.class)
            .hasMessage("event payload of 2000 bytes exceeds the limit of 1024 bytes");
        assertThatThrownBy(() -> cluster.request(node.address(), new byte[1273], 10))
            .isInstanceOf(PayloadTooLargeException.class).hasMessageContaining("1273").hasMessageContaining("1272");
        assertThatThrownBy(() -> cluster.request(node.address(), new byte[1], 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeoutMs = 0");
    }

    @Test
    void shouldRefuseCommandsAtOnceWhenTheCommandQueueIsFull()
    {
        final EmbeddedNode node = network.addNode(7001, new ApplicationHost.Context().commandQueueCapacity(2));
        final Cluster cluster = node.host().cluster();
        cluster.broadcast("1");
        cluster.broadcast("2");
        assertThatThrownBy(() -> cluster.broadcast("3"))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("capacity 2");
        assertThat(node.host().counters().commandsRefused.get()).isEqualTo(1);
        network.step(nowNs);
        assertThat(node.calls()).containsExactly("broadcast:1", "broadcast:2");
    }

    @Test
    void shouldSnapshotTheMemberTableForTheApplicationSide()
    {
        dispatcher.start();
        final EmbeddedNode a = network.addNode(7001, new ApplicationHost.Context().memberSnapshotPeriodNs(0));
        network.addNode(7002, new ApplicationHost.Context());
        final List<Member> changes = new CopyOnWriteArrayList<>();
        a.host().cluster().onMembershipChange(changes::add);
        network.step(nowNs);

        Poll.until("a member change at a", WAIT, () -> changes.size() == 1);
        assertThat(changes.get(0).addressText()).isEqualTo("127.0.0.1:7002");
        assertThat(changes.get(0).status()).isEqualTo(io.hearsay.spi.MemberStatus.ALIVE);
        assertThat(a.host().cluster().members()).extracting(Member::addressText)
            .containsExactly("127.0.0.1:7001", "127.0.0.1:7002");
        assertThat(a.host().cluster().liveMemberCount()).isEqualTo(2);
    }

    @Test
    void shouldStartAndStopHostedApplicationsOnTheApplicationThread()
    {
        dispatcher.start();
        final RecordingApp app = new RecordingApp();
        final EmbeddedNode node = network.addNode(7001, new ApplicationHost.Context().applications(List.of(app)));
        Poll.until("app started", WAIT, () -> app.startThread.get() != null);
        assertThat(app.startThread.get()).isSameAs(dispatcher.thread());
        node.host().close();
        assertThat(app.stopThread.get()).isSameAs(dispatcher.thread());
    }

    @Test
    void shouldMirrorTheCoreMemberStatusByName()
    {
        for (final MemberStatus status : MemberStatus.values())
        {
            assertThat(ApplicationHost.mirror(status).name()).isEqualTo(status.name());
        }
        assertThat(io.hearsay.spi.MemberStatus.values()).hasSameSizeAs(MemberStatus.values());
    }

    static final class RecordingApp implements GossipApplication
    {
        final AtomicReference<Thread> startThread = new AtomicReference<>();
        final AtomicReference<Thread> stopThread = new AtomicReference<>();

        @Override
        public void start(final Cluster cluster)
        {
            startThread.set(Thread.currentThread());
        }

        @Override
        public void stop()
        {
            stopThread.set(Thread.currentThread());
        }
    }
}
