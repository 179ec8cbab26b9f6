package io.hearsay.master.report;

import io.hearsay.records.run.RunSummary;
import io.hearsay.master.HearsayMain;
import io.hearsay.master.analysis.SyntheticRun;
import io.hearsay.master.plot.Charts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CurvesCommandTest
{
    static void assertPng(final Path file) throws Exception
    {
        final byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
        final BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(image.getHeight()).isEqualTo(Charts.HEIGHT);
    }

    @Test
    void shouldDrawCurvesOfOneRunHeadless(@TempDir final Path dir) throws Exception
    {
        final Path run = dir.resolve("run");
        SyntheticRun.write(run, 300, 3, 11, 2, 100);
        final int exit = HearsayMain.commandLine().execute("curves", run.toString());
        assertThat(exit).isZero();
        for (final String f : List.of(CurvesWriter.PNG, CurvesWriter.ROUNDS_PNG, CurvesWriter.LATENCY_PNG))
        {
            assertPng(run.resolve(f));
        }
        assertThat(Files.readString(run.resolve(CurvesWriter.SVG))).contains("<svg");
        final List<String> csv = Files.readAllLines(run.resolve(CurvesWriter.CSV));
        assertThat(csv.get(0)).isEqualTo("time_ms,round,count,event,node,hops,channel,run");
        assertThat(csv).hasSize(1 + 2 * 300);
        assertThat(csv.get(1)).startsWith("0.000000,0,1,");
        assertThat(Files.readString(run.resolve(CurvesWriter.HGRM))).contains("Value", "Percentile", "#[Max");
        final RunSummary summary = RunSummary.read(run.resolve(RunSummary.FILE_NAME));
        assertThat(summary.events).hasSize(2);
        assertThat(summary.events.get(0).informed).isEqualTo(300);
        assertThat(summary.events.get(0).rounds100).isPositive();
        assertThat(summary.strategy).isEqualTo("push-pull");
    }

    @Test
    void shouldDrawTheMeanBandOfRepeatedRuns(@TempDir final Path dir) throws Exception
    {
        for (int i = 0; i < 4; i++)
        {
            SyntheticRun.write(dir.resolve("runs/run-" + i), 200, 2, i, 1, 100);
        }
        final Path out = dir.resolve("out");
        final int exit = HearsayMain.commandLine().execute("curves", dir.resolve("runs").toString(), "--out",
            out.toString());
        assertThat(exit).isZero();
        assertPng(out.resolve(CurvesWriter.PNG));
        final RunSummary summary = RunSummary.read(out.resolve(RunSummary.FILE_NAME));
        assertThat(summary.runs).hasSize(4);
        assertThat(summary.stats.get("rounds100").mean).isPositive();
    }

    @Test
    void shouldRefuseToAverageDifferentConfigurations(@TempDir final Path dir) throws Exception
    {
        SyntheticRun.write(dir.resolve("runs/a"), 100, 1, 1, 1, 100);
        SyntheticRun.write(dir.resolve("runs/b"), 200, 1, 1, 1, 100);
        final int exit = HearsayMain.commandLine().execute("curves", dir.resolve("runs").toString());
        assertThat(exit).isEqualTo(1);
    }

    @Test
    void shouldSayPlainlyWhenThereAreNoLogs(@TempDir final Path dir)
    {
        assertThat(HearsayMain.commandLine().execute("curves", dir.toString())).isEqualTo(2);
    }
}
