package io.hearsay.master.report;

import io.hearsay.records.run.Json;
import io.hearsay.records.run.RunSummary;
import io.hearsay.master.HearsayMain;
import io.hearsay.master.analysis.SyntheticRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

public class ReportCommandTest
{
    /** Writes run folders with only a summary.json: rounds drawn from the given growth law plus noise. */
    public static void writeSummaries(final Path root, final String strategy, final boolean logLog, final int runsPerSize,
        final long seed) throws Exception
    {
        final Random random = new Random(seed);
        for (int e = 4; e <= 20; e += 2)
        {
            final long n = 1L << e;
            for (int r = 0; r < runsPerSize; r++)
            {
                final RunSummary s = new RunSummary();
                s.source = "sim";
                s.runId = strategy + "-" + n + "-" + r;
                s.nodes = n;
                s.processes = 1;
                s.strategy = strategy;
                s.timing = "periodic";
                s.fanout = 1;
                s.gossipPeriodMs = 200;
                s.seed = seed * 1000 + r;
                s.fidelity = "dissemination";
                final RunSummary.EventSummary ev = new RunSummary.EventSummary();
                final double l = e;
                final double base = logLog ? 2 + 3 * (Math.log(l) / Math.log(2)) : 1 + 0.63 * l;
                ev.informed = n;
                ev.alive = n;
                ev.rounds50 = (int)Math.round(base * 0.6 + random.nextGaussian() * 0.5);
                ev.rounds99 = (int)Math.round(base + random.nextGaussian() * 0.5);
                ev.rounds100 = ev.rounds99 + 1 + random.nextInt(2);
                ev.t50Ms = ev.rounds50 * 200 + random.nextDouble() * 50;
                ev.t99Ms = ev.rounds99 * 200 + random.nextDouble() * 50;
                ev.t100Ms = ev.rounds100 * 200 + random.nextDouble() * 50;
                ev.messagesPerNode = 2 * ev.rounds100;
                ev.maxReceivedPerRound = logLog ? (long)Math.sqrt(n) : 3 + random.nextInt(3);
                s.events.add(ev);
                final Path dir = root.resolve(s.runId);
                Files.createDirectories(dir);
                s.write(dir.resolve(RunSummary.FILE_NAME));
            }
        }
    }

    @Test
    void shouldGroupFitAndWriteASelfContainedReport(@TempDir final Path dir) throws Exception
    {
        writeSummaries(dir.resolve("runs"), "push-pull", false, 6, 1);
        writeSummaries(dir.resolve("runs"), "direct", true, 6, 2);
        SyntheticRun.write(dir.resolve("local/small"), 64, 2, 5, 1, 100);
        final Path out = dir.resolve("out");
        final int exit = HearsayMain.commandLine().execute("report", dir.resolve("runs").toString(),
            dir.resolve("local").toString(), "--out", out.toString(), "--bootstrap", "200");
        assertThat(exit).isZero();

        final String html = Files.readString(out.resolve(ReportWriter.HTML));
        assertThat(html).contains("data:image/png;base64,").doesNotContain("http://").doesNotContain("https://")
            .doesNotContain("<script");
        assertThat(html).contains("push-pull: rounds to reach 99% grow like log N");
        assertThat(html).contains("direct: rounds to reach 99% grow like log log N");
        assertThat(Files.readString(out.resolve(ReportWriter.MD))).contains("![rounds until 99% knew]");

        final Map<String, Object> fits = Json.asObject(Json.readFile(out.resolve(ReportWriter.FITS)), "fits");
        final List<Object> groups = Json.asArray(fits.get("groups"), "groups");
        assertThat(groups).hasSize(3); // direct, push-pull (sim) and push-pull (sim, from logs: no fidelity)
        final Map<String, Object> pushPull = groups.stream().map(g -> Json.asObject(g, "g"))
            .filter(g -> "push-pull".equals(g.get("strategy")) && "dissemination".equals(g.get("fidelity")))
            .findFirst().orElseThrow();
        final Map<String, Object> r99 = Json.asObject(Json.asObject(pushPull.get("figures"), "f").get("rounds99"), "r");
        assertThat(r99.get("best_by_bic")).isEqualTo("log_n");
        assertThat(r99.get("growth")).isEqualTo("log_n");
        assertThat(Json.asArray(r99.get("squaring_ladder"), "ladder")).isNotEmpty();
        assertThat(Files.exists(out.resolve("scaling-rounds99.png"))).isTrue();
        CurvesCommandTest.assertPng(out.resolve("scaling-rounds99.png"));
    }

    @Test
    void shouldSayWhenNothingIsUsable(@TempDir final Path dir) throws Exception
    {
        Files.createDirectories(dir.resolve("empty"));
        assertThat(HearsayMain.commandLine().execute("report", dir.toString(), "--out",
            dir.resolve("out").toString())).isEqualTo(2);
    }
}
