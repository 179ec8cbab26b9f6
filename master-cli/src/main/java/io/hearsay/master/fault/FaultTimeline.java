package io.hearsay.master.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
        final StringBuilder json = new StringBuilder(256);
        json.append("{\"wall_ms\":").append(wallMs)
            .append(",\"layer\":").append(quote(action.layer.cliName()))
            .append(",\"kind\":").append(quote(action.kind.cliName()))
            .append(",\"targets\":").append(quote(action.targets == null ? "all" : action.targets.text()))
            .append(",\"containers\":").append(action.targets == null ? -1 : action.targets.containers().size())
            .append(",\"nodes\":").append(action.targets == null ? -1 : action.targets.nodes().size())
            .append(",\"params\":{");
        boolean first = true;
        for (final Map.Entry<String, Object> e : action.params().entrySet())
        {
            json.append(first ? "" : ",").append(quote(e.getKey())).append(':');
            final Object v = e.getValue();
            json.append(v instanceof Number || v instanceof Boolean ? v.toString() : quote(String.valueOf(v)));
            first = false;
        }
        json.append("},\"status\":").append(quote(status))
            .append(",\"detail\":").append(quote(detail)).append("}\n");
        try
        {
            Files.writeString(file, json, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the fault timeline " + file, ex);
        }
    }

    static String quote(final String text)
    {
        final StringBuilder s = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        s.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
