package io.hearsay.bench.analysis;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/** Samples the used heap every few milliseconds on a daemon thread and keeps the peak; reads the process's VmHWM. */
final class PeakMemorySampler implements AutoCloseable
{
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakHeapBytes;

    PeakMemorySampler()
    {
        thread = new Thread(this::run, "peak-memory-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void run()
    {
        while (running)
        {
            peakHeapBytes = Math.max(peakHeapBytes, memory.getHeapMemoryUsage().getUsed());
            try
            {
                Thread.sleep(5);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
        }
    }

    long peakHeapBytes()
    {
        return Math.max(peakHeapBytes, memory.getHeapMemoryUsage().getUsed());
    }

    /** The process's peak resident set (VmHWM, Linux), bytes; -1 when unknown. Includes touched mapped files. */
    static long peakResidentBytes()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
            {
                if (line.startsWith("VmHWM:"))
                {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        }
        catch (final IOException | RuntimeException ignore)
        {
            // not Linux
        }
        return -1;
    }

    @Override
    public void close()
    {
        running = false;
        thread.interrupt();
    }
}
