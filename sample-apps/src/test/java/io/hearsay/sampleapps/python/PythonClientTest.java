package io.hearsay.sampleapps.python;

import io.hearsay.daemon.app.ApplicationDispatcher;
import io.hearsay.daemon.app.ApplicationHost;
import io.hearsay.daemon.app.EmbeddedNetwork;
import io.hearsay.daemon.app.EmbeddedNode;
import io.hearsay.daemon.app.api.LocalApiServer;
import io.hearsay.sampleapps.kv.ReplicatedKvApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The stdlib-only Python client against the real local API (over in-memory nodes); skipped without python3. */
class PythonClientTest
{
    private static final Path SCRIPT = Path.of("python", "hearsay_client.py");

    private final ApplicationDispatcher dispatcher = new ApplicationDispatcher("py-apps").start();
    private final EmbeddedNetwork network = new EmbeddedNetwork(dispatcher, 3, false);
    private LocalApiServer api;
    private EmbeddedNode a;

    @BeforeEach
    void setUp()
    {
        assumeTrue(python3Present(), "python3 is not on the PATH: the Python client test is skipped");
        a = network.addNode(7001, new ApplicationHost.Context().applications(List.of(new ReplicatedKvApp())));
        final EmbeddedNode b = network.addNode(7002, new ApplicationHost.Context().applications(List.of(new ReplicatedKvApp())));
        api = LocalApiServer.start(0, List.of(a.host(), b.host()));
        network.startDutyThread();
    }

    @AfterEach
    void tearDown()
    {
        if (null != api)
        {
            api.close();
        }
        network.close();
        dispatcher.close();
    }

    @Test
    void shouldListMembersBroadcastAndTailEvents() throws Exception
    {
        final Result members = run("members");
        assertThat(members.exitCode).as(members.output()).isZero();
        assertThat(members.output()).contains("127.0.0.1:7001", "127.0.0.1:7002", "ALIVE");

        final Process tail = start("--node", "1", "tail", "--types", "event", "--count", "1", "--timeout", "10");
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final Thread reader = new Thread(() -> readLines(tail, lines));
        reader.start();
        assertThat(lines.poll(30, TimeUnit.SECONDS)).as("the tail's first line").contains("\"tailing\": true");

        final Result broadcast = run("broadcast", "from python");
        assertThat(broadcast.exitCode).as(broadcast.output()).isZero();
        assertThat(broadcast.output()).contains("\"origin\": \"127.0.0.1:7001\"", "\"sequence\": 1");

        final String event = lines.poll(30, TimeUnit.SECONDS);
        assertThat(event).as("the tailed event").contains("\"payload\": \"from python\"", "\"type\": \"event\"");
        assertThat(tail.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(tail.exitValue()).isZero();
    }

    @Test
    void shouldWriteAndReadTheReplicatedStoreAndReportApiErrors() throws Exception
    {
        assertThat(run("kv-put", "color", "blue").exitCode).isZero();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Result read;
        do
        {
            read = run("--node", "127.0.0.1:7002", "kv-get", "color");
        }
        while (!read.output().contains("blue") && System.nanoTime() - deadlineNs < 0);
        assertThat(read.output()).contains("blue");

        final Result bad = run("request", "nowhere", "hi");
        assertThat(bad.exitCode).isEqualTo(1);
        assertThat(bad.output()).contains("\"field\":\"to\"", "a.b.c.d:port");
    }

    private record Result(int exitCode, String output)
    {
    }

    private Result run(final String... args) throws IOException, InterruptedException
    {
        final Process process = start(args);
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private Process start(final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString(), "--api", "http://127.0.0.1:" + api.port()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void readLines(final Process process, final BlockingQueue<String> lines)
    {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = in.readLine()))
            {
                lines.add(line);
            }
        }
        catch (final IOException ignored)
        {
            // the process ended
        }
    }

    private static boolean python3Present()
    {
        try
        {
            final Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.isRegularFile(SCRIPT);
        }
        catch (final IOException | InterruptedException ex)
        {
            return false;
        }
    }
}
