package io.hearsay.master.swarm;

import io.hearsay.core.Addresses;
import io.hearsay.daemon.control.ControlClient;
import io.hearsay.master.analysis.ClockOffsets;
import io.hearsay.master.analysis.HostClocks;
import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.ContainerSlot;
import io.hearsay.master.cluster.ControlPorts;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Clock offsets of every host against the master, NTP-style over the control channel: the master notes its wall clock
 * t0, asks a daemon for a REPORT (which carries the daemon's wall clock t1, the clock its event records are stamped
 * with, read when it answers), notes t2 when the answer arrives; offset = t1 − (t0 + t2) / 2, good to ± (t2 − t0) / 2. The exchange with the
 * shortest round trip of {@link #SAMPLES} per container wins, and per host the best of its containers (they share the
 * host's clock). Written to the run folder as {@link ClockOffsets}' file (applied by curves and report) and
 * {@link HostClocks}' file (shown in the run summary).
 */
public final class ClockProbe
{
    public static final int SAMPLES = 8;

    /** One exchange's result for one container. */
    record Sample(int container, long offsetNs, long uncertaintyNs)
    {
    }

    private ClockProbe()
    {
    }

    /** The master's wall clock in ns since the epoch (the daemons stamp records the same way). */
    static long wallNs()
    {
        final Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** The offset from one exchange: the daemon's stamp against the middle of the master's round trip. */
    static Sample sample(final int container, final long t0Ns, final long daemonNs, final long t2Ns)
    {
        return new Sample(container, daemonNs - (t0Ns + (t2Ns - t0Ns) / 2), (t2Ns - t0Ns + 1) / 2);
    }

    /** The best of {@link #SAMPLES} exchanges with the first node of {@code slot}'s daemon; null when it did not answer. */
    static Sample measure(final ControlClient client, final ContainerSlot slot)
    {
        Sample best = null;
        final long node = Addresses.pack(slot.ipv4(), slot.basePort());
        for (int i = 0; i < SAMPLES; i++)
        {
            try
            {
                final long t0 = wallNs();
                final List<ControlClient.NodeReport> reports = client.report(node, false, 0, 0);
                final long t2 = wallNs();
                if (!reports.isEmpty())
                {
                    final Sample s = sample(slot.index(), t0, reports.get(0).wallNs(), t2);
                    best = best == null || s.uncertaintyNs() < best.uncertaintyNs() ? s : best;
                }
            }
            catch (final IOException ex)
            {
                // a lost exchange: the others decide
            }
        }
        return best;
    }

    /** Per host, the best sample among its containers, from samples and each container's host. */
    static List<HostClocks.Host> perHost(final List<Sample> samples, final Map<Integer, SwarmTask> tasks)
    {
        final Map<String, Sample> best = new TreeMap<>();
        final Map<String, Integer> counts = new TreeMap<>();
        for (final SwarmTask t : tasks.values())
        {
            counts.merge(t.host(), 1, Integer::sum);
        }
        for (final Sample s : samples)
        {
            final SwarmTask t = tasks.get(s.container());
            if (t != null)
            {
                best.merge(t.host(), s, (a, b) -> b.uncertaintyNs() < a.uncertaintyNs() ? b : a);
            }
        }
        final List<HostClocks.Host> hosts = new ArrayList<>();
        best.forEach((host, s) -> hosts.add(new HostClocks.Host(host, s.offsetNs(), s.uncertaintyNs(),
            counts.getOrDefault(host, 0))));
        return hosts;
    }

    /**
     * Measures every running container of {@code state} and writes both files; returns the hosts measured (a host
     * none of whose daemons answered is left out, and so not corrected).
     */
    public static List<HostClocks.Host> measureAndWrite(final ClusterState state, final ControlPorts control)
        throws IOException
    {
        final Map<Integer, SwarmTask> tasks = SwarmLab.readTasks(state.runDir());
        final List<Sample> samples = new ArrayList<>();
        for (final ContainerSlot slot : state.plan().slots())
        {
            if (tasks.containsKey(slot.index()))
            {
                final Sample s = measure(control.client(slot), slot);
                if (s != null)
                {
                    samples.add(s);
                }
            }
        }
        final List<HostClocks.Host> hosts = perHost(samples, tasks);
        HostClocks.write(state.runDir(), hosts);
        final Map<String, Long> offsetByHost = new TreeMap<>();
        hosts.forEach(h -> offsetByHost.put(h.host(), h.offsetNs()));
        final Properties offsets = new Properties();
        for (final SwarmTask t : tasks.values())
        {
            final Long offset = offsetByHost.get(t.host());
            if (offset != null && t.ipv4() != 0)
            {
                offsets.setProperty(io.hearsay.master.cluster.NetworkKind.dotted(t.ipv4()), Long.toString(offset));
            }
        }
        final Path file = state.runDir().resolve(ClockOffsets.FILE_NAME);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            offsets.store(w, "node clock - master clock (ns) per container address, its host's best exchange");
        }
        return hosts;
    }
}
