package io.hearsay.master.report;

import io.hearsay.records.run.Json;
import io.hearsay.records.run.RunSummary;
import io.hearsay.master.HearsayMain;
import io.hearsay.master.analysis.SyntheticFaults;
import io.hearsay.master.analysis.SyntheticRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CurvesFaultShadingTest
{
    @Test
    void shouldShadeTheFaultWindowsOfADockerRunAndListThemInTheSummary(@TempDir final Path dir) throws Exception
    {
        final Path run = dir.resolve("run");
        SyntheticRun.write(run, 200, 2, 7, 1, 100);
        final Path plain = dir.resolve("plain");
        SyntheticRun.write(plain, 200, 2, 7, 1, 100);
        SyntheticFaults.write(run, SyntheticRun.T0 / 1_000_000);

        assertThat(HearsayMain.commandLine().execute("curves", run.toString())).isZero();
        assertThat(HearsayMain.commandLine().execute("curves", plain.toString())).isZero();

        CurvesCommandTest.assertPng(run.resolve(CurvesWriter.PNG));
        assertThat(Files.readAllBytes(run.resolve(CurvesWriter.PNG)))
            .isNotEqualTo(Files.readAllBytes(plain.resolve(CurvesWriter.PNG)));
        final String kernelBand = "fill:rgb(230,159,0);fill-opacity:";
        assertThat(Files.readString(run.resolve(CurvesWriter.SVG))).contains(kernelBand);
        assertThat(Files.readString(plain.resolve(CurvesWriter.SVG))).doesNotContain(kernelBand);
        assertThat(Files.readString(run.resolve(CurvesWriter.CSV)))
            .isEqualTo(Files.readString(plain.resolve(CurvesWriter.CSV)));

        final RunSummary summary = RunSummary.read(run.resolve(RunSummary.FILE_NAME));
        final List<Object> windows = Json.asArray(summary.extra.get(CurvesWriter.FAULT_WINDOWS), "fault_windows");
        assertThat(windows).hasSize(3);
        assertWindow(windows.get(0), "kernel", "loss", 100, 400);
        assertWindow(windows.get(1), "process", "sleep", 300, 500);
        final Map<String, Object> open = Json.asObject(windows.get(2), "window");
        assertThat(open.get("layer")).isEqualTo("daemon");
        assertThat(((Number)open.get("start_ms")).doubleValue()).isEqualTo(600.0);
        assertThat(open.get("healed")).isEqualTo(false);
        final double lastLearnedMs = summary.events.get(0).t100Ms;
        assertThat(((Number)open.get("end_ms")).doubleValue()).isGreaterThanOrEqualTo(lastLearnedMs);
        assertThat(RunSummary.read(plain.resolve(RunSummary.FILE_NAME)).extra)
            .doesNotContainKey(CurvesWriter.FAULT_WINDOWS);
    }

    private static void assertWindow(
        final Object json, final String layer, final String kind, final double startMs, final double endMs)
    {
        final Map<String, Object> w = Json.asObject(json, "window");
        assertThat(w.get("layer")).isEqualTo(layer);
        assertThat(w.get("kind")).isEqualTo(kind);
        assertThat(((Number)w.get("start_ms")).doubleValue()).isEqualTo(startMs);
        assertThat(((Number)w.get("end_ms")).doubleValue()).isEqualTo(endMs);
        assertThat(w.get("healed")).isEqualTo(true);
    }
}
