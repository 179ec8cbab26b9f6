package io.hearsay.sampleapps.kv;

import io.hearsay.daemon.app.ApplicationDispatcher;
import io.hearsay.daemon.app.ApplicationHost;
import io.hearsay.daemon.app.EmbeddedNetwork;
import io.hearsay.daemon.app.EmbeddedNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicatedKvAppTest
{
    private static final long SEED = 1126L;
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ApplicationDispatcher dispatcher = new ApplicationDispatcher("kv-apps").start();
    private final EmbeddedNetwork network = new EmbeddedNetwork(dispatcher, SEED, true);
    private final List<ReplicatedKvApp> apps = new ArrayList<>();

    @AfterEach
    void tearDown()
    {
        network.close();
        dispatcher.close();
    }

    private void nodes(final int count, final long fixedWallNs)
    {
        for (int i = 0; i < count; i++)
        {
            final ReplicatedKvApp app = new ReplicatedKvApp();
            apps.add(app);
            final ApplicationHost.Context ctx = new ApplicationHost.Context().applications(List.of(app));
            if (fixedWallNs > 0)
            {
                ctx.wallClock(() -> fixedWallNs);
            }
            network.addNode(7001 + i, ctx);
        }
        network.stepUntil("apps started", 0, MS, 30_000, () -> apps.stream().allMatch(ReplicatedKvApp::isStarted));
    }

    @Test
    void shouldConvergeOnTheHighestOriginWhenConcurrentWritesTie() throws Exception
    {
        nodes(3, 1_000L);
        final List<EmbeddedNode> nodes = network.nodes();
        final List<CompletableFuture<?>> writes = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            writes.add(nodes.get(i).host().cluster().broadcast(new KvCommand("color", "from-" + (7001 + i)).encode()));
        }
        network.stepUntil("every replica holds the winner (seed " + SEED + ")", 0, MS, 30_000,
            () -> writes.stream().allMatch(CompletableFuture::isDone) &&
                apps.stream().allMatch(a -> "from-7003".equals(a.store().get("color"))));
        assertThat(apps).extracting(a -> a.store().snapshot()).containsOnly(Map.of("color", "from-7003"));
    }

    @Test
    void shouldConvergeWhenEveryNodeWritesManyKeys()
    {
        nodes(4, 0);
        final List<EmbeddedNode> nodes = network.nodes();
        for (int round = 0; round < 20; round++)
        {
            for (final EmbeddedNode node : nodes)
            {
                node.host().cluster().broadcast(new KvCommand("k" + (round % 5), node.address() + "/" + round).encode());
            }
            network.step(round * MS);
        }
        network.stepUntil("all replicas equal with 5 keys (seed " + SEED + ")", 100 * MS, MS, 30_000,
            () ->
            {
                final Map<String, String> first = apps.get(0).store().snapshot();
                return first.size() == 5 && apps.stream().allMatch(a -> a.store().snapshot().equals(first));
            });
        assertThat(apps.get(0).store().snapshot()).hasSize(5);
    }

    @Test
    void shouldApplyWritesBroadcastByAnyProgramAsPlainEvents()
    {
        nodes(2, 0);
        network.nodes().get(0).host().cluster().broadcast("kv1 set greeting\nhello");
        network.stepUntil("greeting at both", 0, MS, 30_000,
            () -> apps.stream().allMatch(a -> "hello".equals(a.store().get("greeting"))));
        network.nodes().get(1).host().cluster().broadcast("kv1 del greeting");
        network.stepUntil("greeting deleted at both", 0, MS, 30_000,
            () -> apps.stream().allMatch(a -> a.store().get("greeting") == null && a.store().entry("greeting") != null));
    }
}
