package io.hearsay.master.cluster;

import io.hearsay.daemon.control.ControlClient;
import io.hearsay.core.MemberStatus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Asks the daemons of a cluster over their control ports what they know: per-process STATUS (running nodes, smallest
 * and largest live-member view, how many know an event) and per-node REPORTs with member tables. Processes are asked
 * {@link #PARALLELISM} at a time; one that does not answer is named in the snapshot instead of failing the poll.
 */
public final class ClusterProbe implements AutoCloseable
{
    public static final int PARALLELISM = 8;

    /** Aggregate of the STATUS answers of a set of processes. */
    public record Snapshot(int asked, int answered, int running, int minLive, int maxLive, int knowing,
        long messagesSent, List<String> silent)
    {
        public boolean allAnswered()
        {
            return answered == asked;
        }
    }

    private final ClusterState state;
    private final ControlPorts control;
    private final ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM, r ->
    {
        final Thread t = new Thread(r, "cluster-probe");
        t.setDaemon(true);
        return t;
    });

    public ClusterProbe(final ClusterState state, final ControlPorts control)
    {
        this.state = state;
        this.control = control;
    }

    /** STATUS of each container in {@code containers}; {@code origin} 0 when no event is asked about */
    public Snapshot status(final Collection<Integer> containers, final long origin, final long sequence)
    {
        final List<Future<Object>> answers = new ArrayList<>();
        for (final int c : containers)
        {
            final ContainerSlot slot = state.plan().slots().get(c);
            answers.add(pool.submit(() ->
            {
                try
                {
                    return control.client(slot).status(origin, sequence);
                }
                catch (final IOException ex)
                {
                    return slot.label();
                }
            }));
        }
        int answered = 0;
        int running = 0;
        int minLive = Integer.MAX_VALUE;
        int maxLive = 0;
        int knowing = 0;
        long sent = 0;
        final List<String> silent = new ArrayList<>();
        for (final Future<Object> f : answers)
        {
            final Object answer = get(f);
            if (answer instanceof ControlClient.ProcessStatus s)
            {
                answered++;
                running += s.running();
                if (s.running() > 0)
                {
                    minLive = Math.min(minLive, s.minLiveMembers());
                    maxLive = Math.max(maxLive, s.maxLiveMembers());
                }
                knowing += s.knowingEvent();
                sent += s.messagesSent();
            }
            else
            {
                silent.add(String.valueOf(answer));
            }
        }
        return new Snapshot(containers.size(), answered, running, minLive == Integer.MAX_VALUE ? 0 : minLive, maxLive,
            knowing, sent, silent);
    }

    /**
     * Every node's member table, for the nodes of {@code containers}: observer node address -> (member -> status).
     * Processes that do not answer are left out.
     */
    public Map<Long, Map<Long, MemberStatus>> views(final Collection<Integer> containers)
    {
        final List<Future<List<ControlClient.NodeReport>>> answers = new ArrayList<>();
        for (final int c : containers)
        {
            final ContainerSlot slot = state.plan().slots().get(c);
            answers.add(pool.submit(() ->
            {
                try
                {
                    return control.client(slot).report(0, true, 0, 0);
                }
                catch (final IOException ex)
                {
                    return List.of();
                }
            }));
        }
        final Map<Long, Map<Long, MemberStatus>> views = new HashMap<>();
        for (final Future<List<ControlClient.NodeReport>> f : answers)
        {
            final List<ControlClient.NodeReport> reports = get(f);
            for (final ControlClient.NodeReport report : reports)
            {
                final Map<Long, MemberStatus> view = new HashMap<>();
                for (final ControlClient.Member m : report.members())
                {
                    view.put(m.address(), m.status());
                }
                views.put(report.nodeAddress(), view);
            }
        }
        return views;
    }

    private static <T> T get(final Future<T> f)
    {
        try
        {
            return f.get();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
        catch (final java.util.concurrent.ExecutionException ex)
        {
            throw new IllegalStateException(ex.getCause());
        }
    }

    @Override
    public void close()
    {
        pool.shutdownNow();
    }
}
