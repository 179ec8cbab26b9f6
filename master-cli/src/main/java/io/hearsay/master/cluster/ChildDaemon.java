package io.hearsay.master.cluster;

import io.hearsay.daemon.control.ControlAuth;
import io.hearsay.daemon.control.ControlClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A daemon in a child JVM running this very program ({@code HearsayMain daemon --config FILE}, same class path, the
 * JVM flags of {@link io.hearsay.master.JvmFlags}). Its standard output goes to a file; its READY line gives the first
 * node's address and the control port.
 */
public final class ChildDaemon implements AutoCloseable
{
    public final int index;
    public final Process process;
    public final Path outputFile;
    public final String firstNodeAddress;
    public final InetSocketAddress controlAddress;
    public final ControlClient control;

    private ChildDaemon(
        final int index, final Process process, final Path outputFile, final String firstNodeAddress,
        final InetSocketAddress controlAddress, final String controlToken) throws IOException
    {
        this.index = index;
        this.process = process;
        this.outputFile = outputFile;
        this.firstNodeAddress = firstNodeAddress;
        this.controlAddress = controlAddress;
        this.control = new ControlClient(controlAddress, 2000, 5, ControlAuth.ofToken(controlToken));
    }

    /**
     * Starts {@code hearsay daemon --config FILE} (the file a parent wrote from {@code DaemonOptions}), the control
     * token in {@value ControlAuth#TOKEN_ENV} (not in the file, not on its command line).
     */
    public static ChildDaemon start(
        final int index, final Path daemonConfig, final String controlToken, final Path outputFile,
        final long readyTimeoutMs) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(io.hearsay.master.JvmFlags.flags());
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.hearsay.master.HearsayMain");
        command.add("daemon");
        command.add("--config");
        command.add(daemonConfig.toString());
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(outputFile.toFile());
        builder.environment().put(ControlAuth.TOKEN_ENV, controlToken);
        final Process process = builder.start();
        final long deadlineNs = System.nanoTime() + readyTimeoutMs * 1_000_000L;
        while (true)
        {
            final String ready = readyLine(outputFile);
            if (ready != null)
            {
                final String first = field(ready, "first");
                final String control = field(ready, "control");
                final int colon = control.lastIndexOf(':');
                return new ChildDaemon(index, process, outputFile, first,
                    new InetSocketAddress(control.substring(0, colon), Integer.parseInt(control.substring(colon + 1))),
                    controlToken);
            }
            if (!process.isAlive())
            {
                throw new IOException("daemon process " + index + " exited with " + process.exitValue() +
                    " before it was ready; its output is in " + outputFile);
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                process.destroyForcibly();
                throw new IOException("daemon process " + index + " not ready after " + readyTimeoutMs +
                    " ms; its output is in " + outputFile);
            }
            try
            {
                Thread.sleep(10); // polling a child's output file for its READY line, bounded by the deadline above
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", ex);
            }
        }
    }

    private static String readyLine(final Path file) throws IOException
    {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            java.nio.file.Files.newInputStream(file), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                if (line.startsWith(DaemonCommand.READY + " "))
                {
                    return line;
                }
            }
        }
        return null;
    }

    private static String field(final String line, final String name)
    {
        for (final String part : line.split(" "))
        {
            if (part.startsWith(name + "="))
            {
                return part.substring(name.length() + 1);
            }
        }
        throw new IllegalStateException("READY line lacks " + name + ": " + line);
    }

    /** SIGTERM (the daemon writes final statistics and closes its log), then SIGKILL if it lingers. */
    @Override
    public void close()
    {
        control.close();
        process.destroy();
        try
        {
            if (!process.waitFor(15, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
