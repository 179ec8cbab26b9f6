package io.hearsay.master.analysis;

import io.hearsay.sim.run.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimScenarioReaderTest
{
    private static final double ZERO_MS = RunFolder.VIRTUAL_EPOCH_NS / 1e6;

    @Test
    void shouldTurnAScenarioIntoWindowsFromTheEventsCreation(@TempDir final Path run) throws Exception
    {
        Files.writeString(run.resolve(SimScenarioReader.FILE), String.join("\n",
            "at 100ms loss p=0.2",
            "at 200ms partition groups=n0-n4/n5-n9",
            "at 300ms sleep nodes=n3 for=50ms",
            "at 400ms loss p=0",
            "at 500ms heal",
            "at 600ms crash nodes=n7",
            ""));
        final List<String> warnings = new ArrayList<>();
        final List<FaultWindow> windows = new SimScenarioReader(warnings::add).read(run, 10);

        assertThat(warnings).isEmpty();
        assertThat(windows).containsExactly(
            new FaultWindow("sim", "loss", "sim loss p=0.2", ZERO_MS + 100, ZERO_MS + 400, true),
            new FaultWindow("sim", "partition", "sim partition n0-n4/n5-n9", ZERO_MS + 200, ZERO_MS + 500, true),
            new FaultWindow("sim", "sleep", "sim sleep nodes 3 50 ms", ZERO_MS + 300, ZERO_MS + 350, true),
            new FaultWindow("sim", "crash", "sim crash nodes 7", ZERO_MS + 600, FaultWindow.OPEN, false));
    }

    @Test
    void shouldReportARefusedScenarioAndShadeNothing(@TempDir final Path run) throws Exception
    {
        Files.writeString(run.resolve(SimScenarioReader.FILE), "at 1s crash nodes=100\n");
        final List<String> warnings = new ArrayList<>();

        assertThat(new SimScenarioReader(warnings::add).read(run, 10)).isEmpty();
        assertThat(warnings).singleElement().asString().contains("line 1", "100");
    }
}
