package io.hearsay.bench.macro;

import io.hearsay.bench.BenchArgs;
import io.hearsay.bench.wire.WireMessage;
import io.hearsay.bench.wire.WireSamples;
import io.hearsay.core.Addresses;
import io.hearsay.core.NodeConfig;
import io.hearsay.daemon.shell.HearsayDaemon;
import io.hearsay.daemon.shell.HostedNode;
import io.hearsay.daemon.shell.ShellConfig;
import io.hearsay.daemon.shell.UdpTransport;
import io.hearsay.wire.WirePublisher;
import org.agrona.concurrent.AgentInvoker;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Datagrams per second through one daemon thread on loopback. A {@link HearsayDaemon} hosting {@code --nodes} nodes (ports 32000 on,
 * joined to node 0, given {@code --converge-s} to form their cluster before the load) is stepped by one thread of ours (its duty cycle via {@link AgentInvoker}, busy-spinning), so that thread's CPU
 * time and allocated bytes can be read exactly; {@code --senders} threads blast pre-encoded datagrams of one
 * {@code --kind} at the nodes' ports (round robin) from their own sockets, each datagram's envelope naming its
 * sending socket as a member (with several nodes: a fellow hosted node, so the load adds no member or suspicion). After {@code --warmup-s} seconds it measures {@code --seconds} seconds: datagrams sent,
 * datagrams received and handled by the daemon thread (its rate is the figure), the daemon thread's CPU use and
 * bytes allocated per received datagram.
 * <p>
 * Kinds: {@code push} (a push of a rumor the node knows: decode + duplicate bookkeeping, no answer) or {@code ping}
 * (the node answers each with an ACK: one receive and one send per datagram), or any {@link WireMessage} name.
 * <p>
 * Usage: {@code java -cp benchmarks.jar io.hearsay.bench.macro.LoopbackThroughput [--nodes 1] [--senders 1]
 * [--kind push] [--seconds 10] [--warmup-s 5] [--rcvbuf-bytes 4194304]}
 */
