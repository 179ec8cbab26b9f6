package io.hearsay.master.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's UDP counters of each container's network namespace (the {@code Udp:} lines of {@code /proc/net/snmp}):
 * {@code RcvbufErrors} counts datagrams the kernel dropped because a socket's receive buffer was full, {@code InErrors}
 * every datagram it could not deliver (buffer full included). On real UDP an "unbounded in-degree" shows up here.
 * Read from the host through {@code /proc/PID/net/snmp} of the container's init process (the namespace's view; one
 * file read per container), or, where that is not readable (a remote engine), with {@code docker exec CONTAINER cat
 * /proc/net/snmp}. Counters are per container: the nodes it hosts share one namespace.
 */
public final class KernelUdpCounters
{
    /** the counters kept, as the kernel names them */
    public static final List<String> FIELDS =
        List.of("InDatagrams", "NoPorts", "InErrors", "OutDatagrams", "RcvbufErrors", "SndbufErrors");

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final DockerCli docker;
    private final Map<String, Long> pids = new LinkedHashMap<>();

    private KernelUdpCounters(final DockerCli docker)
    {
        this.docker = docker;
    }

    /** Finds the init process of every container (one {@code docker inspect}); a container not running is left out. */
    public static KernelUdpCounters of(final DockerCli docker, final List<String> containers)
    {
        final KernelUdpCounters counters = new KernelUdpCounters(docker);
        if (containers.isEmpty())
        {
            return counters;
        }
        final List<String> args = new ArrayList<>(List.of("inspect", "-f", "{{.Name}} {{.State.Pid}}"));
        args.addAll(containers);
        final DockerCli.Result r = docker.docker(TIMEOUT, args.toArray(String[]::new));
        for (final String line : r.stdout().split("\n"))
        {
            final String[] parts = line.trim().split(" ");
            if (parts.length == 2 && !parts[1].equals("0"))
            {
                counters.pids.put(parts[0].startsWith("/") ? parts[0].substring(1) : parts[0], Long.parseLong(parts[1]));
            }
        }
        return counters;
    }

    /**
     * Counters read with {@code docker exec CONTAINER cat /proc/net/snmp} only: for containers this host does not run
     * (a swarm's, through {@code SwarmDocker}).
     */
    public static KernelUdpCounters throughExec(final DockerCli docker, final List<String> containers)
    {
        final KernelUdpCounters counters = new KernelUdpCounters(docker);
        containers.forEach(c -> counters.pids.put(c, 0L));
        return counters;
    }

    /** the containers whose counters can be read */
    public List<String> containers()
    {
        return new ArrayList<>(pids.keySet());
    }

    /** The counters of every container now; a container whose counters cannot be read is left out. */
    public Map<String, Map<String, Long>> sample()
    {
        final Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (final Map.Entry<String, Long> e : pids.entrySet())
        {
            String text = null;
            try
            {
                if (e.getValue() <= 0)
                {
                    throw new IOException("no process of " + e.getKey() + " on this host");
                }
                text = Files.readString(Path.of("/proc", Long.toString(e.getValue()), "net", "snmp"));
            }
            catch (final IOException | SecurityException ex)
            {
                final DockerCli.Result r = docker.docker(TIMEOUT, "exec", e.getKey(), "cat", "/proc/net/snmp");
                if (r.ok())
                {
                    text = r.stdout();
                }
            }
            if (text != null)
            {
                out.put(e.getKey(), parse(text, e.getKey()));
            }
        }
        return out;
    }

    /**
     * The {@link #FIELDS} of the {@code Udp:} header and value lines of {@code /proc/net/snmp} text.
     *
     * @throws IllegalArgumentException naming {@code source} when there is no such pair of lines or a value is not a number
     */
    public static Map<String, Long> parse(final String snmp, final String source)
    {
        String header = null;
        String values = null;
        for (final String line : snmp.split("\n"))
        {
            if (line.startsWith("Udp:"))
            {
                if (header == null)
                {
                    header = line;
                }
                else
                {
                    values = line;
                    break;
                }
            }
        }
        if (values == null)
        {
            throw new IllegalArgumentException(source + ": no 'Udp:' header and value lines in /proc/net/snmp");
        }
        final String[] names = header.trim().split("\\s+");
        final String[] numbers = values.trim().split("\\s+");
        if (names.length != numbers.length)
        {
            throw new IllegalArgumentException(source + ": the 'Udp:' lines of /proc/net/snmp have " + (names.length - 1) +
                " names but " + (numbers.length - 1) + " values");
        }
        final Map<String, Long> out = new LinkedHashMap<>();
        for (final String field : FIELDS)
        {
            for (int i = 1; i < names.length; i++)
            {
                if (names[i].equals(field))
                {
                    try
                    {
                        out.put(field, Long.parseLong(numbers[i]));
                    }
                    catch (final NumberFormatException ex)
                    {
                        throw new IllegalArgumentException(source + ": Udp " + field + " is '" + numbers[i] +
                            "', not a number");
                    }
                }
            }
        }
        return out;
    }
}
