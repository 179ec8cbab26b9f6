package io.hearsay.master;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JVM flags are written once, in the root pom's {@code hearsay.jvm.*} properties; the launcher, child JVMs,
 * containers, surefire and JMH use what the build derives from them. This fails when a second copy appears.
 */
class JvmFlagsInOnePlaceTest
{
    /** a flag written out (command-line or manifest form), not a reference to the properties */
    private static final Pattern FLAG = Pattern.compile("(--add-(opens|exports)[ =][a-z])|(Add-(Opens|Exports)>[a-z])");
    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "target", "runs", "results", "node_modules");

    @Test
    void shouldWriteTheJvmFlagsOnlyInTheRootPom() throws IOException
    {
        final Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("pom.xml")).as("run from master-cli/").exists();
        final List<String> copies = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root))
        {
            files.filter(Files::isRegularFile)
                .filter(f -> !inSkippedFolder(root.relativize(f)))
                .filter(f -> !f.equals(root.resolve("pom.xml")))
                .forEach(f -> findCopies(root, f, copies));
        }
        assertThat(copies).as("JVM flags written outside the root pom's hearsay.jvm.* properties").isEmpty();
    }

    @Test
    void shouldGiveChildJvmsEveryFlagFromTheBuiltArgumentFile()
    {
        // the flags spelled by their module only: this file must not hold a copy itself
        assertThat(JvmFlags.flags())
            .anyMatch(f -> f.endsWith("exports=java.base/jdk.internal.misc=ALL-UNNAMED"))
            .anyMatch(f -> f.endsWith("opens=java.base/java.nio=ALL-UNNAMED"))
            .contains("-Dchronicle.analytics.disable=true")
            .allMatch(f -> f.startsWith("--add-") || f.startsWith("-D"))
            .doesNotHaveDuplicates();
    }

    private static boolean inSkippedFolder(final Path relative)
    {
        for (final Path part : relative)
        {
            if (SKIPPED_FOLDERS.contains(part.toString()))
            {
                return true;
            }
        }
        return false;
    }

    private static void findCopies(final Path root, final Path file, final List<String> copies)
    {
        try
        {
            if (Files.size(file) > 2_000_000)
            {
                return;
            }
            final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++)
            {
                if (FLAG.matcher(lines.get(i)).find())
                {
                    copies.add(root.relativize(file) + ":" + (i + 1));
                }
            }
        }
        catch (final MalformedInputException ex)
        {
            // a binary file (image, jar): not where anyone writes JVM flags
        }
        catch (final IOException ex)
        {
            copies.add(root.relativize(file) + ": unreadable (" + ex.getMessage() + ")");
        }
    }
}
