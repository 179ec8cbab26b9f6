package io.hearsay.daemon.app;

import io.hearsay.core.Addresses;
import io.hearsay.core.Channel;
import io.hearsay.core.MemberStatus;
import io.hearsay.core.Node;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * An in-memory stand-in for a cluster, to test applications and the local API without sockets or the protocol
 * core (like Netty's {@code EmbeddedChannel}): every node is an {@link EmbeddedNode} ({@link Node}) with its
 * own {@link ApplicationHost}; a broadcast reaches every node, data reaches its target, both at the next
 * {@link #step(long)}, optionally in a seeded random order. Single-threaded: {@link #step(long)} is the duty
 * cycle of every node; {@link #startDutyThread()} runs it on a thread of its own.
 */
public final class EmbeddedNetwork implements AutoCloseable
{
    private final Map<Long, EmbeddedNode> nodes = new LinkedHashMap<>();
    private final List<Runnable> inFlight = new ArrayList<>();
    private final ConcurrentLinkedQueue<Runnable> injected = new ConcurrentLinkedQueue<>();
    private final ApplicationDispatcher dispatcher;
    private final Random random;
    private final boolean shuffle;
    private volatile boolean running;
    private Thread dutyThread;
    private long nowNs;

    /**
     * @param dispatcher the application thread for every node's host
     * @param seed       printed by tests; with {@code shuffle} the order of deliveries in a step is a permutation drawn
     *                   from it
     */
    public EmbeddedNetwork(final ApplicationDispatcher dispatcher, final long seed, final boolean shuffle)
    {
        this.dispatcher = dispatcher;
        this.random = new Random(seed);
        this.shuffle = shuffle;
    }

    /** Add a node at {@code 127.0.0.1:port} hosting the given context's applications; every node sees it alive. */
    public EmbeddedNode addNode(final int port, final ApplicationHost.Context ctx)
    {
        final long address = Addresses.pack(0x7F00_0001, port);
        final ApplicationHost host = new ApplicationHost(ctx.dispatcher(dispatcher));
        final EmbeddedNode node = new EmbeddedNode(this, address, host);
        for (final EmbeddedNode other : nodes.values())
        {
            inFlight.add(() -> other.host.onMemberChange(nowNs, other.address, address, MemberStatus.ALIVE, 0));
            inFlight.add(() -> host.onMemberChange(nowNs, address, other.address, MemberStatus.ALIVE, 0));
        }
        nodes.put(address, node);
        host.start(node);
        return node;
    }

    public List<EmbeddedNode> nodes()
    {
        return List.copyOf(nodes.values());
    }

    /** Run a task on the duty cycle (the next {@link #step(long)}); any thread. */
    public void inject(final Runnable task)
    {
        injected.add(task);
    }

    /** One duty cycle of every node: injected tasks, deliveries, then each host's {@code doWork}. @return work done */
    public int step(final long nowNs)
    {
        this.nowNs = nowNs;
        int work = 0;
        Runnable task;
        while (null != (task = injected.poll()))
        {
            task.run();
            work++;
        }
        final List<Runnable> deliveries = new ArrayList<>(inFlight);
        inFlight.clear();
        if (shuffle)
        {
            Collections.shuffle(deliveries, random);
        }
        for (final Runnable delivery : deliveries)
        {
            delivery.run();
            work++;
        }
        for (final EmbeddedNode node : nodes.values())
        {
            work += node.host.doWork(nowNs);
        }
        return work;
    }

    /**
     * Step with a virtual clock advancing {@code stepNs} per step until the condition holds (the application thread
     * runs meanwhile), for at most {@code timeoutMs} of real time.
     *
     * @return the virtual time reached
     * @throws AssertionError naming {@code what} when the deadline passes
     */
    public long stepUntil(
        final String what, final long startNs, final long stepNs, final long timeoutMs, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        long virtualNs = startNs;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("not reached within " + timeoutMs + " ms: " + what);
            }
            step(virtualNs += stepNs);
            Thread.yield();
        }
        return virtualNs;
    }

    /** Step on a thread of its own with {@link System#nanoTime()} until {@link #close()}. */
    public EmbeddedNetwork startDutyThread()
    {
        running = true;
        dutyThread = new Thread(() ->
        {
            while (running)
            {
                if (step(System.nanoTime()) == 0)
                {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
                }
            }
        }, "embedded-duty-cycle");
        dutyThread.setDaemon(true);
        dutyThread.start();
        return this;
    }

    @Override
    public void close()
    {
        running = false;
        if (null != dutyThread)
        {
            try
            {
                dutyThread.join(TimeUnit.SECONDS.toMillis(5));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        for (final EmbeddedNode node : nodes.values())
        {
            node.host.close();
        }
    }

    // ---------------------------------------------------------------- what nodes do (duty cycle)

    void broadcast(final EmbeddedNode origin, final long sequence, final long createdWallNs, final byte[] payload)
    {
        for (final EmbeddedNode node : nodes.values())
        {
            final boolean self = node == origin;
            final Runnable delivery = () -> node.learn(
                nowNs, origin.address, sequence, createdWallNs, self ? 0 : 1, origin.address,
                self ? Channel.ORIGIN : Channel.PUSH, payload);
            if (self)
            {
                delivery.run();
            }
            else
            {
                inFlight.add(delivery);
            }
        }
    }

    boolean sendData(
        final EmbeddedNode from, final long to, final long correlationId, final boolean isResponse, final byte[] data)
    {
        final EmbeddedNode target = nodes.get(to);
        if (null == target || target.down)
        {
            return null != target;
        }
        inFlight.add(() -> target.host.onAppData(
            nowNs, to, from.address, correlationId, isResponse, new UnsafeBuffer(data), 0, data.length));
        return true;
    }

    void forEachMember(final Node.MemberVisitor visitor)
    {
        for (final EmbeddedNode node : nodes.values())
        {
            visitor.onMember(node.address, node.down ? MemberStatus.DEAD : MemberStatus.ALIVE, 0, 0);
        }
    }

    int liveMemberCount()
    {
        int live = 0;
        for (final EmbeddedNode node : nodes.values())
        {
            live += node.down ? 0 : 1;
        }
        return live;
    }
}
