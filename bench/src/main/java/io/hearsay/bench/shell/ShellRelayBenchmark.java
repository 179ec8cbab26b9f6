package io.hearsay.bench.shell;

import io.hearsay.daemon.shell.HearsayDaemon;
import io.hearsay.daemon.shell.HostedNode;
import io.hearsay.daemon.shell.ShellConfig;
import io.hearsay.core.impair.LinkImpairment;
import io.hearsay.testing.StandInNode;

import java.lang.management.ManagementFactory;

/**
 * Datagrams per second through one daemon thread: K nodes (default 1,000) in one process relay datagrams to random
 * nodes of the same process over loopback UDP; the one duty-cycle thread both receives and sends every datagram.
 * Also reports the thread's heap allocation per datagram in the steady state (JMX thread allocation counter).
 * <pre>
 *   java $FLAGS -cp bench/target/classes:master-cli/target/hearsay.jar io.hearsay.bench.shell.ShellRelayBenchmark \
 *        [nodes=1000] [seconds=10] [inflight-per-node=2] [bytes=100] [impair=none (a link impairment: "loss p=0.1; delay dist=5ms")] [idle=busy]
 * </pre>
 */
public final class ShellRelayBenchmark
{
    private ShellRelayBenchmark()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        final int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        final StandInNode.Relay relay = new StandInNode.Relay(
            args.length > 2 ? Integer.parseInt(args[2]) : 2, args.length > 3 ? Integer.parseInt(args[3]) : 100);
        final String impair = args.length > 4 ? args[4] : "none";
        final String idle = args.length > 5 ? args[5] : "busy";
        final ShellConfig config = new ShellConfig().port(0).nodes(nodes).seed(1).idleStrategy(idle)
            .socketReceiveBufferBytes(256 * 1024).impairment(LinkImpairment.parse("impair=", impair))
            .protocolFactory(relay);
        try (HearsayDaemon daemon = new HearsayDaemon(config))
        {
            final long[] addresses = new long[nodes];
            final HostedNode[] hosted = daemon.nodes();
            for (int i = 0; i < nodes; i++)
            {
                addresses[i] = hosted[i].address();
            }
            relay.addresses(addresses);
            final Thread[] agentThread = new Thread[1];
            daemon.start();
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            for (final Thread t : Thread.getAllStackTraces().keySet())
            {
                if (t.getName().equals("hearsay-shell"))
                {
                    agentThread[0] = t;
                }
            }
            // warm up, then measure
            final long warmupEndNs = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() - warmupEndNs < 0)
            {
                Thread.onSpinWait();
            }
            final long startReceived = daemon.agent().datagramsReceived();
            final long startAllocated = threads.getThreadAllocatedBytes(agentThread[0].getId());
            final long startNs = System.nanoTime();
            Thread.sleep(seconds * 1000L); // measuring a fixed window, not waiting for a condition
            final long elapsedNs = System.nanoTime() - startNs;
            final long received = daemon.agent().datagramsReceived() - startReceived;
            final long allocated = threads.getThreadAllocatedBytes(agentThread[0].getId()) - startAllocated;
            System.out.printf("nodes=%d inflight=%d bytes=%d impair=%s idle=%s: %.0f datagrams/s received (each also " +
                "sent) by one thread; %.2f bytes allocated per datagram; send errors %d, buffer full %d%n",
                nodes, nodes * relay.inFlightPerNode(), relay.datagramBytes(), impair, idle,
                received * 1e9 / elapsedNs, (double)allocated / Math.max(1, received),
                daemon.transport().sendErrors(), daemon.transport().sendBufferFull());
        }
    }
}
