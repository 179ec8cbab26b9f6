package io.hearsay.master.analysis;

import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a hand-made {@code faults.jsonl} as the Docker lab's fault timeline would, plus malformed lines. */
public final class SyntheticFaults
{
    private SyntheticFaults()
    {
    }

    /** A hand-written faults.jsonl around wall time {@code t0Ms}: applied, healed, failed and malformed lines. */
    public static void write(final Path run, final long t0Ms) throws Exception
    {
        Files.createDirectories(run);
        Files.writeString(run.resolve(FaultLogReader.FILE), String.join("\n",
            line(t0Ms - 2000, "daemon", "loss", "all", "{\"p\":0.5}", "applied"),
            line(t0Ms - 1000, "daemon", "heal", "all", "{}", "healed"),
            line(t0Ms + 100, "kernel", "loss", "all", "{\"p\":0.2}", "applied"),
            "{not json",
            line(t0Ms + 200, "kernel", "delay", "all", "{\"ms\":50,\"jitter_ms\":0}", "failed"),
            line(t0Ms + 300, "process", "sleep", "c3", "{\"duration_ms\":200}", "applied"),
            line(t0Ms + 350, "kernel", "loss", "all", "{\"p\":0.2}", "bogus"),
            line(t0Ms + 400, "kernel", "heal", "all", "{}", "healed"),
            "{\"layer\":\"kernel\",\"kind\":\"loss\",\"status\":\"applied\"}",
            line(t0Ms + 500, "process", "unpause", "c3", "{}", "applied"),
            line(t0Ms + 600, "daemon", "partition", "c0-c1/rest", "{\"groups\":\"c0-c1/rest\",\"one_way\":false}",
                "applied"),
            line(t0Ms + 1_000_000, "process", "pause", "c5", "{\"duration_ms\":0}", "applied"),
            ""));
    }

    private static String line(
        final long wallMs, final String layer, final String kind, final String targets, final String params,
        final String status)
    {
        return "{\"wall_ms\":" + wallMs + ",\"layer\":\"" + layer + "\",\"kind\":\"" + kind + "\",\"targets\":\"" +
            targets + "\",\"containers\":1,\"nodes\":2,\"params\":" + params + ",\"status\":\"" + status +
            "\",\"detail\":\"\"}";
    }
}
