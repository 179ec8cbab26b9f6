package io.hearsay.master.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/RESULTS.md is what {@code ./hearsay results} makes of the checked-in experiment outputs, to the byte. */
class ResultsDocumentTest
{
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void shouldGenerateTheCheckedInDocumentFromTheCheckedInData(@TempDir final Path tmp) throws Exception
    {
        final ResultsWriter writer = new ResultsWriter(
            LadderData.read(ROOT.resolve("experiments/results/sim-ladder")),
            LabData.read(ROOT.resolve("experiments/results/lab")), 1000, ROOT);

        final String text = writer.markdown();
        writer.charts(tmp.resolve(ResultsWriter.CHARTS));

        assertThat(text).as("docs/RESULTS.md is out of date: run ./hearsay results")
            .isEqualTo(Files.readString(ROOT.resolve("docs/RESULTS.md"), StandardCharsets.UTF_8));
        assertThat(text).contains("| push-pull |", "| direct addressing, unbounded |", "## Issue 10's acceptance");
        assertThat(tmp.resolve(ResultsWriter.CHARTS).resolve("rounds-vs-load.png")).isNotEmptyFile();
        assertThat(tmp.resolve(ResultsWriter.CHARTS).resolve("rounds-vs-n.png")).isNotEmptyFile();
        for (final String chart : new String[] {"rounds-vs-n.png", "rounds-vs-load.png", "direct-t-n-b.png"})
        {
            assertThat(text).contains("](" + ResultsWriter.CHARTS + "/" + chart + ")");
            assertThat(ROOT.resolve("docs").resolve(ResultsWriter.CHARTS).resolve(chart)).as("checked-in chart").isNotEmptyFile();
        }
    }

    @Test
    void shouldSayWhatIsNotMeasuredInsteadOfFillingItIn(@TempDir final Path tmp) throws Exception
    {
        final String text = new ResultsWriter(LadderData.read(tmp.resolve("none")), LabData.read(tmp.resolve("none")), 0, tmp)
            .markdown();

        assertThat(text).contains("Not measured (the ladder has no direct-addressing or push-pull cell).",
            "| not measured | | | | | |", "No lab run is checked in");
    }
}