public final class LoopbackThroughput
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private static final int FIRST_PORT = 32_000;

    private volatile int phase;

    public static void main(final String[] args) throws Exception
    {
        final BenchArgs a = BenchArgs.parse(args, java.util.List.of("--nodes", "--senders", "--kind", "--seconds",
            "--warmup-s", "--rcvbuf-bytes", "--converge-s"), java.util.List.of(),
            "--nodes, --senders, --kind push|ping|<WireMessage>, --seconds, --warmup-s, --rcvbuf-bytes, --converge-s");
        final int nodes = a.intValue("--nodes", 1);
        final int senders = a.intValue("--senders", 1);
        final String kind = a.text("--kind", "push");
        final int seconds = a.intValue("--seconds", 10);
        final int warmupS = a.intValue("--warmup-s", 5);
        final int rcvbufBytes = a.intValue("--rcvbuf-bytes", 4 * 1024 * 1024);
        final int convergeS = a.intValue("--converge-s", 180);
        new LoopbackThroughput().run(nodes, senders, kind, seconds, warmupS, rcvbufBytes, convergeS);
    }

    private static WireMessage message(final String kind)
    {
        return switch (kind)
        {
            case "push" -> WireMessage.PUSH;
            case "ping" -> WireMessage.PING;
            default -> WireMessage.valueOf(kind.toUpperCase());
        };
    }

    private void run(
        final int nodeCount, final int senderCount, final String kind, final int seconds, final int warmupS,
        final int rcvbufBytes, final int convergeS) throws Exception
    {
        final WireMessage message = message(kind);
        final NodeConfig nodeConfig = NodeConfig.profile(NodeConfig.Profile.LAN);
        final ShellConfig config = new ShellConfig()
            .bindAddress("127.0.0.1").port(FIRST_PORT).nodes(nodeCount)
            .seeds(new long[]{ Addresses.parse("127.0.0.1:" + FIRST_PORT) }).controlPort(-1).seed(20_261_126L)
            .nodeConfig(nodeConfig).idleStrategy("busy").socketReceiveBufferBytes(rcvbufBytes).conclude();
        try (HearsayDaemon daemon = new HearsayDaemon(config))
        {
            final HostedNode[] hosted = daemon.nodes();
            final InetSocketAddress[] targets = new InetSocketAddress[hosted.length];
            for (int i = 0; i < hosted.length; i++)
            {
                targets[i] = UdpTransport.toSocketAddress(hosted[i].address());
            }
            final AgentInvoker invoker = daemon.invoker();
            final long[] window = new long[8];
            final Thread duty = new Thread(() -> dutyCycle(daemon, invoker, window), "hearsay-daemon-under-test");
            final List<Sender> sendersList = new ArrayList<>();
            for (int s = 0; s < senderCount; s++)
            {
                sendersList.add(new Sender(s, targets, message, nodeConfig, daemon.processBootId()));
            }
            duty.start();
            final long convergeStartNs = System.nanoTime();
            int smallest = awaitMembership(hosted, convergeS);
            final double convergedS = (System.nanoTime() - convergeStartNs) / 1e9;
            sendersList.forEach(Thread::start);

            Thread.sleep(warmupS * 1000L);
            final long sentBefore = sent(sendersList);
            phase = 1;
            Thread.sleep(seconds * 1000L);
            final long sentAfter = sent(sendersList);
            phase = 2;
            duty.join();
            for (final Sender sender : sendersList)
            {
                sender.stop = true;
                sender.join();
            }

            final double elapsedS = (window[4] - window[0]) / 1e9;
            final long received = window[5] - window[1];
            final double cpuS = (window[6] - window[2]) / 1e9;
            final long allocated = window[7] - window[3];
            final long sent = sentAfter - sentBefore;
            System.out.printf("loopback-throughput kind=%s nodes=%d senders=%d seconds=%.1f%n", kind, nodeCount,
                senderCount, elapsedS);
            System.out.printf("  datagram bytes          %d%n", sendersList.get(0).datagramBytes());
            System.out.printf("  membership before load  smallest view %d of %d members after %.1f s%n",
                smallest, nodeCount, convergedS);
            System.out.printf("  sent/s                  %.0f%n", sent / elapsedS);
            System.out.printf("  received+handled/s      %.0f   <- figure: datagrams/s through one daemon thread%n",
                received / elapsedS);
            System.out.printf("  not received            %.1f %% (socket buffer overflow on the receiving side)%n",
                sent > 0 ? 100.0 * Math.max(0, sent - received) / sent : 0.0);
            System.out.printf("  daemon thread CPU       %.0f %% of one core (%.0f ns CPU per datagram)%n",
                100 * cpuS / elapsedS, received > 0 ? cpuS * 1e9 / received : 0.0);
            System.out.printf("  daemon thread allocated %.2f bytes per received datagram (%d bytes)%n",
                received > 0 ? (double)allocated / received : 0.0, allocated);
            System.out.printf("  sends by the nodes      %d (answers; UDP send errors %d)%n",
                messagesSent(hosted), daemon.transport().sendErrors());
            System.out.println("  conditions: " + Conditions.describe());
        }
    }

    /** the nodes form their cluster first (joined to node 0), so the window measures a steady state */
    static int awaitMembership(final HostedNode[] hosted, final int convergeS) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + convergeS * 1_000_000_000L;
        int smallest = 0;
        while (System.nanoTime() - deadlineNs < 0)
        {
            smallest = Integer.MAX_VALUE;
            for (final HostedNode node : hosted)
            {
                smallest = Math.min(smallest, node.protocol().liveMemberCount());
            }
            if (smallest >= hosted.length)
            {
                break;
            }
            Thread.sleep(100);
        }
        return smallest;
    }

    private static long messagesSent(final HostedNode[] hosted)
    {
        long total = 0;
        for (final HostedNode node : hosted)
        {
            total += node.protocol().counters().messagesSent;
        }
        return total;
    }

    private static long sent(final List<Sender> senders)
    {
        long total = 0;
        for (final Sender sender : senders)
        {
            total += sender.sent.get();
        }
        return total;
    }

    /** The daemon thread: steps the duty cycle; snapshots its own counters at the window's edges. */
    private void dutyCycle(final HearsayDaemon daemon, final AgentInvoker invoker, final long[] window)
    {
        final long threadId = Thread.currentThread().getId();
        int seen = 0;
        while (true)
        {
            invoker.invoke();
            final int p = phase;
            if (p != seen)
            {
                final int base = p == 1 ? 0 : 4;
                window[base] = System.nanoTime();
                window[base + 1] = daemon.agent().datagramsReceived();
                window[base + 2] = THREADS.getCurrentThreadCpuTime();
                window[base + 3] = THREADS.getThreadAllocatedBytes(threadId);
                seen = p;
                if (p == 2)
                {
                    return;
                }
            }
        }
    }

    /** One sending thread with its own socket; its datagrams name that socket as their sender. */
    private static final class Sender extends Thread
    {
        final AtomicLong sent = new AtomicLong();
        final DatagramChannel channel;
        final InetSocketAddress[] targets;
        final ByteBuffer[] datagrams;
        volatile boolean stop;

        Sender(
            final int index, final InetSocketAddress[] targets, final WireMessage message, final NodeConfig config,
            final long processBootId) throws IOException
        {
            super("sender-" + index);
            setDaemon(true);
            this.targets = targets;
            channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            final long self = UdpTransport.toAddress((InetSocketAddress)channel.getLocalAddress());
            final WireSamples samples = new WireSamples(1_000);
            datagrams = new ByteBuffer[targets.length];
            for (int t = 0; t < targets.length; t++)
            {
                // with several nodes a datagram names a fellow hosted node as its sender (a known member, same boot
                // id): the load adds no member and no suspicion to the cluster; a lone node hears from the socket
                final long sender = targets.length > 1 ?
                    UdpTransport.toAddress(targets[(t + 1) % targets.length]) : self;
                final WirePublisher publisher = new WirePublisher(config.clusterName(), sender,
                    targets.length > 1 ? processBootId : WireSamples.BOOT_ID, config.packetBudgetBytes());
                samples.target(UdpTransport.toAddress(targets[t]));
                final int length = message.encode(publisher, samples, index);
                datagrams[t] = ByteBuffer.allocateDirect(length);
                publisher.buffer().getBytes(0, datagrams[t], length);
            }
        }

        int datagramBytes()
        {
            return datagrams[0].capacity();
        }

        public void run()
        {
            int next = 0;
            long count = 0;
            try
            {
                while (!stop)
                {
                    final ByteBuffer datagram = datagrams[next];
                    datagram.clear();
                    channel.send(datagram, targets[next]);
                    next = next + 1 == targets.length ? 0 : next + 1;
                    if ((++count & 255) == 0)
                    {
                        sent.addAndGet(256);
                    }
                }
            }
            catch (final IOException ex)
            {
                System.err.println(getName() + ": " + ex);
            }
        }
    }
}
