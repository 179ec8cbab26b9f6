package io.hearsay.daemon.app;

import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The application thread: one per process, serving every {@link ApplicationHost}'s callback queue in turn, so a
 * process hosting a thousand nodes runs one application thread, not a thousand. Idle, it backs off to parking
 * {@code 1 ms}, which bounds the latency of a callback when the process is quiet.
 */
public final class ApplicationDispatcher implements Agent, AutoCloseable
{
    /** callbacks run per host per duty cycle, so one busy host cannot starve the others */
    static final int CALLBACKS_PER_HOST_PER_CYCLE = 64;

    private volatile ApplicationHost[] hosts = new ApplicationHost[0];
    private final String threadName;
    private AgentRunner runner;
    private volatile Thread thread;
    private volatile boolean running;

    public ApplicationDispatcher(final String threadName)
    {
        this.threadName = threadName;
    }

    /** Start the application thread. */
    public ApplicationDispatcher start()
    {
        runner = new AgentRunner(
            new BackoffIdleStrategy(10, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1)),
            Throwable::printStackTrace, null, this);
        AgentRunner.startOnThread(runner, r ->
        {
            final Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        return this;
    }

    /** The application thread, once started; null before. */
    public Thread thread()
    {
        return thread;
    }

    synchronized void add(final ApplicationHost host)
    {
        final ApplicationHost[] next = Arrays.copyOf(hosts, hosts.length + 1);
        next[hosts.length] = host;
        hosts = next;
    }

    synchronized void remove(final ApplicationHost host)
    {
        hosts = Arrays.stream(hosts).filter(h -> h != host).toArray(ApplicationHost[]::new);
    }

    /** Is the application thread running (started, not yet closed)? */
    public boolean isRunning()
    {
        return running;
    }

    @Override
    public void onStart()
    {
        thread = Thread.currentThread();
        running = true;
    }

    @Override
    public void onClose()
    {
        running = false;
    }

    @Override
    public int doWork()
    {
        int work = 0;
        for (final ApplicationHost host : hosts)
        {
            work += host.dispatch(CALLBACKS_PER_HOST_PER_CYCLE);
        }
        return work;
    }

    @Override
    public String roleName()
    {
        return threadName;
    }

    @Override
    public void close()
    {
        running = false;
        CloseHelper.close(runner);
    }
}
