package io.hearsay.master.analysis;

import io.hearsay.sim.run.RunFolder;
import io.hearsay.sim.scenario.Fault;
import io.hearsay.sim.scenario.Scenario;
import io.hearsay.sim.scenario.ScenarioAction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads a simulator run's {@code scenario.txt} (times from the event's creation, which the simulator's records
 * place at {@link RunFolder#VIRTUAL_EPOCH_NS}) into {@link FaultWindow fault windows} of layer {@code sim} on the
 * records' wall clock:
 * <ul>
 * <li>a sleep lasts its duration;</li>
 * <li>a partition lasts until a {@code heal} of the same two groups or a bare {@code heal};</li>
 * <li>crash and leave last until a {@code restart} of the same nodes (else any restart);</li>
 * <li>loss (every link, Gilbert-Elliott, or at chosen nodes), delay, duplicate and reorder last until the next line
 * of the same fault (which replaces them; a probability of 0 opens nothing);</li>
 * <li>the groups a partition names are not faults. A scenario the simulator's parser refuses is reported and not shaded.</li>
 * </ul>
 */
public final class SimScenarioReader
{
    public static final String FILE = "scenario.txt";
    public static final String LAYER = "sim";

    private final Consumer<String> warnings;

    public SimScenarioReader(final Consumer<String> warnings)
    {
        this.warnings = warnings;
    }

    /** @return the windows in order of start, none when the folder has no scenario.txt or it is refused */
    public List<FaultWindow> read(final Path runDir, final long nodes) throws IOException
    {
        final Path file = runDir.resolve(FILE);
        final List<FaultWindow> closed = new ArrayList<>();
        if (!Files.isRegularFile(file))
        {
            return closed;
        }
        final Scenario scenario;
        try
        {
            scenario = Scenario.parse(Files.readString(file, StandardCharsets.UTF_8), (int)Math.min(nodes, 1 << 30));
        }
        catch (final IllegalArgumentException ex)
        {
            warnings.accept(file + ": " + ex.getMessage() + "; no fault window shaded");
            return closed;
        }
        final double zeroMs = RunFolder.VIRTUAL_EPOCH_NS / 1e6;
        final List<Opened> open = new ArrayList<>();
        for (final ScenarioAction a : scenario.actions())
        {
            final double atMs = zeroMs + a.atNs() / 1e6;
            final Fault f = a.fault();
            switch (f)
            {
                case GROUP ->
                {
                }
                case SLEEP -> closed.add(new FaultWindow(
                    LAYER, f.word(), label(a), atMs, atMs + a.durationNs() / 1e6, true));
                case HEAL -> close(open, closed, atMs, o -> o.action.groupA() != null &&
                    (a.groupA() == null || sameGroups(o.action, a)));
                case RESTART ->
                {
                    final boolean same = open.stream().anyMatch(o -> isDown(o.action) && sameNodes(o.action, a));
                    close(open, closed, atMs, o -> isDown(o.action) && (!same || sameNodes(o.action, a)));
                }
                case PARTITION, PARTITION_ONEWAY, CRASH, LEAVE -> open.add(new Opened(a, atMs));
                default ->
                {
                    close(open, closed, atMs, o -> o.action.fault() == f &&
                        (f != Fault.DROP_IN && f != Fault.DROP_OUT || sameNodes(o.action, a)));
                    if (f == Fault.LATENCY || a.p()[0] > 0)
                    {
                        open.add(new Opened(a, atMs));
                    }
                }
            }
        }
        for (final Opened o : open)
        {
            closed.add(o.window(FaultWindow.OPEN));
        }
        closed.sort((x, y) -> Double.compare(x.startMs(), y.startMs()));
        return closed;
    }

    private static boolean isDown(final ScenarioAction a)
    {
        return a.fault() == Fault.CRASH || a.fault() == Fault.LEAVE;
    }

    private static boolean sameNodes(final ScenarioAction a, final ScenarioAction b)
    {
        return a.firstNode() == b.firstNode() && a.lastNode() == b.lastNode();
    }

    private static boolean sameGroups(final ScenarioAction a, final ScenarioAction b)
    {
        return Objects.equals(a.groupA(), b.groupA()) && Objects.equals(a.groupB(), b.groupB()) ||
            Objects.equals(a.groupA(), b.groupB()) && Objects.equals(a.groupB(), b.groupA());
    }

    private static void close(
        final List<Opened> open, final List<FaultWindow> closed, final double atMs,
        final Predicate<Opened> matches)
    {
        for (final Iterator<Opened> it = open.iterator(); it.hasNext(); )
        {
            final Opened o = it.next();
            if (matches.test(o))
            {
                closed.add(o.window(atMs));
                it.remove();
            }
        }
    }

    /** "sim loss p=0.2", "sim partition n0-n4/n5-n9", "sim sleep nodes 3-5 500 ms". */
    static String label(final ScenarioAction a)
    {
        final StringBuilder s = new StringBuilder(LAYER).append(' ').append(a.fault().word());
        switch (a.fault())
        {
            case PARTITION, PARTITION_ONEWAY -> s.append(' ').append(a.groupA()).append('/').append(a.groupB());
            case LATENCY -> s.append(' ').append(a.latency());
            case LOSS, DUPLICATE, REORDER -> s.append(" p=").append(a.p()[0]);
            case DROP_IN, DROP_OUT -> nodes(s, a).append(" p=").append(a.p()[0])
                .append(a.fault() == Fault.DROP_IN ? " side=in" : " side=out");
            case SLEEP -> nodes(s, a).append(' ').append(a.durationNs() / 1_000_000).append(" ms");
            case CRASH, LEAVE -> nodes(s, a);
            default ->
            {
            }
        }
        return s.toString();
    }

    private static StringBuilder nodes(final StringBuilder s, final ScenarioAction a)
    {
        s.append(" nodes ").append(a.firstNode());
        return a.lastNode() == a.firstNode() ? s : s.append('-').append(a.lastNode());
    }

    private record Opened(ScenarioAction action, double startMs)
    {
        FaultWindow window(final double endMs)
        {
            return new FaultWindow(LAYER, action.fault().word(), label(action), startMs, endMs,
                endMs != FaultWindow.OPEN);
        }
    }
}
