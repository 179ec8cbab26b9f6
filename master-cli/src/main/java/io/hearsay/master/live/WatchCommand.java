package io.hearsay.master.live;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code hearsay watch}: a live terminal table of the cluster's nodes (node, status, incarnation, health, members
 * seen alive/suspect/dead, events learned, datagrams/s), redrawn in place; keys 1-9 sort by a column, r reverses,
 * q quits. When the output is not a terminal (or with {@code --plain}) it prints plain lines, one per node per poll.
 */
@Command(mixinStandardHelpOptions = true, name = "watch",
    description = "Live terminal table of every node's state and view (plain lines when not a terminal).")
public final class WatchCommand implements Callable<Integer>
{
    static final String[] COLUMNS = { "node", "state", "incarnation", "health", "alive", "suspect", "dead", "events", "rate" };
    private static final String[] HEADERS = { "node", "status", "inc", "health", "alive", "suspect", "dead", "events", "dgram/s" };

    @Mixin
    LiveTargets targets;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--interval-ms", defaultValue = "1000", description = "refresh interval (default ${DEFAULT-VALUE})")
    long intervalMs;

    @Option(names = "--sort", defaultValue = "node", description = "sort column: " +
        "node, state, incarnation, health, alive, suspect, dead, events, rate (default ${DEFAULT-VALUE})")
    String sort;

    @Option(names = "--desc", description = "sort descending")
    boolean desc;

    @Option(names = "--rows", defaultValue = "40", description = "rows shown in the terminal table (default ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--count", defaultValue = "0", description = "stop after this many refreshes (default 0: until q or interrupted)")
    int count;

    @Option(names = "--plain", description = "plain lines even on a terminal")
    boolean plain;

    private final AtomicReference<String> sortKey = new AtomicReference<>();
    private volatile boolean descending;
    private volatile boolean quit;

