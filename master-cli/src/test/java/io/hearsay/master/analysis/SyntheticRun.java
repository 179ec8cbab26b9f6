package io.hearsay.master.analysis;

import io.hearsay.core.Channel;
import io.hearsay.records.log.EventLogWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Writes a run folder whose logs come from a tiny synchronous push-pull simulation (random phone call model). */
public final class SyntheticRun
{
    public static final long T0 = 1_700_000_000_000_000_000L;

    private SyntheticRun()
    {
    }

    /** @return rounds until all knew */
    public static int write(final Path run, final int nodes, final int processes, final long seed, final int events,
        final double periodMs) throws Exception
    {
        Files.createDirectories(run);
        Files.writeString(run.resolve("config.properties"), "source=sim\nnodes=" + nodes + "\nstrategy=push-pull\n" +
            "timing=periodic\nfanout=1\ngossip-period-ms=" + periodMs + "\nloss=0\nseed=" + seed + "\n");
        final Random random = new Random(seed);
        final EventLogWriter[] writers = new EventLogWriter[processes];
        int maxRounds = 0;
        try
        {
            for (int p = 0; p < processes; p++)
            {
                writers[p] = new EventLogWriter(run.resolve("logs/p" + p));
            }
            for (int e = 0; e < events; e++)
            {
                final int[] learned = new int[nodes];
                java.util.Arrays.fill(learned, -1);
                final int origin = random.nextInt(nodes);
                learned[origin] = 0;
                int informed = 1;
                int round = 0;
                final long createdNs = T0 + e * 10_000_000_000L;
                writers[origin % processes].eventLearned(createdNs, 0, origin, origin, e, createdNs, 0, 0, origin,
                    Channel.ORIGIN, 0);
                while (informed < nodes)
                {
                    round++;
                    final int[] newly = new int[nodes];
                    int k = 0;
                    for (int caller = 0; caller < nodes; caller++)
                    {
                        int callee = random.nextInt(nodes - 1);
                        callee = callee >= caller ? callee + 1 : callee;
                        final boolean a = learned[caller] >= 0 && learned[caller] < round;
                        final boolean b = learned[callee] >= 0 && learned[callee] < round;
                        if (a && !b && learned[callee] < 0)
                        {
                            learned[callee] = round;
                            newly[k++] = callee;
                        }
                        else if (b && !a && learned[caller] < 0)
                        {
                            learned[caller] = round;
                            newly[k++] = caller;
                        }
                    }
                    for (int i = 0; i < k; i++)
                    {
                        final int node = newly[i];
                        final long atNs = createdNs + (long)((round - 1 + random.nextDouble()) * periodMs * 1e6);
                        writers[node % processes].eventLearned(atNs, 0, node, origin, e, createdNs, round, round,
                            origin, Channel.PUSH, 0);
                    }
                    informed += k;
                }
                maxRounds = Math.max(maxRounds, round);
            }
            for (int node = 0; node < nodes; node++)
            {
                writers[node % processes].nodeStats(T0 + 1_000_000_000_000L, 0, node, 2L * maxRounds, 2L * maxRounds,
                    0, 0, 0, 1 + random.nextInt(4));
            }
        }
        finally
        {
            for (final EventLogWriter w : writers)
            {
                if (w != null)
                {
                    w.close();
                }
            }
        }
        return maxRounds;
    }
}
