package io.hearsay.master;

import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * How every command fails: one line naming what went wrong (and, in the message, what to do), never a stack trace
 * unless {@code --debug} or {@code HEARSAY_DEBUG=1} asks for it. Expected failures (bad input, a facility that is
 * unavailable, an IO error such as a daemon that does not answer) exit 2; anything else is a bug, said so in one line
 * with where it happened, and exits 1.
 */
public final class OneLineFailures implements CommandLine.IExecutionExceptionHandler
{
    public static final String DEBUG_ENV = "HEARSAY_DEBUG";
    public static final int EXPECTED_EXIT = 2;
    public static final int BUG_EXIT = 1;

    /** set by {@code --debug} */
    static volatile boolean debug;

    @Override
    public int handleExecutionException(
        final Exception ex, final CommandLine commandLine, final CommandLine.ParseResult parseResult)
    {
        final PrintWriter err = commandLine.getErr();
        if (debug || "1".equals(System.getenv(DEBUG_ENV)))
        {
            ex.printStackTrace(err);
        }
        final String command = commandLine.getCommandSpec().qualifiedName();
        if (isExpected(ex))
        {
            err.println(command + ": " + message(ex));
            err.flush();
            return EXPECTED_EXIT;
        }
        final StackTraceElement where = ex.getStackTrace().length == 0 ? null : ex.getStackTrace()[0];
        err.println(command + ": internal error " + ex.getClass().getSimpleName() +
            (ex.getMessage() == null ? "" : " (" + ex.getMessage() + ")") + (where == null ? "" : " at " + where) +
            "; rerun with " + DEBUG_ENV + "=1 for the stack trace and report it");
        err.flush();
        return BUG_EXIT;
    }

    static boolean isExpected(final Throwable ex)
    {
        return ex instanceof IllegalArgumentException || ex instanceof IllegalStateException ||
            ex instanceof IOException || ex instanceof UncheckedIOException ||
            ex instanceof io.hearsay.master.fault.FaultFailedException;
    }

    /** the message, or the cause's when the exception only wraps one */
    static String message(final Throwable ex)
    {
        if (ex instanceof java.nio.file.FileSystemException fs)
        {
            // an unwritable --out, --log-dir or run folder: the path and the reason, e.g. "Permission denied"
            return "cannot use " + fs.getFile() + ": " + (fs.getReason() != null ? fs.getReason() : ex.getClass().getSimpleName());
        }
        Throwable t = ex;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString())))
        {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
