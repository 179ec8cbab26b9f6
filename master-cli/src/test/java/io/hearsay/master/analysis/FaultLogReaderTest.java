package io.hearsay.master.analysis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FaultLogReaderTest
{
    @Test
    void shouldPairAppliedWithHealedAndSkipFailedAndMalformedLines(@TempDir final Path run) throws Exception
    {
        SyntheticFaults.write(run, 10_000);
        final List<String> warnings = new ArrayList<>();
        final List<FaultWindow> windows = new FaultLogReader(warnings::add).read(run);

        assertThat(windows).containsExactly(
            new FaultWindow("daemon", "loss", "daemon loss p=0.5", 8_000, 9_000, true),
            new FaultWindow("kernel", "loss", "kernel loss p=0.2", 10_100, 10_400, true),
            new FaultWindow("process", "sleep", "process sleep duration_ms=200", 10_300, 10_500, true),
            new FaultWindow(
                "daemon", "partition", "daemon partition groups=c0-c1/rest", 10_600, FaultWindow.OPEN, false),
            new FaultWindow("process", "pause", "process pause", 1_010_000, FaultWindow.OPEN, false));
        assertThat(warnings).hasSize(3);
        assertThat(warnings.get(0)).contains("line 4:");
        assertThat(warnings.get(1)).contains("line 7:", "bogus");
        assertThat(warnings.get(2)).contains("line 9:", "wall_ms");
    }

    @Test
    void shouldPlaceWindowsOnTheCurveAxisClippedToThePlottedRange()
    {
        final List<FaultWindow> wall = List.of(
            new FaultWindow("daemon", "loss", "a", 8_000, 9_000, true),
            new FaultWindow("kernel", "loss", "b", 9_900, 10_400, true),
            new FaultWindow("daemon", "partition", "c", 10_600, FaultWindow.OPEN, false),
            new FaultWindow("process", "pause", "d", 12_001, FaultWindow.OPEN, false));

        assertThat(FaultWindow.onAxis(wall, 10_000, 2_000)).containsExactly(
            new FaultWindow("kernel", "loss", "b", 0, 400, true),
            new FaultWindow("daemon", "partition", "c", 600, 2_000, false));
    }

    @Test
    void shouldReadNothingWithoutAFaultLog(@TempDir final Path run) throws Exception
    {
        assertThat(new FaultLogReader(w -> { }).read(run)).isEmpty();
    }
}
