package io.hearsay.master.analysis;

import io.hearsay.records.run.RunSummary;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A run folder as {@code local}, {@code sim} and the Docker lab write it: {@code config.properties} (every setting
 * and the seed), {@code summary.json}, and the event-log queues under {@code logs/} (one Chronicle queue folder per
 * process, found at any depth below {@code logs/}), optionally {@code clock-offsets.properties}.
 */
public final class RunFolder
{
    public static final String LOGS = "logs";
    public static final String CONFIG = "config.properties";

    private final Path dir;

    public RunFolder(final Path dir)
    {
        this.dir = dir;
    }

    public Path dir()
    {
        return dir;
    }

    public Path logsDir()
    {
        return dir.resolve(LOGS);
    }

    public Path summaryFile()
    {
        return dir.resolve(RunSummary.FILE_NAME);
    }

    public boolean hasLogs()
    {
        return Files.isDirectory(logsDir());
    }

    public boolean hasSummary()
    {
        return Files.isRegularFile(summaryFile());
    }

    /** True when this looks like a run folder (it has logs/, summary.json or config.properties). */
    public static boolean isRunFolder(final Path dir)
    {
        return Files.isDirectory(dir.resolve(LOGS)) || Files.isRegularFile(dir.resolve(RunSummary.FILE_NAME)) ||
            Files.isRegularFile(dir.resolve(CONFIG));
    }

    /**
     * Run folders at or below {@code root} (a run folder's own subfolders are not searched), sorted by path.
     */
    public static List<Path> find(final Path root) throws IOException
    {
        final List<Path> found = new ArrayList<>();
        collect(root, found, 0);
        found.sort(null);
        return found;
    }

    private static void collect(final Path dir, final List<Path> found, final int depth) throws IOException
    {
        if (isRunFolder(dir))
        {
            found.add(dir);
            return;
        }
        if (depth >= 6)
        {
            return;
        }
        try (Stream<Path> children = Files.list(dir))
        {
            for (final Path child : (Iterable<Path>)children.sorted()::iterator)
            {
                if (Files.isDirectory(child))
                {
                    collect(child, found, depth + 1);
                }
            }
        }
    }

    /**
     * Queue folders under logs/: every folder holding a {@code .cq4} or {@code .cq4t} file, plus every leaf folder
     * that holds neither (an empty queue folder: a process that wrote nothing), sorted by path.
     */
    public List<Path> queueDirs() throws IOException
    {
        final List<Path> dirs = new ArrayList<>();
        if (!hasLogs())
        {
            return dirs;
        }
        try (Stream<Path> walk = Files.walk(logsDir(), 4))
        {
            walk.filter(Files::isDirectory).filter(d -> !d.equals(logsDir())).forEach(d ->
            {
                try (Stream<Path> files = Files.list(d))
                {
                    final List<Path> entries = files.toList();
                    final boolean queue = entries.stream().anyMatch(RunFolder::isQueueFile);
                    final boolean leaf = entries.stream().noneMatch(Files::isDirectory);
                    if (queue || leaf)
                    {
                        dirs.add(d);
                    }
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        dirs.sort(null);
        return dirs;
    }

    static boolean isQueueFile(final Path file)
    {
        final String name = file.getFileName().toString();
        return name.endsWith(".cq4") || name.endsWith(".cq4t");
    }

    /**
     * What ran: summary.json's configuration fields if it exists (its events are ignored), with anything it leaves
     * empty filled from config.properties (keys matched loosely: {@code gossip-period-ms}, {@code gossip_period_ms},
     * {@code gossipPeriodMs} are one key).
     */
    public RunSummary readConfiguration() throws IOException
    {
        final RunSummary s = hasSummary() ? RunSummary.read(summaryFile()) : new RunSummary();
        final Path config = dir.resolve(CONFIG);
        if (Files.isRegularFile(config))
        {
            final Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8))
            {
                props.load(reader);
            }
            final Properties loose = new Properties();
            for (final String key : props.stringPropertyNames())
            {
                loose.setProperty(looseKey(key), props.getProperty(key).trim());
            }
            if (s.source.isEmpty())
            {
                s.source = loose.getProperty("source", "");
            }
            if (s.runId.isEmpty())
            {
                s.runId = loose.getProperty("runid", loose.getProperty("id", ""));
            }
            if (s.nodes == 0)
            {
                s.nodes = parseLong(loose, "nodes", config);
            }
            if (s.processes == 0)
            {
                s.processes = parseLong(loose, "processes", config);
            }
            if (s.strategy.isEmpty())
            {
                s.strategy = loose.getProperty("strategy", "");
            }
            if (s.timing.isEmpty())
            {
                s.timing = loose.getProperty("timing", "");
            }
            if (s.fanout == 0)
            {
                s.fanout = (int)parseLong(loose, "fanout", config);
            }
            if (s.gossipPeriodMs == 0)
            {
                s.gossipPeriodMs = parseDouble(loose, "gossipperiodms", config);
            }
            if (s.loss == 0)
            {
                s.loss = parseDouble(loose, "loss", config);
            }
            if (s.seed == 0)
            {
                s.seed = parseLong(loose, "seed", config);
            }
            if (s.fidelity.isEmpty())
            {
                s.fidelity = loose.getProperty("fidelity", "");
            }
        }
        if (s.runId.isEmpty())
        {
            s.runId = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        }
        s.events.clear();
        return s;
    }

    static String looseKey(final String key)
    {
        return key.replace("-", "").replace("_", "").replace(".", "").toLowerCase(Locale.ROOT).trim();
    }

    private static long parseLong(final Properties loose, final String key, final Path file)
    {
        final String text = loose.getProperty(key);
        if (text == null || text.isEmpty())
        {
            return 0;
        }
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(file + ": " + key + " = '" + text + "' is not an integer");
        }
    }

    private static double parseDouble(final Properties loose, final String key, final Path file)
    {
        final String text = loose.getProperty(key);
        if (text == null || text.isEmpty())
        {
            return 0;
        }
        try
        {
            return Double.parseDouble(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(file + ": " + key + " = '" + text + "' is not a number");
        }
    }

    /** For messages: the path relative to the run folder. */
    public String relative(final Path path)
    {
        try
        {
            return dir.relativize(path).toString();
        }
        catch (final IllegalArgumentException ex)
        {
            return path.toString();
        }
    }

    @Override
    public String toString()
    {
        return dir.toString();
    }
}