    @Override
    public Integer call() throws Exception
    {
        try
        {
            LiveDashboard.sortOf(sort);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--" + ex.getMessage());
        }
        if (intervalMs < 10)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--interval-ms " + intervalMs + "; accepted: >= 10");
        }
        sortKey.set(sort);
        descending = desc;
        final boolean terminal = !plain && System.console() != null;
        final PrintStream out = System.out;
        try (LiveTargets local = targets; LiveCollector collector = new LiveCollector(targets.endpoints(spec), 0, targets.gossipPeriodMs(), null,
            targets.controlAuth(spec), targets.cluster()))
        {
            if (terminal)
            {
                startKeyReader();
                out.print("\033[?25l\033[2J");
            }
            for (int i = 0; (count == 0 || i < count) && !quit; i++)
            {
                final long startNs = System.nanoTime();
                final LiveCollector.Snapshot s = collector.poll();
                if (terminal)
                {
                    out.print(screen(s, sortKey.get(), descending, rows));
                }
                else
                {
                    for (final String line : plainLines(s, sortKey.get(), descending))
                    {
                        out.println(line);
                    }
                }
                out.flush();
                waitUntil(startNs + intervalMs * 1_000_000L);
            }
        }
        finally
        {
            if (terminal)
            {
                out.print("\033[?25h\n");
                out.flush();
                stty("sane");
            }
        }
        return 0;
    }

    private void waitUntil(final long deadlineNs) throws InterruptedException
    {
        String shownSort = sortKey.get();
        boolean shownDesc = descending;
        while (System.nanoTime() < deadlineNs && !quit && shownSort.equals(sortKey.get()) && shownDesc == descending)
        {
            Thread.sleep(20); // a key press redraws early; the refresh interval is the user's
        }
    }


    static List<NodeRow> sorted(final LiveCollector.Snapshot s, final String column, final boolean descending)
    {
        final List<NodeRow> nodes = new ArrayList<>(s.nodes());
        Comparator<NodeRow> order = LiveDashboard.sortOf(column);
        if (descending)
        {
            order = order.reversed();
        }
        nodes.sort(order.thenComparingLong(NodeRow::address));
        return nodes;
    }

    private static String[] cells(final NodeRow n)
    {
        return new String[]{ n.node(), n.state(), Long.toString(n.incarnation()), Integer.toString(n.healthScore()),
            Integer.toString(n.alive()), Integer.toString(n.suspect()), Integer.toString(n.dead()),
            Long.toString(n.eventsLearned()), String.format("%.0f", n.datagramsPerSecond()) };
    }

    /** The table, drawn from the top-left corner, each line cleared to its end. */
    static String screen(final LiveCollector.Snapshot s, final String column, final boolean descending, final int rows)
    {
        final StringBuilder b = new StringBuilder("\033[H");
        final long running = s.nodes().stream().filter(n -> n.state().equals("RUNNING")).count();
        b.append("hearsay watch  ").append(Instant.ofEpochMilli(s.atMs())).append("  nodes ").append(s.nodes().size())
            .append(" (running ").append(running).append(")  disagreements ").append(s.disagreementCount())
            .append(s.droppedTotal() == 0 ? "" : "  DROPPED REPORTS " + s.droppedSummary())
            .append(s.silent().isEmpty() ? "" : "  SILENT " + s.silent()).append("\033[K\n");
        b.append("keys: 1-9 sort by column, r reverse, q quit; sorted by ").append(column)
            .append(descending ? " (desc)" : "").append("\033[K\n");
        final StringBuilder header = new StringBuilder();
        for (int c = 0; c < HEADERS.length; c++)
        {
            final String label = (c + 1) + ":" + HEADERS[c] + (COLUMNS[c].equals(column) ? (descending ? "v" : "^") : "");
            header.append(String.format(c == 0 ? "%-24s" : "%10s", label));
        }
        b.append("\033[7m").append(header).append("\033[0m\033[K\n");
        final List<NodeRow> nodes = sorted(s, column, descending);
        for (int i = 0; i < Math.min(rows, nodes.size()); i++)
        {
            final String[] cells = cells(nodes.get(i));
            final boolean down = !cells[1].equals("RUNNING");
            if (down)
            {
                b.append("\033[31m");
            }
            for (int c = 0; c < cells.length; c++)
            {
                b.append(String.format(c == 0 ? "%-24s" : "%10s", cells[c]));
            }
            b.append(down ? "\033[0m" : "").append("\033[K\n");
        }
        if (nodes.size() > rows)
        {
            b.append("… ").append(nodes.size() - rows).append(" more (--rows)\033[K\n");
        }
        return b.append("\033[J").toString();
    }

    /** One plain line per node: time, then name=value pairs (no colours, no cursor movement). */
    static List<String> plainLines(final LiveCollector.Snapshot s, final String column, final boolean descending)
    {
        final List<String> lines = new ArrayList<>();
        final String at = Instant.ofEpochMilli(s.atMs()).toString();
        for (final NodeRow n : sorted(s, column, descending))
        {
            final String[] cells = cells(n);
            final StringBuilder line = new StringBuilder(at);
            for (int c = 0; c < cells.length; c++)
            {
                line.append(' ').append(HEADERS[c]).append('=').append(cells[c]);
            }
            lines.add(line.toString());
        }
        if (!s.silent().isEmpty())
        {
            lines.add(at + " silent=" + String.join(",", s.silent()));
        }
        if (s.droppedTotal() > 0)
        {
            lines.add(at + " dropped_reports " + s.droppedSummary());
        }
        return lines;
    }

    private void startKeyReader()
    {
        stty("-icanon min 1 -echo");
        final Thread reader = new Thread(() ->
        {
            try
            {
                int key;
                while (!quit && (key = System.in.read()) >= 0)
                {
                    onKey((char)key);
                }
            }
            catch (final IOException ex)
            {
                // no keyboard: the table still refreshes
            }
        }, "watch-keys");
        reader.setDaemon(true);
        reader.start();
    }

    String sortColumn()
    {
        return sortKey.get();
    }

    boolean sortDescending()
    {
        return descending;
    }

    void onKey(final char key)
    {
        if (key == 'q')
        {
            quit = true;
        }
        else if (key == 'r')
        {
            descending = !descending;
        }
        else if (key >= '1' && key <= '0' + COLUMNS.length)
        {
            sortKey.set(COLUMNS[key - '1']);
        }
    }

    private static void stty(final String settings)
    {
        try
        {
            new ProcessBuilder("sh", "-c", "stty " + settings + " < /dev/tty").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
        catch (final IOException ex)
        {
            // no stty: keys arrive after Enter
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
