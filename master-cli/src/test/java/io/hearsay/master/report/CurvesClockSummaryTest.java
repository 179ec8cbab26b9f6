package io.hearsay.master.report;

import io.hearsay.master.HearsayMain;
import io.hearsay.master.analysis.HostClocks;
import io.hearsay.master.analysis.SyntheticRun;
import io.hearsay.records.run.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A multi-host run's summary lists each host's clock offset and warns when the uncertainty is a noticeable share. */
class CurvesClockSummaryTest
{
    @Test
    void shouldListHostClocksAndWarnOnlyWhenTheUncertaintyMatters(@TempDir final Path dir) throws Exception
    {
        final Path precise = dir.resolve("precise");
        SyntheticRun.write(precise, 100, 2, 3, 1, 100);
        HostClocks.write(precise, List.of(new HostClocks.Host("host1", 0, 50_000, 1),
            new HostClocks.Host("host2", 1_500_000, 80_000, 1)));
        final Path coarse = dir.resolve("coarse");
        SyntheticRun.write(coarse, 100, 2, 3, 1, 100);
        HostClocks.write(coarse, List.of(new HostClocks.Host("host1", 0, 900_000_000, 2)));

        assertThat(HearsayMain.commandLine().execute("curves", precise.toString())).isZero();
        assertThat(HearsayMain.commandLine().execute("curves", coarse.toString())).isZero();

        final RunSummary p = RunSummary.read(precise.resolve(RunSummary.FILE_NAME));
        assertThat((List<?>)p.extra.get(CurvesWriter.CLOCK_OFFSETS)).hasSize(2);
        assertThat(((Map<?, ?>)((List<?>)p.extra.get(CurvesWriter.CLOCK_OFFSETS)).get(1)).get("offset_ms")).isEqualTo(1.5);
        assertThat(p.extra).doesNotContainKey(CurvesWriter.CLOCK_WARNING);
        final RunSummary c = RunSummary.read(coarse.resolve(RunSummary.FILE_NAME));
        assertThat((String)c.extra.get(CurvesWriter.CLOCK_WARNING)).contains("900.00 ms", "host1");
    }
}
