package io.hearsay.master.live;

import io.hearsay.daemon.control.ControlAuth;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load generator's reports make a full view and a spreading event at the master; reports of another cluster,
 * another schema version or without the control key's tag are counted and dropped. Polls with a deadline.
 */
class LiveLoadGeneratorTest
{
    /** A generator answering on its own thread until closed. */
    private static final class Running implements AutoCloseable
    {
        final LiveLoadGenerator generator;
        final Thread thread;

        Running(final LiveLoadGenerator generator)
        {
            this.generator = generator;
            thread = new Thread(() ->
            {
                try
                {
                    generator.run(120_000);
                }
                catch (final IOException ex)
                {
                    throw new java.io.UncheckedIOException(ex);
                }
            }, "live-load");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException
        {
            thread.interrupt();
            thread.join(10_000);
            generator.close();
        }
    }

    private static LiveCollector.Snapshot pollUntil(
        final LiveCollector collector, final String what, final java.util.function.Predicate<LiveCollector.Snapshot> done)
    {
        final long deadline = System.nanoTime() + 60_000_000_000L;
        LiveCollector.Snapshot s = collector.poll();
        while (!done.test(s))
        {
            assertThat(System.nanoTime()).as("waiting for: " + what + "; last: " + s.nodes().size() + " nodes, dropped " +
                s.droppedReports() + ", silent " + s.silent()).isLessThan(deadline);
            s = collector.poll();
        }
        return s;
    }

    @Test
    void shouldFormAFullViewAndFollowAnEventFromSyntheticReports() throws Exception
    {
        final int n = 300;
        try (Running load = new Running(new LiveLoadGenerator(n, 3, 2000, 50, "hearsay", null, null, 1));
            LiveCollector collector = new LiveCollector(load.generator.endpoints(), 0, 50, null, null, "hearsay"))
        {
            final LiveCollector.Snapshot full = pollUntil(collector, "a full view",
                s -> s.nodes().size() == n && s.viewEntries() == (long)n * n);
            assertThat(full.heatMap().cells()).hasSize(LiveCollector.HEAT_MAP_BLOCKS * LiveCollector.HEAT_MAP_BLOCKS);
            assertThat(full.droppedTotal()).isZero();
            collector.inject(0, "synthetic");
            final LiveCollector.Snapshot spread = pollUntil(collector, "every node knowing", s -> s.knowing() == n);
            assertThat(spread.curve().size()).isLessThanOrEqualTo(LiveCollector.CURVE_POINTS + 1);
            // a refutation every 2 s, adopted over 1 s: the views split on an incarnation, then agree again
            pollUntil(collector, "an incarnation split", s -> s.disagreementCount() > 0);
            pollUntil(collector, "agreement again", s -> s.disagreementCount() == 0);
        }
    }

    @Test
    void shouldCountAndDropReportsOfAnotherClusterAnotherVersionOrForged() throws Exception
    {
        final ControlAuth key = ControlAuth.ofToken("the-cluster-token");
        try (Running ours = new Running(new LiveLoadGenerator(4, 1, 60_000, 50, "hearsay", key, null, 1));
            Running theirs = new Running(new LiveLoadGenerator(3, 1, 60_000, 50, "elsewhere", key, null, 2));
            Running unsigned = new Running(new LiveLoadGenerator(5, 1, 60_000, 50, "hearsay", null, null, 3));
            Running signed = new Running(new LiveLoadGenerator(6, 1, 60_000, 50, "hearsay", key, null, 4));
            VersionRewriter rewriter = new VersionRewriter(signed.generator.endpoints().get(0));
            LiveCollector collector = new LiveCollector(List.of(ours.generator.endpoints().get(0),
                theirs.generator.endpoints().get(0), unsigned.generator.endpoints().get(0), rewriter.address()),
                0, 50, null, ControlAuth.ofToken("the-cluster-token"), "hearsay"))
        {
            final LiveCollector.Snapshot s = pollUntil(collector, "every kind of bad report dropped",
                x -> x.droppedReports().get("foreign_cluster") >= 3 && x.droppedReports().get("forged") >= 5 &&
                    x.droppedReports().get("wrong_version") >= 6 && x.nodes().size() == 4);
            assertThat(s.nodes()).as("only our cluster's signed reports are kept").hasSize(4);
            assertThat(s.silent()).anySatisfy(line -> assertThat(line).contains("cluster elsewhere, not hearsay"));
            assertThat(s.silent()).hasSize(3);
            assertThat(s.droppedSummary()).contains("foreign_cluster=").contains("wrong_version=").contains("forged=");
            final String screen = WatchCommand.screen(s, "node", false, 10);
            assertThat(screen).contains("DROPPED REPORTS foreign_cluster=");
            assertThat(String.join("\n", WatchCommand.plainLines(s, "node", false))).contains("dropped_reports foreign_cluster=").contains(" forged=");
            final java.util.Map<String, Object> view = LiveDashboard.view(s);
            assertThat(view.get("droppedReports")).isEqualTo(s.droppedReports());
        }
    }

    /** A UDP relay to one control endpoint that rewrites the schema version of every answer (an older daemon). */
    private static final class VersionRewriter implements AutoCloseable
    {
        private final DatagramSocket front = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        private final DatagramSocket back = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        private final List<Thread> threads = new ArrayList<>();
        private volatile SocketAddress client;

        VersionRewriter(final InetSocketAddress target) throws IOException
        {
            relay(front, () -> target, false);
            relay(back, () -> client, true);
        }

        private void relay(final DatagramSocket from, final Supplier<SocketAddress> to, final boolean rewrite)
        {
            final Thread t = new Thread(() ->
            {
                final byte[] buffer = new byte[65_536];
                while (!from.isClosed())
                {
                    try
                    {
                        final DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                        from.receive(p);
                        if (!rewrite)
                        {
                            client = p.getSocketAddress();
                        }
                        else
                        {
                            buffer[6] = 1; // the header's version, little endian: 1 instead of this build's
                            buffer[7] = 0;
                        }
                        (rewrite ? front : back).send(new DatagramPacket(buffer, p.getLength(), to.get()));
                    }
                    catch (final IOException ex)
                    {
                        return;
                    }
                }
            }, "version-rewriter");
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }

        InetSocketAddress address()
        {
            return (InetSocketAddress)front.getLocalSocketAddress();
        }

        @Override
        public void close()
        {
            front.close();
            back.close();
        }
    }
}
