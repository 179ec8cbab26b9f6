package io.hearsay.master.report;

import io.hearsay.master.HearsayMain;
import io.hearsay.master.analysis.SyntheticRun;
import io.hearsay.records.run.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code curves} and {@code report} exit non-zero when records were lost to a damaged log, 0 when told to accept it. */
class DamagedLogExitTest
{
    @Test
    void shouldExitNonZeroOnLostRecordsUnlessAccepted(@TempDir final Path dir) throws Exception
    {
        final Path run = dir.resolve("run");
        SyntheticRun.write(run, 300, 3, 11, 2, 100);
        final Path cq4 = cutInsideTheLastRecords(run.resolve("logs/p1"));

        assertThat(HearsayMain.commandLine().execute("curves", run.toString())).isEqualTo(DamagedLogs.EXIT_RECORDS_LOST);
        final RunSummary summary = RunSummary.read(run.resolve(RunSummary.FILE_NAME));
        assertThat(summary.corruptFiles).singleElement().asString()
            .startsWith(run.relativize(cq4) + ": read ").contains(" records, lost about ").contains(" at offset ");
        assertThat(summary.lostRecords).isPositive();
        assertThat(HearsayMain.commandLine().execute("curves", run.toString(), "--accept-damaged")).isZero();

        final Path out = dir.resolve("report");
        assertThat(HearsayMain.commandLine().execute("report", run.toString(), "--out", out.toString(),
            "--bootstrap", "10")).isEqualTo(DamagedLogs.EXIT_RECORDS_LOST);
        assertThat(HearsayMain.commandLine().execute("report", run.toString(), "--out", out.toString(),
            "--bootstrap", "10", "--accept-damaged")).isZero();
    }

    /** Cuts the queue's data file 150 bytes before the end of its data (inside its second-to-last record or so). */
    static Path cutInsideTheLastRecords(final Path queue) throws Exception
    {
        final Path cq4;
        try (Stream<Path> files = Files.list(queue))
        {
            cq4 = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (RandomAccessFile raf = new RandomAccessFile(cq4.toFile(), "rw"))
        {
            final byte[] head = new byte[4 << 20];
            raf.readFully(head);
            int end = head.length;
            while (end > 0 && head[end - 1] == 0)
            {
                end--;
            }
            raf.setLength(end - 150);
        }
        return cq4;
    }
}
