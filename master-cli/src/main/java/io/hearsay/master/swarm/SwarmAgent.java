package io.hearsay.master.swarm;

import io.hearsay.master.cluster.DockerCli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One host's agent of a swarm run (a global service, one task per host, on the overlay): runs the master's docker
 * commands against this host's engine (its socket is mounted) — the kernel faults' {@code nft}/{@code tc} in the node
 * containers' namespaces, pause/kill/restart, {@code ps} and {@code stats} — many at a time, and streams this host's
 * log volume. So a fault or a status across hosts costs a round trip per host and a {@code docker exec} per container,
 * not a swarm job per command. Speaks {@link AgentProtocol}; a request without the run's token, malformed, too large or
 * beyond {@link #MAX_CONNECTIONS} at once is refused with one line and counted.
 */
public final class SwarmAgent implements Runnable, AutoCloseable
{
    public static final int MAX_CONNECTIONS = 16;
    public static final int PARALLEL_COMMANDS = 8;
    /** a request must arrive this soon after the connection */
    public static final int READ_TIMEOUT_MS = 10_000;
    private static final int LOGGED_REFUSALS = 20;

    private final ServerSocket server;
    private final String token;
    private final String host;
    private final DockerCli docker;
    private final Path logsDir;
    private final PrintStream log;
    private final AtomicLong refused = new AtomicLong();
    private final ExecutorService connections = new ThreadPoolExecutor(MAX_CONNECTIONS, MAX_CONNECTIONS, 30,
        TimeUnit.SECONDS, new SynchronousQueue<>(), daemon("agent-connection"));
    private final ExecutorService commands = Executors.newFixedThreadPool(PARALLEL_COMMANDS, daemon("agent-docker"));

    public SwarmAgent(final ServerSocket server, final String token, final String host, final DockerCli docker,
        final Path logsDir, final PrintStream log)
    {
        this.server = server;
        this.token = token;
        this.host = host;
        this.docker = docker;
        this.logsDir = logsDir;
        this.log = log;
    }

    /** requests refused so far (bad token, malformed, too large, too many at once) */
    public long refused()
    {
        return refused.get();
    }

    /** Accepts connections until the server socket closes. */
    @Override
    public void run()
    {
        while (!server.isClosed())
        {
            final Socket socket;
            try
            {
                socket = server.accept();
            }
            catch (final IOException ex)
            {
                if (server.isClosed())
                {
                    return;
                }
                refuse("accept failed: " + ex.getMessage());
                continue;
            }
            try
            {
                connections.execute(() -> handle(socket));
            }
            catch (final RejectedExecutionException busy)
            {
                refuse("more than " + MAX_CONNECTIONS + " connections at once from " + socket.getRemoteSocketAddress());
                answerAndClose(socket, new AgentProtocol.Answer(host, "busy: " + MAX_CONNECTIONS + " requests at once", List.of()));
            }
        }
    }

    void handle(final Socket socket)
    {
        try (socket)
        {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            final InputStream in = new BufferedInputStream(socket.getInputStream());
            final AgentProtocol.Request request;
            try
            {
                final String line = AgentProtocol.readLine(in, AgentProtocol.MAX_REQUEST_BYTES);
                if (line == null)
                {
                    return;
                }
                request = AgentProtocol.parseRequest(line);
            }
            catch (final IllegalArgumentException | IOException bad)
            {
                refuse(socket.getRemoteSocketAddress() + ": " + bad.getMessage());
                write(socket, new AgentProtocol.Answer(host, "refused: " + bad.getMessage(), List.of()));
                return;
            }
            if (!AgentProtocol.tokenMatches(token, request.token()))
            {
                refuse(socket.getRemoteSocketAddress() + ": wrong token");
                write(socket, new AgentProtocol.Answer(host, "refused: wrong token", List.of()));
                return;
            }
            if (AgentProtocol.OP_LOGS.equals(request.op()))
            {
                streamLogs(socket.getOutputStream(), request.timeoutMs());
            }
            else
            {
                write(socket, new AgentProtocol.Answer(host, null, runAll(request)));
            }
        }
        catch (final IOException gone)
        {
            // the master went away; nothing to answer
        }
    }

    private List<AgentProtocol.Reply> runAll(final AgentProtocol.Request request)
    {
        final Duration timeout = Duration.ofMillis(request.timeoutMs());
        final List<Future<AgentProtocol.Reply>> futures = new ArrayList<>();
        for (final AgentProtocol.Command c : request.commands())
        {
            futures.add(commands.submit(() ->
            {
                final String[] args = c.args().toArray(String[]::new);
                final DockerCli.Result r = c.stdin() == null ? docker.docker(timeout, args) :
                    docker.dockerWithInput(c.stdin(), timeout, args);
                return new AgentProtocol.Reply(r.exitCode(), r.stdout(), r.stderr());
            }));
        }
        final List<AgentProtocol.Reply> replies = new ArrayList<>();
        for (final Future<AgentProtocol.Reply> f : futures)
        {
            try
            {
                replies.add(f.get());
            }
            catch (final ExecutionException ex)
            {
                replies.add(new AgentProtocol.Reply(125, "", "agent on " + host + ": " + ex.getCause()));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                replies.add(new AgentProtocol.Reply(130, "", "agent on " + host + ": interrupted"));
            }
        }
        return replies;
    }

    /** a header line, then {@code tar -czS} of the log volume (the queues' preallocated holes are not sent) */
    private void streamLogs(final OutputStream out, final long timeoutMs) throws IOException
    {
        out.write((AgentProtocol.encode(new AgentProtocol.Answer(host, null, List.of())) + "\n")
            .getBytes(StandardCharsets.UTF_8));
        final Process tar = new ProcessBuilder("tar", "-C", logsDir.toString(), "-cSzf", "-", ".")
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (InputStream archive = tar.getInputStream())
        {
            archive.transferTo(out);
            if (!tar.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
            {
                tar.destroyForcibly();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            tar.destroyForcibly();
        }
        catch (final SocketException gone)
        {
            tar.destroyForcibly();
        }
    }

    private void answerAndClose(final Socket socket, final AgentProtocol.Answer answer)
    {
        try (socket)
        {
            write(socket, answer);
        }
        catch (final IOException ignore)
        {
            // the master went away
        }
    }

    private static void write(final Socket socket, final AgentProtocol.Answer answer) throws IOException
    {
        final OutputStream out = socket.getOutputStream();
        out.write((AgentProtocol.encode(answer) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void refuse(final String why)
    {
        final long n = refused.incrementAndGet();
        if (n <= LOGGED_REFUSALS)
        {
            log.println("agent on " + host + ": refused " + why + (n == LOGGED_REFUSALS ? " (further refusals only counted)" : ""));
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(final String name)
    {
        return r ->
        {
            final Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Listens on {@code port} on every address of the container (0: any free port). */
    public static ServerSocket listen(final int port) throws IOException
    {
        final ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new java.net.InetSocketAddress(port));
        return server;
    }

    @Override
    public void close() throws IOException
    {
        server.close();
        connections.shutdownNow();
        commands.shutdownNow();
    }
}
