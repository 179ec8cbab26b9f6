package io.hearsay.daemon.app;

import io.hearsay.core.Addresses;
import io.hearsay.core.CoreEventSink;
import io.hearsay.core.EventLearned;
import io.hearsay.core.MemberStatus;
import io.hearsay.core.Node;
import io.hearsay.spi.ApiRoute;
import io.hearsay.spi.Cluster;
import io.hearsay.spi.DataHandler;
import io.hearsay.spi.Event;
import io.hearsay.spi.EventId;
import io.hearsay.spi.EventListener;
import io.hearsay.spi.GossipApplication;
import io.hearsay.spi.IncomingData;
import io.hearsay.spi.Member;
import io.hearsay.spi.MembershipListener;
import io.hearsay.spi.RequestTimeoutException;
import io.hearsay.spi.Response;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hosts the applications of one node. Two bounded queues join two threads:
 * <ul>
 *   <li>duty cycle → application thread: the {@link CoreEventSink} callbacks become events, data, membership
 *   changes and future completions offered to a one-to-one queue; when it is full they are counted
 *   ({@link ApplicationHostCounters#callbacksDropped}) and dropped, never waited for. Completions of pending
 *   requests are never dropped: they wait in a duty-cycle-owned overflow list and are offered again.</li>
 *   <li>applications and the local API → duty cycle: commands offered to a many-to-one queue that
 *   {@link #doWork(long)} drains, so the node is only ever touched on its own thread. When it is full the caller
 *   gets an {@link IllegalStateException} at once.</li>
 * </ul>
 * Nothing on the duty-cycle side allocates unless someone listens: without subscribers a callback is a few
 * volatile reads.
 */
public final class ApplicationHost implements CoreEventSink, AutoCloseable
{
    /** Settings of a host; defaults suit a daemon. */
    public static final class Context
    {
        private int callbackQueueCapacity = 4096;
        private int commandQueueCapacity = 4096;
        private int commandsPerDutyCycle = 256;
        private long memberSnapshotPeriodNs = 100_000_000L;
        private EpochNanoClock wallClock = new SystemEpochNanoClock();
        private ApplicationDispatcher dispatcher;
        private List<GossipApplication> applications = List.of();
        private Map<String, String> properties = Map.of();

        /** Callbacks queued for the application thread before further ones are dropped (a power of two is used). */
        public Context callbackQueueCapacity(final int capacity)
        {
            callbackQueueCapacity = requirePositive("callbackQueueCapacity", capacity);
            return this;
        }

        /** Commands queued for the duty cycle before callers are refused. */
        public Context commandQueueCapacity(final int capacity)
        {
            commandQueueCapacity = requirePositive("commandQueueCapacity", capacity);
            return this;
        }

        /** Commands executed per {@link #doWork(long)} at most, so applications cannot stall the protocol. */
        public Context commandsPerDutyCycle(final int limit)
        {
            commandsPerDutyCycle = requirePositive("commandsPerDutyCycle", limit);
            return this;
        }

        /** Minimum time between two member-list snapshots taken for the application side. */
        public Context memberSnapshotPeriodNs(final long periodNs)
        {
            if (periodNs < 0)
            {
                throw new IllegalArgumentException("memberSnapshotPeriodNs = " + periodNs + " is out of range; accepted: >= 0");
            }
            memberSnapshotPeriodNs = periodNs;
            return this;
        }

        /** Wall clock stamped on created events. */
        public Context wallClock(final EpochNanoClock clock)
        {
            wallClock = clock;
            return this;
        }

        /** The application thread to use (shared by the hosts of a process); without one the host starts its own. */
        public Context dispatcher(final ApplicationDispatcher dispatcher)
        {
            this.dispatcher = dispatcher;
            return this;
        }

        /** The applications to host (fresh instances, for this node only). */
        public Context applications(final List<GossipApplication> applications)
        {
            this.applications = List.copyOf(applications);
            return this;
        }

        /** Values served by {@link Cluster#property}. */
        public Context properties(final Map<String, String> properties)
        {
            this.properties = Map.copyOf(properties);
            return this;
        }

        private static int requirePositive(final String name, final int value)
        {
            if (value < 1)
            {
                throw new IllegalArgumentException(name + " = " + value + " is out of range; accepted: >= 1");
            }
            return value;
        }
    }

    private final Context ctx;
    private final ApplicationHostCounters counters = new ApplicationHostCounters();
    private final OneToOneConcurrentArrayQueue<Object> callbackQueue;
    private final ManyToOneConcurrentArrayQueue<HostCommand> commandQueue;
    private final ArrayDeque<Completion> undelivered = new ArrayDeque<>();
    private final Long2ObjectHashMap<PendingRequest> pendingRequests = new Long2ObjectHashMap<>();
    private final ConcurrentLinkedControl control = new ConcurrentLinkedControl();
    private final Consumer<HostCommand> commandExecutor = this::execute;
    private final Consumer<Object> callbackRunner = this::runCallback;
    private final List<Member> snapshotBuilder = new ArrayList<>();
    private final ApplicationDispatcher dispatcher;
    private final boolean ownsDispatcher;
    private final HostedCluster cluster;

    final CopyOnWriteArrayList<EventListener> eventListeners = new CopyOnWriteArrayList<>();
    final CopyOnWriteArrayList<DataHandler> dataHandlers = new CopyOnWriteArrayList<>();
    final CopyOnWriteArrayList<MembershipListener> membershipListeners = new CopyOnWriteArrayList<>();

    private Node node;
    private long nowNs;
    private long earliestRequestDeadlineNs = Long.MAX_VALUE;
    private boolean membersChanged = true;
    private long lastSnapshotNs;
    private boolean snapshotTaken;

    volatile long selfAddress;
    volatile int maxEventPayloadBytes;
    volatile int maxDataBytes;
    volatile boolean snapshotWanted;
    private volatile boolean snapshotRequested;
    volatile List<Member> memberSnapshot;
    volatile int liveMemberCount;
    private volatile boolean started;
    /** until the applications have subscribed, callbacks are queued anyway so that none is missed */
    private volatile boolean appsStarting;
    private volatile boolean closed;

    public ApplicationHost(final Context ctx)
    {
        this.ctx = ctx;
        callbackQueue = new OneToOneConcurrentArrayQueue<>(ctx.callbackQueueCapacity);
        commandQueue = new ManyToOneConcurrentArrayQueue<>(ctx.commandQueueCapacity);
        if (null == ctx.dispatcher)
        {
            dispatcher = new ApplicationDispatcher("hearsay-apps").start();
            ownsDispatcher = true;
        }
        else
        {
            dispatcher = ctx.dispatcher;
            ownsDispatcher = false;
        }
        cluster = new HostedCluster(this, ctx.properties);
    }

    /**
     * Bind the node and start the applications (each {@code start(cluster)} runs on the application thread).
     * Call once, on the duty-cycle thread or before it runs, before the first {@link #doWork(long)}.
     */
    public ApplicationHost start(final Node node)
    {
        if (started)
        {
            throw new IllegalStateException("application host already started");
        }
        this.node = node;
        selfAddress = node.selfAddress();
        maxEventPayloadBytes = node.maxEventPayloadBytes();
        maxDataBytes = node.maxDataBytes();
        liveMemberCount = node.liveMemberCount();
        started = true;
        if (!ctx.applications.isEmpty())
        {
            wantSnapshot();
            appsStarting = true;
            control.add(() ->
            {
                for (final GossipApplication app : ctx.applications)
                {
                    try
                    {
                        app.start(cluster);
                    }
                    catch (final Throwable t)
                    {
                        counters.callbackErrors.incrementAndGet();
                        System.err.println("hearsay: application " + app.name() + " failed to start: " + t);
                    }
                }
                appsStarting = false;
            });
        }
        dispatcher.add(this);
        return this;
    }

    /** The handle applications and the local API use; thread-safe. */
    public Cluster cluster()
    {
        return cluster;
    }

    public ApplicationHostCounters counters()
    {
        return counters;
    }

    public List<GossipApplication> applications()
    {
        return ctx.applications;
    }

    /** An application's local API route on this node, or null. */
    public ApiRoute route(final String name)
    {
        return cluster.route(name);
    }

    /** Names of the local API routes applications registered on this node. */
    public Set<String> routeNames()
    {
        return cluster.routeNames();
    }

    /**
     * Answer a request this node received (what {@link IncomingData#reply} does; for the local API).
     *
     * @throws io.hearsay.spi.PayloadTooLargeException if the reply exceeds {@link Cluster#maxDataBytes()}
     * @throws IllegalStateException if the command queue is full
     */
    public void respond(final long toAddress, final long correlationId, final byte[] data)
    {
        cluster.respond(toAddress, correlationId, data);
    }

    /**
     * Duty-cycle step: execute queued commands on the node, expire overdue requests, hand pending completions to the
     * application thread, refresh the member snapshot when it changed and is wanted.
     *
     * @return work done
     */
    public int doWork(final long nowNs)
    {
        this.nowNs = nowNs;
        int work = 0;
        if (!undelivered.isEmpty())
        {
            work += retryUndelivered();
        }
        work += commandQueue.drain(commandExecutor, ctx.commandsPerDutyCycle);
        if (earliestRequestDeadlineNs - nowNs <= 0)
        {
            work += expireRequests(nowNs);
        }
        if (snapshotRequested)
        {
            snapshotRequested = false;
            membersChanged = true;
        }
        if (membersChanged && (!snapshotTaken || nowNs - lastSnapshotNs >= ctx.memberSnapshotPeriodNs))
        {
            work += refreshMembers(nowNs);
        }
        return work;
    }

    /**
     * Stop the applications (on the application thread while it runs, waiting up to 5 s; else on the caller's) and
     * detach from the dispatcher. Close the hosts before their dispatcher.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (started && !ctx.applications.isEmpty())
        {
            final CountDownLatch stopped = new CountDownLatch(1);
            final Runnable stopApplications = () ->
            {
                for (final GossipApplication app : ctx.applications)
                {
                    try
                    {
                        app.stop();
                    }
                    catch (final Throwable t)
                    {
                        counters.callbackErrors.incrementAndGet();
                    }
                }
                stopped.countDown();
            };
            if (dispatcher.isRunning() && Thread.currentThread() != dispatcher.thread())
            {
                control.add(stopApplications);
                awaitQuietly(stopped);
            }
            else
            {
                stopApplications.run();
            }
        }
        eventListeners.clear();
        dataHandlers.clear();
        membershipListeners.clear();
        dispatcher.remove(this);
        if (ownsDispatcher)
        {
            dispatcher.close();
        }
    }

    private static void awaitQuietly(final CountDownLatch stopped)
    {
        try
        {
            if (!stopped.await(5, TimeUnit.SECONDS))
            {
                System.err.println("hearsay: applications did not stop within 5 s");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- CoreEventSink (duty-cycle thread)

    @Override
    public void onEventLearned(final EventLearned event)
    {
        if (appsStarting || !eventListeners.isEmpty())
        {
            final byte[] copy = new byte[event.payloadLength()];
            event.payload().getBytes(event.payloadOffset(), copy);
            offerCallback(new Event(
                new EventId(event.origin(), event.sequence()), event.createdWallNs(), event.hops(), event.fromAddress(), copy));
        }
    }

    @Override
    public void onMemberChange(
        final long nowNs, final long node, final long member, final MemberStatus status, final long incarnation)
    {
        membersChanged = true;
        if (appsStarting || !membershipListeners.isEmpty())
        {
            offerCallback(new Member(member, Addresses.toString(member), mirror(status), incarnation));
        }
    }

    @Override
    public void onAppData(
        final long nowNs, final long node, final long from, final long correlationId, final boolean isResponse,
        final DirectBuffer data, final int offset, final int length)
    {
        if (isResponse)
        {
            final PendingRequest pending = pendingRequests.remove(correlationId);
            if (null == pending)
            {
                counters.responsesUnmatched.incrementAndGet();
                return;
            }
            deliver(new Completion(pending.future, new Response(from, correlationId, copy(data, offset, length)), null));
        }
        else if (appsStarting || !dataHandlers.isEmpty())
        {
            offerCallback(new HostedIncomingData(from, correlationId, copy(data, offset, length)));
        }
        else
        {
            counters.dataUnhandled.incrementAndGet();
        }
    }

    @Override
    public void onRequestTimeout(final long nowNs, final long node, final long correlationId)
    {
        final PendingRequest pending = pendingRequests.remove(correlationId);
        if (null != pending)
        {
            timeOut(pending);
        }
    }

    // ---------------------------------------------------------------- duty-cycle internals

    /** Hand a completion to the application thread; kept and retried when the queue is full (never lost). */
    void deliver(final Completion completion)
    {
        if (!undelivered.isEmpty() || !callbackQueue.offer(completion))
        {
            undelivered.addLast(completion);
        }
    }

    void addPending(final long correlationId, final PendingRequest pending)
    {
        pendingRequests.put(correlationId, pending);
        if (pending.deadlineNs - earliestRequestDeadlineNs < 0)
        {
            earliestRequestDeadlineNs = pending.deadlineNs;
        }
    }

    private void offerCallback(final Object callback)
    {
        if (!callbackQueue.offer(callback))
        {
            counters.callbacksDropped.incrementAndGet();
        }
    }

    private void execute(final HostCommand command)
    {
        counters.commandsExecuted.incrementAndGet();
        try
        {
            command.execute(this, node, nowNs);
        }
        catch (final Throwable t)
        {
            counters.commandErrors.incrementAndGet();
            command.onError(this, t);
        }
    }

    private int retryUndelivered()
    {
        int work = 0;
        Completion c;
        while (null != (c = undelivered.peekFirst()) && callbackQueue.offer(c))
        {
            undelivered.pollFirst();
            work++;
        }
        return work;
    }

    private int expireRequests(final long nowNs)
    {
        int expired = 0;
        long earliest = Long.MAX_VALUE;
        final Long2ObjectHashMap<PendingRequest>.EntryIterator it = pendingRequests.entrySet().iterator();
        while (it.hasNext())
        {
            it.next();
            final PendingRequest pending = it.getValue();
            if (pending.deadlineNs - nowNs <= 0)
            {
                it.remove();
                timeOut(pending);
                expired++;
            }
            else if (pending.deadlineNs - earliest < 0 || earliest == Long.MAX_VALUE)
            {
                earliest = pending.deadlineNs;
            }
        }
        earliestRequestDeadlineNs = earliest;
        return expired;
    }

    private void timeOut(final PendingRequest pending)
    {
        counters.requestsTimedOut.incrementAndGet();
        deliver(new Completion(
            pending.future, null, new RequestTimeoutException(Addresses.toString(pending.toAddress), pending.timeoutMs)));
    }

    private int refreshMembers(final long nowNs)
    {
        liveMemberCount = node.liveMemberCount();
        membersChanged = false;
        if (!snapshotWanted)
        {
            return 0;
        }
        snapshotBuilder.clear();
        node.forEachMember((address, status, incarnation, bootId) ->
            snapshotBuilder.add(new Member(address, Addresses.toString(address), mirror(status), incarnation)));
        memberSnapshot = Collections.unmodifiableList(new ArrayList<>(snapshotBuilder));
        snapshotTaken = true;
        lastSnapshotNs = nowNs;
        return 1;
    }

    /** Ask for member snapshots from now on, the first at the next duty cycle (any thread). */
    void wantSnapshot()
    {
        if (!snapshotWanted)
        {
            snapshotWanted = true;
            snapshotRequested = true;
        }
    }

    boolean offerCommand(final HostCommand command)
    {
        if (closed || !commandQueue.offer(command))
        {
            counters.commandsRefused.incrementAndGet();
            return false;
        }
        return true;
    }

    long wallClockNs()
    {
        return ctx.wallClock.nanoTime();
    }

    int commandQueueCapacity()
    {
        return ctx.commandQueueCapacity;
    }

    // ---------------------------------------------------------------- application thread

    /** Called by the dispatcher on the application thread. */
    int dispatch(final int limit)
    {
        int work = control.runAll();
        work += callbackQueue.drain(callbackRunner, limit);
        return work;
    }

    private void runCallback(final Object callback)
    {
        try
        {
            if (callback instanceof Event)
            {
                for (final EventListener l : eventListeners)
                {
                    l.onEvent((Event)callback);
                }
            }
            else if (callback instanceof Member)
            {
                for (final MembershipListener l : membershipListeners)
                {
                    l.onMemberChange((Member)callback);
                }
            }
            else if (callback instanceof IncomingData)
            {
                for (final DataHandler h : dataHandlers)
                {
                    h.onData((IncomingData)callback);
                }
            }
            else if (callback instanceof Completion)
            {
                ((Completion)callback).run();
            }
        }
        catch (final Throwable t)
        {
            if (counters.callbackErrors.getAndIncrement() == 0)
            {
                System.err.println("hearsay: an application callback threw (further ones only counted): " + t);
            }
        }
    }

    static io.hearsay.spi.MemberStatus mirror(final MemberStatus status)
    {
        return io.hearsay.spi.MemberStatus.fromOrdinal(status.ordinal());
    }

    private static byte[] copy(final DirectBuffer data, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        data.getBytes(offset, bytes);
        return bytes;
    }

    private final class HostedIncomingData extends IncomingData
    {
        HostedIncomingData(final long fromAddress, final long correlationId, final byte[] data)
        {
            super(fromAddress, correlationId, data);
        }

        @Override
        public void reply(final byte[] replyData)
        {
            cluster.respond(fromAddress(), correlationId(), replyData);
        }
    }

    @Override
    public String toString()
    {
        return "ApplicationHost[" + Addresses.toString(selfAddress) + "]";
    }
}
