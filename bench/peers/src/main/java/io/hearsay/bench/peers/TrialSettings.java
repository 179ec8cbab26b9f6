package io.hearsay.bench.peers;

import java.util.ArrayList;
import java.util.List;

/**
 * One trial's settings, the same for every system so the comparison is fair: gossip interval and fan-out, probe
 * interval and timeout, indirect probes, suspicion multiplier. Parsed from {@code --name value} pairs; a wrong name
 * or value is refused with what is accepted.
 */
public final class TrialSettings
{
    static final String ACCEPTED = "--system hearsay|scalecube|atomix, --timing periodic|eager (hearsay), --nodes N (2..4096), " +
        "--first F --count C (the members 0..N-1 this JVM hosts), --seed-address HOST:PORT (member 0, for every JVM but " +
        "the first), --interval-ms, --fanout, --ping-interval-ms, --ping-timeout-ms, --ping-req-members, --suspicion-mult, " +
        "--events, --idle-s, --converge-s, --crash-s, --seed, --base-port, --trial";
    public static final List<String> SYSTEMS = List.of("hearsay", "scalecube", "atomix");

    public String system = "hearsay";
    public String timing = "periodic";
    public int nodes = 16;
    /** the first member this JVM hosts, and how many (a shard of the trial's N; all N by default) */
    public int first = 0;
    public int count = -1;
    /** member 0's address, for the JVMs that do not host it ("" where this JVM hosts member 0) */
    public String seedAddress = "";
    public int intervalMs = 200;
    public int fanout = 3;
    public int pingIntervalMs = 1000;
    public int pingTimeoutMs = 500;
    public int pingReqMembers = 3;
    public int suspicionMult = 5;
    public int events = 10;
    public int idleS = 10;
    public int convergeS = 120;
    public int crashS = 120;
    public long seed = 1;
    public int basePort = 0;
    public int trial = 1;

    public static TrialSettings parse(final String[] args)
    {
        final TrialSettings s = new TrialSettings();
        if (args.length % 2 != 0)
        {
            throw new IllegalArgumentException("options come in pairs (--name value); accepted: " + ACCEPTED);
        }
        for (int i = 0; i < args.length; i += 2)
        {
            final String name = args[i];
            final String value = args[i + 1];
            switch (name)
            {
                case "--system" -> s.system = oneOf(name, value, SYSTEMS.toArray(String[]::new));
                case "--timing" -> s.timing = oneOf(name, value, "periodic", "eager");
                case "--nodes" -> s.nodes = (int)number(name, value, 2, 4096);
                case "--first" -> s.first = (int)number(name, value, 0, 4095);
                case "--count" -> s.count = (int)number(name, value, 1, 4096);
                case "--seed-address" -> s.seedAddress = value;
                case "--interval-ms" -> s.intervalMs = (int)number(name, value, 10, 60_000);
                case "--fanout" -> s.fanout = (int)number(name, value, 1, 64);
                case "--ping-interval-ms" -> s.pingIntervalMs = (int)number(name, value, 10, 60_000);
                case "--ping-timeout-ms" -> s.pingTimeoutMs = (int)number(name, value, 1, 60_000);
                case "--ping-req-members" -> s.pingReqMembers = (int)number(name, value, 0, 64);
                case "--suspicion-mult" -> s.suspicionMult = (int)number(name, value, 1, 100);
                case "--events" -> s.events = (int)number(name, value, 1, 10_000);
                case "--idle-s" -> s.idleS = (int)number(name, value, 1, 3_600);
                case "--converge-s" -> s.convergeS = (int)number(name, value, 1, 3_600);
                case "--crash-s" -> s.crashS = (int)number(name, value, 0, 3_600);
                case "--seed" -> s.seed = number(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--base-port" -> s.basePort = (int)number(name, value, 0, 65_000);
                case "--trial" -> s.trial = (int)number(name, value, 1, 1_000_000);
                default -> throw new IllegalArgumentException("unknown option " + name + "; accepted: " + ACCEPTED);
            }
        }
        if (s.count < 0)
        {
            s.count = s.nodes - s.first;
        }
        if (s.first + s.count > s.nodes)
        {
            throw new IllegalArgumentException("--first " + s.first + " --count " + s.count + ": beyond --nodes " + s.nodes);
        }
        if (s.first > 0 && s.seedAddress.isEmpty())
        {
            throw new IllegalArgumentException("--first " + s.first + ": a JVM that does not host member 0 needs --seed-address");
        }
        return s;
    }

    /** whether this JVM hosts member {@code node} */
    public boolean hosts(final int node)
    {
        return node >= first && node < first + count;
    }

    /** the settings as arguments again, for a child JVM */
    public List<String> toArgs()
    {
        final List<String> args = new ArrayList<>();
        add(args, "--system", system);
        add(args, "--timing", timing);
        add(args, "--nodes", nodes);
        add(args, "--first", first);
        add(args, "--count", count < 0 ? nodes - first : count);
        if (!seedAddress.isEmpty())
        {
            add(args, "--seed-address", seedAddress);
        }
        add(args, "--interval-ms", intervalMs);
        add(args, "--fanout", fanout);
        add(args, "--ping-interval-ms", pingIntervalMs);
        add(args, "--ping-timeout-ms", pingTimeoutMs);
        add(args, "--ping-req-members", pingReqMembers);
        add(args, "--suspicion-mult", suspicionMult);
        add(args, "--events", events);
        add(args, "--idle-s", idleS);
        add(args, "--converge-s", convergeS);
        add(args, "--crash-s", crashS);
        add(args, "--seed", seed);
        add(args, "--base-port", basePort);
        add(args, "--trial", trial);
        return args;
    }

    /** the system and its timing, as the results name it: hearsay-periodic, hearsay-eager, scalecube, atomix */
    public String label()
    {
        return "hearsay".equals(system) ? system + "-" + timing : system;
    }

    private static void add(final List<String> args, final String name, final Object value)
    {
        args.add(name);
        args.add(String.valueOf(value));
    }

    private static String oneOf(final String name, final String value, final String... accepted)
    {
        for (final String a : accepted)
        {
            if (a.equals(value))
            {
                return value;
            }
        }
        throw new IllegalArgumentException(name + " " + value + ": accepted " + String.join(", ", accepted));
    }

    private static long number(final String name, final String value, final long min, final long max)
    {
        final long v;
        try
        {
            v = Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + " " + value + ": not a whole number (accepted " + min + " .. " + max + ")");
        }
        if (v < min || v > max)
        {
            throw new IllegalArgumentException(name + " " + value + ": out of range, accepted " + min + " .. " + max);
        }
        return v;
    }
}
