package io.hearsay.master.swarm;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Receives each host's logs (one TCP connection per host: a line naming the host, then a gzipped tar of its log
 * volume) into {@code DIR/HOST.tar.gz}. Runs in the gateway container, on the overlay. Bounded: a host name must be a
 * host name, a host sends at most {@link #MAX_BYTES}, a connection that stalls for {@link #IDLE_MS} is dropped, and
 * the whole wait ends at its deadline; what was refused is named, what arrived is kept.
 */
public final class LogReceiver
{
    public static final long MAX_BYTES = 8L << 30;
    public static final int IDLE_MS = 60_000;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    /** What one wait ended with: the hosts received and the connections refused (with why). */
    public record Outcome(List<String> received, List<String> refused)
    {
    }

    private LogReceiver()
    {
    }

    public static Outcome receive(final ServerSocket server, final Path dir, final int expect, final long deadlineNs)
        throws IOException
    {
        Files.createDirectories(dir);
        final List<String> received = new ArrayList<>();
        final List<String> refused = new ArrayList<>();
        while (received.size() < expect)
        {
            final long leftMs = (deadlineNs - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0)
            {
                break;
            }
            server.setSoTimeout((int)Math.min(Integer.MAX_VALUE, leftMs));
            try (Socket socket = server.accept())
            {
                socket.setSoTimeout(IDLE_MS);
                final InputStream in = new BufferedInputStream(socket.getInputStream());
                final String host = readLine(in);
                if (host == null || !HOST.matcher(host).matches())
                {
                    refused.add(socket.getRemoteSocketAddress() + ": first line is not a host name");
                    continue;
                }
                final Path file = dir.resolve(host + ".tar.gz");
                try (OutputStream out = Files.newOutputStream(file))
                {
                    final byte[] buffer = new byte[1 << 16];
                    long total = 0;
                    for (int n; (n = in.read(buffer)) > 0; )
                    {
                        total += n;
                        if (total > MAX_BYTES)
                        {
                            throw new IOException("more than " + (MAX_BYTES >> 30) + " GiB");
                        }
                        out.write(buffer, 0, n);
                    }
                }
                catch (final IOException ex)
                {
                    Files.deleteIfExists(file);
                    refused.add(host + ": " + ex.getMessage());
                    continue;
                }
                received.add(host);
            }
            catch (final SocketTimeoutException ex)
            {
                break;
            }
        }
        return new Outcome(received, refused);
    }

    /** a line of at most 256 bytes ending with \n, or null */
    static String readLine(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1; )
        {
            if (b == '\n')
            {
                return line.toString(java.nio.charset.StandardCharsets.US_ASCII).trim();
            }
            if (line.size() >= 256)
            {
                return null;
            }
            line.write(b);
        }
        return null;
    }

    /** Listens on {@code port} on every address of the container. */
    public static ServerSocket listen(final int port) throws IOException
    {
        final ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(port));
        return server;
    }
}
