package io.hearsay.master.fault;

import io.hearsay.records.run.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run's fault timeline, {@code faults.jsonl} in the run folder: one JSON object a line, written when a fault
 * was made (status {@code applied}), refused ({@code failed}, with the reason; never drawn as a fault window) or
 * undone ({@code healed}). Fields: {@code wall_ms, layer, kind, targets, containers, nodes, params, status, detail}.
 * Curves shade the windows from an {@code applied} line to the next {@code healed} one of the same layer and kind
 * (a {@code heal} kind line ends every window of its layer).
 */
public final class FaultTimeline
{
    public static final String FILE = "faults.jsonl";

    private final Path file;

    public FaultTimeline(final Path runDir)
    {
        this.file = runDir.resolve(FILE);
    }

    public Path file()
    {
        return file;
    }

    public synchronized void record(
        final long wallMs, final FaultAction action, final String status, final String detail)
    {
        final Map<String, Object> params = new LinkedHashMap<>();
        for (final Map.Entry<String, Object> e : action.params().entrySet())
        {
            final Object v = e.getValue();
            params.put(e.getKey(), v instanceof Number || v instanceof Boolean ? v : String.valueOf(v));
        }
        final Map<String, Object> line = new LinkedHashMap<>();
        line.put("wall_ms", wallMs);
        line.put("layer", action.layer.cliName());
        line.put("kind", action.kind.cliName());
        line.put("targets", action.targets == null ? "all" : action.targets.text());
        line.put("containers", action.targets == null ? -1 : action.targets.containers().size());
        line.put("nodes", action.targets == null ? -1 : action.targets.nodes().size());
        line.put("params", params);
        line.put("status", status);
        line.put("detail", detail);
        final String json = Json.write(line) + "\n";
        try
        {
            Files.writeString(file, json, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the fault timeline " + file, ex);
        }
    }
}
