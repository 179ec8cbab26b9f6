package io.hearsay.master.sim;

import io.hearsay.master.HearsayMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SimCommandTest
{
    @Test
    void shouldWriteARunFolderAndRecordTheSeed(@TempDir final Path tmp)
    {
        final Path out = tmp.resolve("run");
        final int exit = HearsayMain.commandLine().execute(
            "sim", "--nodes", "200", "--strategy", "median-counter", "--runs", "2", "--seed", "42", "--quiet",
            "--out", out.toString());

        assertThat(exit).isZero();
        assertThat(out.resolve("summary.json")).exists();
        assertThat(out.resolve("rounds.csv")).exists();
        assertThat(out.resolve("config.properties")).content().contains("seed=42", "strategy=median-counter");
    }

    @Test
    void shouldRefuseABadScenarioLineNamingIt(@TempDir final Path tmp) throws Exception
    {
        final Path scenario = tmp.resolve("faults.txt");
        Files.writeString(scenario, "at 0s loss p=0.1\nat 1s crash nodes=n500\n");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream original = System.err;
        final int exit;
        System.setErr(new PrintStream(err, true));
        try
        {
            exit = HearsayMain.commandLine().execute(
                "sim", "--nodes", "100", "--fidelity", "dissemination", "--scenario", scenario.toString(), "--seed", "1",
                "--quiet", "--out", tmp.resolve("run").toString());
        }
        finally
        {
            System.setErr(original);
        }

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("scenario line 2, column 13", "nodes 'n500' out of range");
    }

    @Test
    void shouldPrintTheFaultGrammarWithoutNodesOrOut()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream original = System.out;
        final int exit;
        System.setOut(new PrintStream(out, true));
        try
        {
            exit = HearsayMain.commandLine().execute("sim", "--scenario-help");
        }
        finally
        {
            System.setOut(original);
        }

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("at TIME FAULT key=value", "partition groups=SEL/SEL", "loss p=P | ge=");
    }
}
