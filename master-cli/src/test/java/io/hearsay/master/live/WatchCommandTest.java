package io.hearsay.master.live;

import io.hearsay.master.JvmFlags;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code hearsay watch} in a pseudo-terminal (util-linux {@code script}) and through a pipe. */
class WatchCommandTest
{
    private static List<String> watchCommand(final LiveTestCluster cluster, final String... extra)
    {
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JvmFlags.flags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.hearsay.master.HearsayMain", "watch"));
        for (final var daemon : cluster.daemons)
        {
            command.add("--control");
            command.add("127.0.0.1:" + daemon.controlAddress().getPort());
        }
        command.addAll(List.of(extra));
        return command;
    }

    private static String run(final List<String> command, final Path output) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("watch finished").isTrue();
        final String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }

    @Test
    void shouldRedrawInPlaceInAPseudoTerminal() throws Exception
    {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "no util-linux script(1) here to make a pseudo-terminal");
        try (LiveTestCluster cluster = new LiveTestCluster(2, 3, null))
        {
            cluster.awaitMembership();
            final String java = String.join(" ", watchCommand(cluster, "--count", "3", "--interval-ms", "200",
                "--sort", "alive", "--desc").stream().map(a -> "'" + a + "'").toList());
            final Path output = Files.createTempFile("watch-pty", ".txt");
            final String screen = run(List.of("/usr/bin/script", "-qfec", java, "/dev/null"), output);
            assertThat(screen).contains("\033[H").contains("\033[K").contains("hearsay watch").contains("nodes 6 (running 6)");
            assertThat(screen.split("\033\\[H", -1).length - 1).as("three frames drawn from the top-left corner").isEqualTo(3);
            assertThat(screen).contains("sorted by alive (desc)").contains("5:alive^".replace('^', 'v'));
            for (final NodeRow row : cluster.collector.snapshot().nodes())
            {
                assertThat(screen).contains(row.node());
            }
        }
    }

    @Test
    void shouldPrintPlainLinesWhenNotATerminal() throws Exception
    {
        try (LiveTestCluster cluster = new LiveTestCluster(1, 4, null))
        {
            cluster.awaitMembership();
            final Path output = Files.createTempFile("watch-plain", ".txt");
            final String text = run(watchCommand(cluster, "--count", "2", "--interval-ms", "100"), output);
            assertThat(text).doesNotContain("\033");
            final List<String> lines = text.lines().filter(l -> l.contains(" node=")).toList();
            assertThat(lines).hasSize(8);
            assertThat(lines.get(0)).contains("status=RUNNING").contains("alive=4").contains("dgram/s=");
        }
    }

    @Test
    void shouldSortByTheKeyPressed()
    {
        final WatchCommand watch = new WatchCommand();
        watch.onKey('4');
        watch.onKey('r');
        assertThat(watch.sortColumn()).isEqualTo("health");
        assertThat(watch.sortDescending()).isTrue();
        final LiveCollector.Snapshot snapshot = new LiveCollector.Snapshot(0, 0, 1, List.of(), List.of(
            row("127.0.0.1:1", 2), row("127.0.0.1:2", 0), row("127.0.0.1:3", 5)), ViewMatrix.HeatMap.EMPTY,
            0, List.of(), null, List.of(), List.of(), List.of(), List.of(), 0, 0, java.util.Map.of("forged", 2L), "c",
            java.util.Map.of(), java.util.Map.of());
        assertThat(WatchCommand.sorted(snapshot, "health", true)).extracting(NodeRow::healthScore).containsExactly(5, 2, 0);
        assertThat(WatchCommand.screen(snapshot, "health", false, 2)).contains("… 1 more");
    }

    private static NodeRow row(final String node, final int health)
    {
        return new NodeRow(node, io.hearsay.core.Addresses.parse(node), "e", "RUNNING", 0, health, 0, 3, 3, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, false, 0, 0, 0);
    }
}
