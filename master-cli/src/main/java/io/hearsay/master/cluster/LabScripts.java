package io.hearsay.master.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab's shell scripts under {@code docker/}: engine, base image, worker image, networks, teardown.
 * The project home is {@code $HEARSAY_HOME} (set by the launcher), the {@code hearsay.home} property, or the first
 * parent of the working directory that holds {@code docker/ensure-engine}.
 */
public final class LabScripts
{
    public static final int EXIT_UNAVAILABLE = 3;

    private final Path home;

    public LabScripts(final Path home)
    {
        this.home = home;
    }

    public static LabScripts locate()
    {
        return new LabScripts(findHome());
    }

    public static Path findHome()
    {
        final String env = System.getenv("HEARSAY_HOME");
        if (env != null && Files.isRegularFile(Path.of(env, "docker", "ensure-engine")))
        {
            return Path.of(env).toAbsolutePath().normalize();
        }
        final String prop = System.getProperty("hearsay.home");
        if (prop != null && Files.isRegularFile(Path.of(prop, "docker", "ensure-engine")))
        {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent())
        {
            if (Files.isRegularFile(dir.resolve("docker").resolve("ensure-engine")))
            {
                return dir;
            }
        }
        throw new LabUnavailableException(
            "cannot find the project's docker/ scripts: set HEARSAY_HOME or run from inside the project");
    }

    public Path home()
    {
        return home;
    }

    public Path jar()
    {
        return home.resolve("master-cli").resolve("target").resolve("hearsay.jar");
    }

    /** Engine installed and answering; throws {@link LabUnavailableException} with the script's reason otherwise. */
    public void ensureEngine()
    {
        final DockerCli.Result result = run(Duration.ofMinutes(5), "ensure-engine");
        if (!result.ok())
        {
            throw new LabUnavailableException(lastLine(result.stderr(), "docker engine unavailable (exit " +
                result.exitCode() + ")"));
        }
    }

    public void ensureImages()
    {
        run(Duration.ofMinutes(10), "base-image").orThrow();
        run(Duration.ofMinutes(3), "build-image", jar().toString()).orThrow();
    }

    public void networksUp()
    {
        run(Duration.ofMinutes(1), "net-up").orThrow();
    }

    /**
     * Swarm mode (a one-node swarm of this engine when it is in none), the overlay network and the gateway into it
     * ({@code docker/swarm-net-up}); returns what the script printed, the gateway's overlay address last.
     */
    public String swarmNetUp(final Path runsRoot)
    {
        return run(Duration.ofMinutes(2), "swarm-net-up", runsRoot.toAbsolutePath().toString()).orThrow();
    }

    /** Removes every lab container, network and interface; returns what the script said it removed. */
    public String down()
    {
        return run(Duration.ofMinutes(5), "down").orThrow();
    }

    private DockerCli.Result run(final Duration timeout, final String script, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(home.resolve("docker").resolve(script).toString());
        command.addAll(List.of(args));
        return DockerCli.exec(home, null, timeout, command);
    }

    private static String lastLine(final String text, final String fallback)
    {
        final String[] lines = text.trim().split("\n");
        final String last = lines[lines.length - 1].trim();
        return last.isEmpty() ? fallback : last.replaceFirst("^unavailable: ", "");
    }
}
