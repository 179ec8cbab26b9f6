package io.hearsay.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protocol core and the wire codecs stay sans-IO: no sockets, no channels, no threads, no clock, no
 * unseeded randomness (a cipher's nonces may use SecureRandom). Scans the source files (comments stripped) of {@code io.hearsay.core} and
 * {@code io.hearsay.wire}.
 */
class SansIoImportScanTest
{
    private static final Path SOURCES = Paths.get("src/main/java/io/hearsay");
    private static final Pattern FORBIDDEN = Pattern.compile(
        "import\\s+java\\.net\\b|import\\s+java\\.nio\\.channels\\b|java\\.lang\\.Thread\\b|\\bThread\\s*\\.|" +
        "\\bnew\\s+Thread\\b|\\bextends\\s+Thread\\b|System\\s*\\.\\s*nanoTime|System\\s*\\.\\s*currentTimeMillis|" +
        "Instant\\s*\\.\\s*now|Clock\\s*\\.\\s*system|LocalDateTime\\s*\\.\\s*now|ZonedDateTime\\s*\\.\\s*now|" +
        "Math\\s*\\.\\s*random|ThreadLocalRandom|new\\s+Random\\s*\\(|" +
        "import\\s+java\\.util\\.concurrent\\.(Executor|Executors|ScheduledExecutorService)\\b|\\bTimer\\s*\\(");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    @Test
    void shouldKeepCoreAndWireFreeOfSocketsThreadsAndClocks() throws IOException
    {
        final List<String> violations = new ArrayList<>();
        int scanned = 0;
        for (final String pkg : new String[]{"core", "wire"})
        {
            try (Stream<Path> files = Files.walk(SOURCES.resolve(pkg)))
            {
                for (final Path file : (Iterable<Path>)files.filter(p -> p.toString().endsWith(".java"))::iterator)
                {
                    scanned++;
                    final String code = COMMENTS.matcher(Files.readString(file)).replaceAll(" ");
                    final Matcher matcher = FORBIDDEN.matcher(code);
                    while (matcher.find())
                    {
                        violations.add(file + ": " + matcher.group());
                    }
                }
            }
        }
        assertThat(scanned).as("source files scanned").isGreaterThan(20);
        assertThat(violations).as("sans-IO violations").isEmpty();
    }

    @Test
    void shouldKeepTheWireFreeOfTheCoreSoThePackagesHaveNoCycle() throws IOException
    {
        final List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES.resolve("wire")))
        {
            for (final Path file : (Iterable<Path>)files.filter(p -> p.toString().endsWith(".java"))::iterator)
            {
                if (Files.readString(file).contains("import io.hearsay.core"))
                {
                    violations.add(file.toString());
                }
            }
        }
        assertThat(violations).as("wire sources importing the core (the core imports the wire)").isEmpty();
    }

    @Test
    void shouldDetectAViolation()
    {
        assertThat(FORBIDDEN.matcher("final long t = System.nanoTime();").find()).isTrue();
        assertThat(FORBIDDEN.matcher("import java.net.InetSocketAddress;").find()).isTrue();
        assertThat(FORBIDDEN.matcher("import java.nio.channels.DatagramChannel;").find()).isTrue();
        assertThat(FORBIDDEN.matcher("Thread.sleep(5);").find()).isTrue();
        assertThat(FORBIDDEN.matcher("import java.nio.ByteOrder;").find()).isFalse();
    }
}
