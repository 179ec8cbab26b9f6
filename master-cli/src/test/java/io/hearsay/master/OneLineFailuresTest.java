package io.hearsay.master;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

class OneLineFailuresTest
{
    @CommandLine.Command(name = "thrower")
    static final class Thrower implements Callable<Integer>
    {
        @CommandLine.Option(names = "--what")
        String what;

        @Override
        public Integer call() throws Exception
        {
            switch (what)
            {
                case "io" -> throw new IOException("no answer to INJECT after 4 attempts of 300 ms");
                case "state" -> throw new IllegalStateException("no cluster is up; start one with: hearsay cluster up");
                default -> throw new NullPointerException("boom");
            }
        }
    }

    private final StringWriter err = new StringWriter();

    private int run(final String what)
    {
        final CommandLine cli = new CommandLine(new Thrower());
        cli.setExecutionExceptionHandler(new OneLineFailures());
        cli.setErr(new PrintWriter(err));
        return cli.execute("--what", what);
    }

    @AfterEach
    void noDebug()
    {
        OneLineFailures.debug = false;
    }

    @Test
    void shouldAnswerAnExpectedFailureWithOneLineAndExit2()
    {
        assertThat(run("io")).isEqualTo(OneLineFailures.EXPECTED_EXIT);
        assertThat(err.toString()).isEqualTo("thrower: no answer to INJECT after 4 attempts of 300 ms" + System.lineSeparator());

        err.getBuffer().setLength(0);
        assertThat(run("state")).isEqualTo(OneLineFailures.EXPECTED_EXIT);
        assertThat(err.toString().lines()).containsExactly("thrower: no cluster is up; start one with: hearsay cluster up");
    }

    @Test
    void shouldNameABugInOneLineWithWhereItHappened()
    {
        assertThat(run("npe")).isEqualTo(OneLineFailures.BUG_EXIT);
        assertThat(err.toString().lines()).singleElement().asString()
            .startsWith("thrower: internal error NullPointerException (boom) at ")
            .contains("OneLineFailuresTest").endsWith("rerun with HEARSAY_DEBUG=1 for the stack trace and report it");
    }

    @Test
    void shouldPrintTheStackTraceOnlyWhenDebugging()
    {
        OneLineFailures.debug = true;

        assertThat(run("io")).isEqualTo(OneLineFailures.EXPECTED_EXIT);
        assertThat(err.toString()).contains("java.io.IOException: no answer to INJECT").contains("\tat ")
            .endsWith("thrower: no answer to INJECT after 4 attempts of 300 ms" + System.lineSeparator());
    }
}
