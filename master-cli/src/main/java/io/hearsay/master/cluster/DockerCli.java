package io.hearsay.master.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs external commands (the docker CLI, the lab's scripts) with a deadline and captures their output.
 * The master drives Docker only through this class, so every call has a timeout and a readable failure.
 */
public class DockerCli
{
    /** What a finished command left behind. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr)
    {
        public boolean ok()
        {
            return exitCode == 0;
        }

        /** stdout trimmed, or an exception naming the command, its exit code and stderr. */
        public String orThrow()
        {
            if (!ok())
            {
                throw new IllegalStateException(describe());
            }
            return stdout.trim();
        }

        public String describe()
        {
            return String.join(" ", command.size() > 12 ? command.subList(0, 12) : command) +
                (command.size() > 12 ? " ..." : "") + " -> exit " + exitCode +
                (stderr.isBlank() ? "" : ": " + stderr.trim());
        }
    }

    private final String dockerBinary;

    public DockerCli()
    {
        this(System.getenv().getOrDefault("HEARSAY_DOCKER", "docker"));
    }

    public DockerCli(final String dockerBinary)
    {
        this.dockerBinary = dockerBinary;
    }

    /** {@code docker ARGS...} */
    public Result docker(final Duration timeout, final String... args)
    {
        return exec(null, null, timeout, prepend(dockerBinary, args));
    }

    /** {@code docker ARGS...} with {@code stdin} as its standard input. */
    public Result dockerWithInput(final String stdin, final Duration timeout, final String... args)
    {
        return exec(null, stdin, timeout, prepend(dockerBinary, args));
    }

    /** Runs a command in {@code directory} (null: current) and waits at most {@code timeout}. */
    public static Result exec(final Path directory, final String stdin, final Duration timeout, final List<String> command)
    {
        final ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null)
        {
            builder.directory(directory.toFile());
        }
        final Process process;
        try
        {
            process = builder.start();
        }
        catch (final IOException ex)
        {
            return new Result(command, 127, "", "cannot start " + command.get(0) + ": " + ex.getMessage());
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final Thread outPump = pump(process.getInputStream(), out);
        final Thread errPump = pump(process.getErrorStream(), err);
        try (OutputStream in = process.getOutputStream())
        {
            if (stdin != null)
            {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        catch (final IOException ignore)
        {
            // the command closed its input early; its exit code tells
        }
        try
        {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                return new Result(command, 124, out.toString(StandardCharsets.UTF_8),
                    "timed out after " + timeout.toSeconds() + " s");
            }
            outPump.join(5_000);
            errPump.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Result(command, 130, "", "interrupted");
        }
        return new Result(command, process.exitValue(), out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8));
    }

    private static Thread pump(final InputStream from, final ByteArrayOutputStream to)
    {
        final Thread thread = new Thread(() ->
        {
            try (InputStream in = from)
            {
                in.transferTo(to);
            }
            catch (final IOException ignore)
            {
                // process gone
            }
        }, "exec-pump");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static List<String> prepend(final String first, final String... rest)
    {
        final List<String> command = new ArrayList<>(rest.length + 1);
        command.add(first);
        command.addAll(Arrays.asList(rest));
        return command;
    }
}
