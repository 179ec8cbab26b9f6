package io.hearsay.bench.macro;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The conditions a macro figure was taken under, printed with it: time, load average, cores, conntrack table. */
public final class Conditions
{
    private Conditions()
    {
    }

    public static String describe()
    {
        return "at " + Instant.now() + " load " + read("/proc/loadavg").trim() + " cores " +
            Runtime.getRuntime().availableProcessors() + " conntrack " + read("/proc/sys/net/netfilter/nf_conntrack_count").trim() +
            "/" + read("/proc/sys/net/netfilter/nf_conntrack_max").trim() + " jvm " + System.getProperty("java.vm.version") +
            " args " + ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("--add-")).toList();
    }

    private static String read(final String file)
    {
        try
        {
            try (var reader = Files.newBufferedReader(Path.of(file)))
            {
                final String line = reader.readLine();
                return line == null ? "" : line;
            }
        }
        catch (final IOException ex)
        {
            return "n/a";
        }
    }
}
