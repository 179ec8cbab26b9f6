package io.hearsay.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How one system's trial at N members is spread over JVMs, and the pre-flight estimate of what it will hold: memory,
 * threads, file descriptors (per JVM and in all) and idle CPU, from figures measured per system on this machine
 * (bench/results/peers-20261206: per JVM and per member, see {@link Cost}). A plan the machine cannot hold names
 * what does not fit ({@link #unfit}); the benchmark prints every plan before it starts and refuses the unfit ones.
 *
 * @param system    hearsay, scalecube or atomix
 * @param nodes     N
 * @param perJvm    members per JVM (hearsay: all N in one process, as it runs best)
 * @param jvms      JVMs the trial starts
 * @param memoryMiB resident memory of all of them
 * @param threads   threads of all of them
 * @param fdsPerJvm file descriptors of the fullest JVM
 * @param idleCores CPU the membership alone wants, in cores
 * @param unfit     what the machine cannot hold ("" where it fits)
 */
public record ShardPlan(String system, int nodes, int perJvm, int jvms, double memoryMiB, long threads, long fdsPerJvm,
    double idleCores, String unfit)
{
    /**
     * What a system costs on this machine (trials at N = 16 and 64, one JVM each): a JVM's fixed resident memory and
     * threads with the library loaded, then per member: resident memory (plus per connection it holds, where it
     * holds one per peer), threads, descriptors (fixed + per peer) and idle CPU in % of a core.
     */
    record Cost(double jvmMiB, double memberMiB, double connectionKiB, int jvmThreads, double memberThreads,
        int memberFds, int peerFds, double idleCpuPct)
    {
    }

    /** hearsay: one UDP socket per member, one duty-cycle thread for all; 0.55 MiB added per member at N = 64 */
    static final Cost HEARSAY = new Cost(60, 0.6, 0, 8, 0, 1, 0, 0.3);
    /** ScaleCube: TCP per peer talked to (both ends: 2 per peer pair in the long run), ~2 threads per member
     *  (38 at N = 16, 134 at 64); 77.8 MiB added at 16, 144 MiB at 64: 56 MiB for the library, 1.4 MiB per member;
     *  10 KiB per connection is an assumption (Netty channel and buffers), not measured; idle 1.2 % of a core per
     *  member at N = 64 */
    static final Cost SCALECUBE = new Cost(116, 1.4, 10, 6, 2.0, 0, 2, 1.2);
    /** Atomix: UDP + pooled TCP per peer and Netty event loops of its own per member: 44 MiB added per member,
     *  230 threads at N = 16 (~14 per member), idle 1.3 % of a core per member (one trial at N = 16) */
    static final Cost ATOMIX = new Cost(60, 44, 10, 10, 14.0, 8, 2, 1.3);
    /** descriptors a JVM holds before any member (jars, the JVM's own) */
    static final int JVM_FDS = 64;

    static Cost cost(final String system)
    {
        return switch (system)
        {
            case "hearsay" -> HEARSAY;
            case "scalecube" -> SCALECUBE;
            case "atomix" -> ATOMIX;
            default -> throw new IllegalArgumentException("no cost figures for system " + system);
        };
    }

    /** the plan for {@code system} at {@code nodes} with at most {@code perJvmAsked} members per JVM (peers only) */
    public static ShardPlan of(final String system, final int nodes, final int perJvmAsked, final Machine machine)
    {
        final Cost c = cost(system);
        final long fdsPerMember = c.memberFds + (long)c.peerFds * (nodes - 1);
        final int fdFit = (int)Math.max(0, (machine.openFiles * 8 / 10 - JVM_FDS) / Math.max(1, fdsPerMember));
        final int perJvm = "hearsay".equals(system) ? nodes : Math.max(1, Math.min(Math.min(perJvmAsked, nodes), fdFit));
        final int jvms = (nodes + perJvm - 1) / perJvm;
        final double memoryMiB = jvms * c.jvmMiB + nodes * (c.memberMiB + c.connectionKiB * c.peerFds * (nodes - 1) / 1024.0);
        final long threads = jvms * (long)c.jvmThreads + Math.round(nodes * c.memberThreads);
        final long fdsPerJvm = JVM_FDS + perJvm * fdsPerMember;
        final double idleCores = nodes * c.idleCpuPct / 100.0;
        final StringBuilder unfit = new StringBuilder();
        if (fdFit < 1 && !"hearsay".equals(system) || fdsPerJvm > machine.openFiles)
        {
            unfit.append(String.format(Locale.ROOT, "descriptors: %,d per JVM against the limit of %,d; ", fdsPerJvm, machine.openFiles));
        }
        if (memoryMiB > machine.availableMiB * 0.6)
        {
            unfit.append(String.format(Locale.ROOT, "memory: %,.0f MiB against 60%% of the %,.0f MiB available (a shared machine); ",
                memoryMiB, (double)machine.availableMiB));
        }
        if (threads > machine.tasks / 2)
        {
            unfit.append(String.format(Locale.ROOT, "threads: %,d against half of the %,d tasks the machine allows (shared); ",
                threads, machine.tasks));
        }
        if (idleCores > 2.0 * machine.cores)
        {
            unfit.append(String.format(Locale.ROOT, "CPU: the idle membership alone wants %.1f cores of the %d " +
                "(more than twice over: nothing could be timed); ", idleCores, machine.cores));
        }
        return new ShardPlan(system, nodes, perJvm, jvms, memoryMiB, threads, fdsPerJvm, idleCores,
            unfit.length() == 0 ? "" : unfit.substring(0, unfit.length() - 2));
    }

    /** one line for the pre-flight listing */
    public String describe()
    {
        return String.format(Locale.ROOT, "%-9s N=%-5d %3d JVM(s) × ≤%-4d members: ~%,.0f MiB, ~%,d threads, " +
            "~%,d descriptors per JVM, idle ~%.2f cores%s", system, nodes, jvms, perJvm, memoryMiB, threads, fdsPerJvm,
            idleCores, unfit.isEmpty() ? (idleCores > 0.8 * Machine.current().cores ? " (over the cores: figures carry the overload)" : "")
                : " — REFUSED: " + unfit);
    }

    /**
     * What this machine allows: memory available now, cores, the open-file limit of a process, and the tasks
     * (threads) it may run: the smallest of pid_max, threads-max and the per-user process limit.
     */
    public record Machine(long availableMiB, int cores, long openFiles, long tasks)
    {
        public static Machine current()
        {
            final long available = meminfoKiB("MemAvailable") / 1024;
            final long tasks = Math.min(Math.min(number("/proc/sys/kernel/pid_max", 32_768),
                number("/proc/sys/kernel/threads-max", 32_768)), limit("Max processes", 32_768));
            return new Machine(available, Runtime.getRuntime().availableProcessors(), limit("Max open files", 1024), tasks);
        }

        private static long meminfoKiB(final String key)
        {
            try
            {
                for (final String line : Files.readAllLines(Path.of("/proc/meminfo")))
                {
                    if (line.startsWith(key + ":"))
                    {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            }
            catch (final IOException | NumberFormatException ex)
            {
                return 0;
            }
            return 0;
        }

        private static long number(final String file, final long otherwise)
        {
            try
            {
                // readAllLines, not readString: /proc files report a size that readString believes (pid_max read as "3")
                return Long.parseLong(Files.readAllLines(Path.of(file)).get(0).trim());
            }
            catch (final IOException | NumberFormatException ex)
            {
                return otherwise;
            }
        }

        /** the soft limit of /proc/self/limits' line {@code name} ("unlimited" as Long.MAX_VALUE) */
        private static long limit(final String name, final long otherwise)
        {
            try
            {
                for (final String line : Files.readAllLines(Path.of("/proc/self/limits")))
                {
                    if (line.startsWith(name))
                    {
                        final String soft = line.substring(name.length()).trim().split("\\s+")[0];
                        return "unlimited".equals(soft) ? Long.MAX_VALUE : Long.parseLong(soft);
                    }
                }
            }
            catch (final IOException | NumberFormatException ex)
            {
                return otherwise;
            }
            return otherwise;
        }
    }
}
