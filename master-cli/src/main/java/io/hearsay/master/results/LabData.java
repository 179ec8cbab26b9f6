package io.hearsay.master.results;

import io.hearsay.records.run.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Docker lab's runs as kept by experiments/keep-lab-results.sh: {@code DIR/EXPERIMENT/CELL/rep-K/} with the
 * experiment's result.json (events: who knew, when), udp.csv (every container's kernel UDP counters before and after
 * every event) and curve-sampled.csv (nodes that know against time, per event, from {@code ./hearsay curves}).
 */
public final class LabData
{
    private static final Pattern CELL = Pattern.compile("n(\\d+)-(.+)-(periodic|eager)-loss([0-9.]+)");

    /** One repetition (a fresh cluster) of one cell. */
    public record Rep(String experiment, String cell, int repetition, long nodes, String strategy, String timing,
        Map<String, Object> result, List<Map<String, String>> udp, List<Map<String, String>> curve)
    {
        /** per event: ms until the last live node knew (elapsed_ms of the lab's probe), NaN if it timed out */
        public double[] elapsedMs()
        {
            return LadderData.list(result.get("events")).stream().mapToDouble(e ->
            {
                final Map<?, ?> m = (Map<?, ?>)e;
                return Boolean.TRUE.equals(m.get("complete")) ? LadderData.number(m.get("elapsed_ms")) : Double.NaN;
            }).toArray();
        }

        public int events()
        {
            return LadderData.list(result.get("events")).size();
        }

        /** the containers' rows of one event and one side ("before", "after") */
        public List<Map<String, String>> udp(final int event, final String when)
        {
            return udp.stream().filter(r -> r.get("event").equals(Integer.toString(event)) && r.get("when").equals(when))
                .toList();
        }

        /** RcvbufErrors added during {@code event} per container, in container order */
        public long[] drops(final int event, final String counter)
        {
            final List<Map<String, String>> before = udp(event, "before");
            final List<Map<String, String>> after = udp(event, "after");
            final long[] d = new long[Math.min(before.size(), after.size())];
            for (int i = 0; i < d.length; i++)
            {
                d[i] = Long.parseLong(after.get(i).get(counter)) - Long.parseLong(before.get(i).get(counter));
            }
            return d;
        }

        public int nodesPerContainer()
        {
            return udp.isEmpty() ? 0 : Integer.parseInt(udp.get(0).get("nodes"));
        }
    }

    public final List<Rep> reps = new ArrayList<>();
    public final Path dir;

    private LabData(final Path dir)
    {
        this.dir = dir;
    }

    public static LabData read(final Path dir) throws IOException
    {
        final LabData data = new LabData(dir);
        if (!Files.isDirectory(dir))
        {
            return data;
        }
        try (Stream<Path> walk = Files.walk(dir, 3))
        {
            for (final Path rep : walk.filter(p -> p.getFileName().toString().matches("rep-\\d+") &&
                Files.isRegularFile(p.resolve("result.json"))).sorted().toList())
            {
                final String cell = rep.getParent().getFileName().toString();
                final Matcher m = CELL.matcher(cell);
                if (!m.matches())
                {
                    continue;
                }
                final Path result = rep.resolve("result.json");
                data.reps.add(new Rep(rep.getParent().getParent().getFileName().toString(), cell,
                    Integer.parseInt(rep.getFileName().toString().substring(4)), Long.parseLong(m.group(1)), m.group(2),
                    m.group(3), Json.asObject(Json.readFile(result), result.toString()),
                    LadderData.csv(rep.resolve("udp.csv")), LadderData.csv(rep.resolve("curve-sampled.csv"))));
            }
        }
        return data;
    }
}
