package io.hearsay.master.analysis;

import io.hearsay.records.run.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads a Docker lab run's {@code faults.jsonl} (one JSON object a line: {@code wall_ms, layer, kind, targets,
 * containers, nodes, params, status, detail}) into {@link FaultWindow fault windows} on the wall clock.
 * <ul>
 * <li>an {@code applied} line opens a window; {@code failed} lines are never shaded;</li>
 * <li>a {@code healed} line (kind heal) ends every open window of its layer;</li>
 * <li>an {@code unpause} line ends the open process sleep/pause windows of the same targets (else of any);</li>
 * <li>a {@code restart} line ends the open kill windows of the same targets (else of any);</li>
 * <li>a daemon-layer sleep ends after its {@code duration_ms};</li>
 * <li>a malformed line is reported with its line number and skipped.</li>
 * </ul>
 */
public final class FaultLogReader
{
    public static final String FILE = "faults.jsonl";

    private final Consumer<String> warnings;

    public FaultLogReader(final Consumer<String> warnings)
    {
        this.warnings = warnings;
    }

    /** @return the run folder's fault windows in order of start, none when it has no faults.jsonl */
    public List<FaultWindow> read(final Path runDir) throws IOException
    {
        final Path file = runDir.resolve(FILE);
        final List<FaultWindow> closed = new ArrayList<>();
        if (!Files.isRegularFile(file))
        {
            return closed;
        }
        final List<Opened> open = new ArrayList<>();
        final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            if (line.isBlank())
            {
                continue;
            }
            try
            {
                onLine(Json.asObject(Json.parse(line), "the line"), open, closed);
            }
            catch (final IllegalArgumentException ex)
            {
                warnings.accept(file + " line " + (i + 1) + ": " + ex.getMessage() + "; line skipped");
            }
        }
        for (final Opened o : open)
        {
            closed.add(o.window(FaultWindow.OPEN));
        }
        closed.sort((a, b) -> Double.compare(a.startMs(), b.startMs()));
        return closed;
    }

    private static void onLine(final Map<String, Object> json, final List<Opened> open, final List<FaultWindow> closed)
    {
        final Object wall = json.get("wall_ms");
        if (!(wall instanceof Number))
        {
            throw new IllegalArgumentException("wall_ms is " + Json.describe(wall) + ", expected a number");
        }
        final double wallMs = ((Number)wall).doubleValue();
        final String layer = text(json, "layer");
        final String kind = text(json, "kind");
        final String status = text(json, "status");
        final String targets = json.get("targets") instanceof String t ? t : "";
        final Map<String, Object> params = json.get("params") == null ? Map.of() :
            Json.asObject(json.get("params"), "params");
        switch (status)
        {
            case "failed" ->
            {
            }
            case "healed" -> close(open, closed, wallMs, o -> o.layer.equals(layer), null);
            case "applied" ->
            {
                switch (kind)
                {
                    case "heal" -> close(open, closed, wallMs, o -> o.layer.equals(layer), null);
                    case "unpause" -> close(open, closed, wallMs,
                        o -> "process".equals(o.layer) && ("sleep".equals(o.kind) || "pause".equals(o.kind)), targets);
                    case "restart" -> close(open, closed, wallMs, o -> "kill".equals(o.kind), targets);
                    default ->
                    {
                        final String label = label(layer, kind, params);
                        if ("sleep".equals(kind) && "daemon".equals(layer) &&
                            params.get("duration_ms") instanceof Number d && d.doubleValue() > 0)
                        {
                            closed.add(new FaultWindow(layer, kind, label, wallMs, wallMs + d.doubleValue(), true));
                        }
                        else
                        {
                            open.add(new Opened(layer, kind, label, targets, wallMs));
                        }
                    }
                }
            }
            default -> throw new IllegalArgumentException(
                "status is \"" + status + "\", expected applied, failed or healed");
        }
    }

    /** Ends the matching open windows: those of the same targets when there are any, else all that match. */
    private static void close(
        final List<Opened> open, final List<FaultWindow> closed, final double wallMs,
        final Predicate<Opened> matches, final String targets)
    {
        boolean sameTargets = false;
        if (targets != null)
        {
            for (final Opened o : open)
            {
                sameTargets |= matches.test(o) && o.targets.equals(targets);
            }
        }
        for (final Iterator<Opened> it = open.iterator(); it.hasNext(); )
        {
            final Opened o = it.next();
            if (matches.test(o) && (!sameTargets || o.targets.equals(targets)))
            {
                closed.add(o.window(wallMs));
                it.remove();
            }
        }
    }

    private static String text(final Map<String, Object> json, final String field)
    {
        if (!(json.get(field) instanceof String s) || s.isEmpty())
        {
            throw new IllegalArgumentException(field + " is " + Json.describe(json.get(field)) + ", expected a string");
        }
        return s;
    }

    /** "kernel loss p=0.2", "kernel partition groups=c0-c7/rest" (false flags and zeros left out). */
    static String label(final String layer, final String kind, final Map<String, Object> params)
    {
        final StringBuilder s = new StringBuilder(layer).append(' ').append(kind);
        for (final Map.Entry<String, Object> e : params.entrySet())
        {
            final Object v = e.getValue();
            if (Boolean.FALSE.equals(v) || (v instanceof Number n && n.doubleValue() == 0))
            {
                continue;
            }
            s.append(' ').append(e.getKey()).append('=').append(v instanceof Double d && d == Math.rint(d) &&
                Math.abs(d) < 1e15 ? String.valueOf(d.longValue()) : String.valueOf(v));
        }
        return s.toString();
    }

    private record Opened(String layer, String kind, String label, String targets, double startMs)
    {
        FaultWindow window(final double endMs)
        {
            return new FaultWindow(layer, kind, label, startMs, endMs, endMs != FaultWindow.OPEN);
        }
    }
}
