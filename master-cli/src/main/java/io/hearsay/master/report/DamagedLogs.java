package io.hearsay.master.report;

import java.io.PrintStream;
import java.util.List;

/** The exit of {@code curves} and {@code report} when records were lost to damaged log files. */
final class DamagedLogs
{
    /** Exit code: the outputs are written, but without records lost to damaged logs. */
    static final int EXIT_RECORDS_LOST = 3;

    private DamagedLogs()
    {
    }

    /**
     * Prints one line per damaged file and returns the exit code: 0 when nothing was lost or the loss is accepted,
     * {@link #EXIT_RECORDS_LOST} otherwise.
     */
    static int verdict(final String command, final List<String> damaged, final boolean accepted, final PrintStream err)
    {
        if (damaged.isEmpty())
        {
            return 0;
        }
        for (final String d : damaged)
        {
            err.println("damaged: " + d);
        }
        if (accepted)
        {
            err.println(command + ": " + damaged.size() + " damaged log file(s) accepted (--accept-damaged); " +
                "their lost records are missing from the outputs");
            return 0;
        }
        err.println(command + ": records were lost to " + damaged.size() + " damaged log file(s) (listed above " +
            "and in summary.json corrupt_files); the outputs are written without them. Pass --accept-damaged to " +
            "accept the loss and exit 0");
        return EXIT_RECORDS_LOST;
    }
}
