package io.hearsay.master.options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Host names where a daemon's settings take IPv4 addresses ({@code --bind}, {@code --control-bind}, {@code --seeds},
 * roster lines): an orchestrator (Docker Swarm, Kubernetes) knows a container by name before it knows its address,
 * so the daemon resolves names when it starts, waiting for names not yet published (a peer's container still
 * starting) until a deadline. Dotted addresses pass through untouched and at once.
 */
public final class HostNames
{
    private static final Pattern DOTTED = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})");
    private static final long RETRY_MS = 250;

    /** Looks a name up once; empty when it is not (yet) known. Package-private for tests. */
    interface Lookup
    {
        String ipv4(String name);
    }

    private final Lookup lookup;
    private final long deadlineNs;

    HostNames(final Lookup lookup, final Duration wait)
    {
        this.lookup = lookup;
        this.deadlineNs = System.nanoTime() + wait.toNanos();
    }

    /** Resolves through the system's resolver (the container's DNS), waiting at most {@code wait} for each name. */
    public static HostNames system(final Duration wait)
    {
        return new HostNames(HostNames::systemIpv4, wait);
    }

    private static String systemIpv4(final String name)
    {
        try
        {
            for (final InetAddress address : InetAddress.getAllByName(name))
            {
                if (address instanceof Inet4Address)
                {
                    return address.getHostAddress();
                }
            }
            return null;
        }
        catch (final UnknownHostException ex)
        {
            return null;
        }
    }

    public static boolean isDotted(final String host)
    {
        return DOTTED.matcher(host).matches();
    }

    /** {@code host} as a dotted IPv4 address; {@code option} names the setting in the error when it cannot be. */
    public String address(final String option, final String host)
    {
        final String h = host.trim();
        if (isDotted(h) || h.equals("0.0.0.0"))
        {
            return h;
        }
        if (!NAME.matcher(h).matches())
        {
            throw new IllegalArgumentException(option + ": '" + h + "' is neither an IPv4 address nor a host name");
        }
        while (true)
        {
            final String ip = lookup.ipv4(h);
            if (ip != null)
            {
                return ip;
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new IllegalArgumentException(option + ": host name '" + h + "' did not resolve to an IPv4 address " +
                    "(waited until the deadline; --resolve-wait-s sets it)");
            }
            try
            {
                TimeUnit.MILLISECONDS.sleep(RETRY_MS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while resolving " + h, ex);
            }
        }
    }

    /** {@code host:port[+count]} with the host resolved; the rest of the text kept as it was. */
    public String endpoint(final String option, final String endpoint)
    {
        final String e = endpoint.trim();
        final int colon = e.lastIndexOf(':');
        if (colon <= 0)
        {
            throw new IllegalArgumentException(option + ": '" + e + "' is not host:port; accepted: ip:port or name:port");
        }
        return address(option, e.substring(0, colon)) + e.substring(colon);
    }

    /** A comma-separated list of {@code host:port} with every host resolved (null stays null). */
    public String endpoints(final String option, final String list)
    {
        if (list == null || list.isBlank())
        {
            return list;
        }
        final List<String> resolved = new ArrayList<>();
        for (final String part : list.split(","))
        {
            resolved.add(endpoint(option, part));
        }
        return String.join(",", resolved);
    }

    /**
     * A roster file whose lines may name hosts: the file itself when every line is dotted, else a resolved copy next
     * to the JVM's temporary files (comments and blank lines kept, so line numbers in errors still match).
     */
    public Path roster(final Path file)
    {
        if (!Files.isRegularFile(file))
        {
            return file; // the roster's own reader names what is missing
        }
        try
        {
            final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            final List<String> resolved = new ArrayList<>(lines.size());
            boolean changed = false;
            for (int i = 0; i < lines.size(); i++)
            {
                final String line = lines.get(i);
                final String content = line.replaceFirst("#.*", "").trim();
                if (content.isEmpty() || isDotted(content.substring(0, Math.max(0, content.lastIndexOf(':')))))
                {
                    resolved.add(line);
                    continue;
                }
                resolved.add(endpoint("--roster " + file + " line " + (i + 1), content));
                changed = true;
            }
            if (!changed)
            {
                return file;
            }
            final Path copy = Files.createTempFile("hearsay-roster", ".txt");
            copy.toFile().deleteOnExit();
            Files.write(copy, resolved, StandardCharsets.UTF_8);
            return copy;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the roster " + file + ": " + ex.getMessage(), ex);
        }
    }
}
