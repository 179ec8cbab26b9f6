package io.hearsay.sim.run;

import io.hearsay.core.Channel;
import io.hearsay.records.log.EventLogWriter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A simulation's run folder: {@code config.properties}, {@code summary.json}, {@code rounds.csv} (per-round or
 * per-gossip-period aggregates of every run), {@code scenario.txt} (the fault timeline, if any), and the
 * EventLearned records of the sampled nodes in the daemon's event-log format under {@code logs/sim}.
 * Records carry virtual time: wall = {@link #VIRTUAL_EPOCH_NS} + virtual ns; every run's event has origin =
 * the run's origin node, sequence = run number. A structured strategy (direct addressing) adds {@code phases.csv}
 * ({@link PhaseRecord}: one row per phase of every run). {@code timing.properties} holds the host's wall time and
 * memory, the only file that differs between two runs with the same seed.
 */
public final class RunFolder implements AutoCloseable
{
    /** 2026-01-01T00:00:00Z: the wall clock of virtual time zero in simulated records */
    public static final long VIRTUAL_EPOCH_NS = 1_767_225_600_000_000_000L;

    private final Path dir;
    private final BufferedWriter roundsCsv;
    private final EventLogWriter log;
    private BufferedWriter phasesCsv;

    public RunFolder(final Path dir, final SimConfig config, final String scenarioText) throws IOException
    {
        this.dir = dir;
        final Path existing = dir.resolve("logs").resolve("sim");
        if (Files.isDirectory(existing))
        {
            try (java.util.stream.Stream<Path> entries = Files.list(existing))
            {
                if (entries.findAny().isPresent())
                {
                    throw new IllegalArgumentException("run folder " + dir + " already holds a simulation's records (" +
                        existing + "); their events would mix with this run's: choose a new --out or remove it");
                }
            }
        }
        Files.createDirectories(dir.resolve("logs"));
        final StringBuilder properties = new StringBuilder("# hearsay sim configuration (replay with the same values)\n");
        for (final Map.Entry<String, String> e : config.toProperties().entrySet())
        {
            properties.append(e.getKey()).append('=').append(e.getValue().replace("\\", "\\\\")).append('\n');
        }
        Files.writeString(dir.resolve("config.properties"), properties, StandardCharsets.UTF_8);
        if (scenarioText != null)
        {
            Files.writeString(dir.resolve("scenario.txt"), scenarioText, StandardCharsets.UTF_8);
        }
        roundsCsv = Files.newBufferedWriter(dir.resolve("rounds.csv"), StandardCharsets.UTF_8);
        roundsCsv.write("run,round,time_ms,informed,active,messages,max_received,max_sent\n");
        log = new EventLogWriter(dir.resolve("logs").resolve("sim"));
    }

    public Path dir()
    {
        return dir;
    }

    /** the sink of run {@code sequence} (from 1) of event (origin, sequence) */
    public RoundSink sinkFor(final long sequence)
    {
        return new RoundSink()
        {
            private long origin = -1;

            public void onRound(
                final int round, final long timeNs, final long informed, final long active, final long messages,
                final long maxReceived, final long maxSent)
            {
                try
                {
                    roundsCsv.write(sequence + "," + round + "," + String.format(Locale.ROOT, "%.3f", timeNs / 1e6) +
                        "," + informed + "," + active + "," + messages + "," + maxReceived + "," + maxSent + "\n");
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            }

            public void onLearned(
                final long timeNs, final long node, final int round, final int hops, final long from, final Channel channel)
            {
                if (channel == Channel.ORIGIN)
                {
                    origin = node;
                }
                log.eventLearned(
                    VIRTUAL_EPOCH_NS + timeNs, timeNs, node, origin, sequence, VIRTUAL_EPOCH_NS, round, hops, from, channel, 0);
            }

            public void onMemberChange(
                final long timeNs, final long node, final long member, final io.hearsay.core.MemberStatus status,
                final long incarnation)
            {
                log.memberChange(VIRTUAL_EPOCH_NS + timeNs, timeNs, node, member, status, incarnation);
            }

            public void onPhase(final PhaseRecord phase)
            {
                try
                {
                    if (phasesCsv == null)
                    {
                        phasesCsv = Files.newBufferedWriter(dir.resolve("phases.csv"), StandardCharsets.UTF_8);
                        phasesCsv.write(PhaseRecord.CSV_HEADER);
                    }
                    phasesCsv.write(phase.csvRow(sequence));
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            }
        };
    }

    public void writeSummary(final SimConfig config, final String runId, final List<RunResult> results) throws IOException
    {
        Files.writeString(dir.resolve("summary.json"), SummaryJsonWriter.write(config, runId, results), StandardCharsets.UTF_8);
    }

    public void writeTiming(final String text) throws IOException
    {
        Files.writeString(dir.resolve("timing.properties"), text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException
    {
        roundsCsv.close();
        if (phasesCsv != null)
        {
            phasesCsv.close();
        }
        log.close();
    }
}
