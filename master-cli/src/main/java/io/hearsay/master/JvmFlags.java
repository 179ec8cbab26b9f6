package io.hearsay.master;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags Agrona and Chronicle Queue need, read from the class path's {@code hearsay/jvm.options}: the argument
 * file the build makes from the root pom's {@code hearsay.jvm.*} properties (the one place they are written). For JVMs
 * this program starts itself (the child daemons of {@code ./hearsay local}).
 */
public final class JvmFlags
{
    public static final String RESOURCE = "/hearsay/jvm.options";

    private JvmFlags()
    {
    }

    /** every flag of the argument file, comments left out */
    public static List<String> flags()
    {
        try (InputStream in = JvmFlags.class.getResourceAsStream(RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException(RESOURCE + " is not on the class path; rebuild (mvn -o -q -B package -DskipTests)");
            }
            final List<String> flags = new ArrayList<>();
            for (final String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
            {
                if (!line.isBlank() && !line.trim().startsWith("#"))
                {
                    flags.addAll(List.of(line.trim().split("\\s+")));
                }
            }
            return flags;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + RESOURCE, ex);
        }
    }
}
