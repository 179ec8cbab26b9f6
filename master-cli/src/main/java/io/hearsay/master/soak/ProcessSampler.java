package io.hearsay.master.soak;

import io.hearsay.daemon.control.ControlClient;
import io.hearsay.master.cluster.ChildDaemon;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Samples each daemon process of a soak: resident memory ({@code VmRSS} of /proc/PID/status), CPU (utime + stime of
 * /proc/PID/stat, as cores used since the last sample) and its nodes' views (the control port's STATUS: running
 * nodes, smallest and largest live-member count). One CSV line per process per sample.
 */
final class ProcessSampler
{
    /** Linux's USER_HZ: clock ticks per second in /proc/PID/stat */
    private static final double TICKS_PER_SECOND = 100.0;

    private final List<ChildDaemon> children;
    private final long[] lastTicks;
    private final long[] lastNs;
    private final long[] rss;
    private final double[] cores;
    private final int[] running;
    private final int[] minLive;
    private final int[] maxLive;

    ProcessSampler(final List<ChildDaemon> children)
    {
        this.children = children;
        final int n = children.size();
        lastTicks = new long[n];
        lastNs = new long[n];
        rss = new long[n];
        cores = new double[n];
        running = new int[n];
        minLive = new int[n];
        maxLive = new int[n];
        for (int i = 0; i < n; i++)
        {
            lastTicks[i] = cpuTicks(children.get(i).process.pid());
            lastNs[i] = System.nanoTime();
        }
    }

    void sample(final Writer out) throws IOException
    {
        for (int i = 0; i < children.size(); i++)
        {
            final ChildDaemon child = children.get(i);
            final long pid = child.process.pid();
            final long nowNs = System.nanoTime();
            final long ticks = cpuTicks(pid);
            cores[i] = ticks < 0 || lastTicks[i] < 0 || nowNs == lastNs[i] ? -1 :
                (ticks - lastTicks[i]) / TICKS_PER_SECOND / ((nowNs - lastNs[i]) / 1e9);
            lastTicks[i] = ticks;
            lastNs[i] = nowNs;
            rss[i] = residentBytes(pid);
            try
            {
                final ControlClient.ProcessStatus status = child.control.status(0, 0);
                running[i] = status.running();
                minLive[i] = status.minLiveMembers();
                maxLive[i] = status.maxLiveMembers();
            }
            catch (final IOException ex)
            {
                running[i] = -1;
                minLive[i] = -1;
                maxLive[i] = -1;
            }
            out.write(System.currentTimeMillis() + "," + child.index + "," + pid + "," + rss[i] + "," +
                String.format(java.util.Locale.ROOT, "%.3f", cores[i]) + "," + running[i] + "," + minLive[i] + "," +
                maxLive[i] + "\n");
        }
    }

    /** One line: running nodes, live views, RSS and CPU over all processes at the last sample. */
    String summary()
    {
        int run = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        long rssSum = 0;
        double cpu = 0;
        for (int i = 0; i < children.size(); i++)
        {
            run += Math.max(0, running[i]);
            min = Math.min(min, minLive[i]);
            max = Math.max(max, maxLive[i]);
            rssSum += Math.max(0, rss[i]);
            cpu += Math.max(0, cores[i]);
        }
        return String.format(java.util.Locale.ROOT, "%d nodes running, live views %d..%d, RSS %d MiB, CPU %.2f cores",
            run, min, max, rssSum >> 20, cpu);
    }

    static long residentBytes(final long pid)
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/" + pid + "/status")))
            {
                if (line.startsWith("VmRSS:"))
                {
                    final String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024;
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
        return -1;
    }

    static long cpuTicks(final long pid)
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name (field 2) may hold spaces; fields after its closing parenthesis start at field 3
            final String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }
}
