package io.hearsay.master.analysis;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Per-host clock offsets against the master as measured for a multi-host run ({@code clock-hosts.properties}):
 * {@code HOST.offset_ns} (host clock − master clock), {@code HOST.uncertainty_ns} (half the round trip of the best
 * exchange), {@code HOST.containers}. The per-address corrections that curves and report apply are in
 * {@link ClockOffsets}'s file; this one is what the run summary shows, with a warning when the uncertainty is a
 * noticeable fraction ({@link #WARN_FRACTION}) of the propagation time measured.
 */
public final class HostClocks
{
    public static final String FILE_NAME = "clock-hosts.properties";
    /** the uncertainty above which a time figure is flagged: this fraction of the mean time to reach every node */
    public static final double WARN_FRACTION = 0.05;

    /** One host: its offset, the uncertainty of it, and how many of the run's containers it ran. */
    public record Host(String host, long offsetNs, long uncertaintyNs, int containers)
    {
    }

    private HostClocks()
    {
    }

    public static void write(final Path runDir, final List<Host> hosts) throws IOException
    {
        final Properties p = new Properties();
        for (final Host h : hosts)
        {
            p.setProperty(h.host() + ".offset_ns", Long.toString(h.offsetNs()));
            p.setProperty(h.host() + ".uncertainty_ns", Long.toString(h.uncertaintyNs()));
            p.setProperty(h.host() + ".containers", Integer.toString(h.containers()));
        }
        try (Writer w = Files.newBufferedWriter(runDir.resolve(FILE_NAME), StandardCharsets.UTF_8))
        {
            p.store(w, "clock offsets per host against the master (NTP-style exchange over the control channel)");
        }
    }

    /** The hosts of {@code runDir}'s file, by name; empty when it has none. */
    public static List<Host> load(final Path runDir) throws IOException
    {
        final Path file = runDir.resolve(FILE_NAME);
        final List<Host> hosts = new ArrayList<>();
        if (!Files.isRegularFile(file))
        {
            return hosts;
        }
        final Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            p.load(r);
        }
        final Map<String, Host> byName = new TreeMap<>();
        for (final String key : p.stringPropertyNames())
        {
            if (key.endsWith(".offset_ns"))
            {
                final String host = key.substring(0, key.length() - ".offset_ns".length());
                try
                {
                    byName.put(host, new Host(host, Long.parseLong(p.getProperty(key).trim()),
                        Long.parseLong(p.getProperty(host + ".uncertainty_ns", "0").trim()),
                        Integer.parseInt(p.getProperty(host + ".containers", "0").trim())));
                }
                catch (final NumberFormatException ex)
                {
                    throw new IllegalArgumentException(file + ": host '" + host + "' has a value that is not an integer");
                }
            }
        }
        hosts.addAll(byName.values());
        return hosts;
    }

    /** What a run summary says about clocks: the hosts (of the first run folder that has them) and the warning, if any. */
    public record Section(List<Host> hosts, double propagationMs, String warning)
    {
    }

    /**
     * The clock section for runs drawn together: the hosts of the first run folder with a host clock file, the mean
     * time to reach every informed node over all events, and the warning; null when no run folder has host clocks.
     */
    public static Section of(final List<CollectedRun> runs) throws IOException
    {
        List<Host> hosts = List.of();
        for (final CollectedRun run : runs)
        {
            hosts = load(run.folder.dir());
            if (!hosts.isEmpty())
            {
                break;
            }
        }
        if (hosts.isEmpty())
        {
            return null;
        }
        double sumMs = 0;
        int events = 0;
        for (final CollectedRun run : runs)
        {
            for (final EventCurve e : run.events)
            {
                final double t = e.timeToFractionMs(1.0, e.informed());
                if (t >= 0 && !Double.isNaN(t))
                {
                    sumMs += t;
                    events++;
                }
            }
        }
        final double propagationMs = events == 0 ? Double.NaN : sumMs / events;
        return new Section(hosts, propagationMs, warning(hosts, propagationMs));
    }

    /** The summary's {@code clock_offsets} section: each host's offset and uncertainty in ms. */
    public static List<Object> toJson(final List<Host> hosts)
    {
        final List<Object> list = new ArrayList<>();
        for (final Host h : hosts)
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", h.host());
            m.put("offset_ms", h.offsetNs() / 1e6);
            m.put("uncertainty_ms", h.uncertaintyNs() / 1e6);
            m.put("containers", h.containers());
            list.add(m);
        }
        return list;
    }

    /**
     * A warning when the largest uncertainty is at least {@link #WARN_FRACTION} of {@code propagationMs} (the mean time
     * for an event to reach every node), else null.
     */
    public static String warning(final List<Host> hosts, final double propagationMs)
    {
        long worstNs = 0;
        String worst = "";
        for (final Host h : hosts)
        {
            if (h.uncertaintyNs() > worstNs)
            {
                worstNs = h.uncertaintyNs();
                worst = h.host();
            }
        }
        if (worstNs == 0 || !(propagationMs > 0) || worstNs / 1e6 < WARN_FRACTION * propagationMs)
        {
            return null;
        }
        return String.format(Locale.ROOT, "clock offset uncertainty %.2f ms (host %s) is %.0f %% of the propagation " +
            "time %.1f ms: times between hosts are good to about that much", worstNs / 1e6, worst,
            100 * worstNs / 1e6 / propagationMs, propagationMs);
    }
}
