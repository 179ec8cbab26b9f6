package io.hearsay.master.fault;

import io.hearsay.core.impair.FaultGrammar;
import io.hearsay.core.impair.FaultStatement;
import io.hearsay.master.cluster.ClusterPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads and validates a cluster scenario before anything starts, in the one fault grammar ({@link FaultGrammar},
 * the simulator's scenario files read the same lines):
 * <pre>
 * seed 42
 * at 0s    loss p=0.2 nodes=all layer=kernel
 * at 5s    partition groups=c0-c7/rest
 * at 15s   heal
 * at 20s   sleep nodes=c3 for=5s layer=process
 * at 30s   kill nodes=c5
 * at 21:30:00 restart nodes=c5      (a wall-clock time today; must not be in the past)
 * </pre>
 * Times are offsets from the scenario's start ({@code 500ms}, {@code 5s}, {@code +2m}) or wall-clock {@code HH:MM[:SS]}.
 * Refused, naming the line, the column and the value: an unknown fault or key, a target that does not exist, a
 * time in the past, a missing parameter, a fault its layer cannot make.
 */
public final class ScenarioParser
{
    private final ClusterPlan plan;
    private final long nowWallMs;

    public ScenarioParser(final ClusterPlan plan, final long nowWallMs)
    {
        this.plan = plan;
        this.nowWallMs = nowWallMs;
    }

    public Scenario parse(final Path file)
    {
        try
        {
            return parse(file.getFileName().toString(), Files.readAllLines(file));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read scenario " + file, ex);
        }
    }

    public Scenario parse(final String name, final List<String> lines)
    {
        final FaultGrammar.Script script = FaultGrammar.parseScript(name, String.join("\n", lines));
        final long seed = script.seed() != null ? script.seed() : plan.spec().seed;
        final NodeSelector selector = new NodeSelector(plan, seed);
        final List<Scenario.Step> steps = new ArrayList<>();
        for (final FaultStatement s : script.statements())
        {
            steps.add(new Scenario.Step(s.line(), atMs(s), FaultAction.from(s, selector), s.text()));
        }
        steps.sort(Comparator.comparingLong(Scenario.Step::atMs));
        return new Scenario(name, seed, List.copyOf(steps));
    }

    private long atMs(final FaultStatement s)
    {
        if (!s.isWallClock())
        {
            return s.atNs() / 1_000_000L;
        }
        final String word = s.time();
        final long wallMs;
        try
        {
            final LocalTime time = LocalTime.parse(word.length() <= 5 ? word + ":00" : word);
            wallMs = LocalDate.now().atTime(time).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
        }
        catch (final DateTimeParseException ex)
        {
            throw FaultGrammar.error(s.source(), s.line(), s.timeColumn(), word, "not a time of day HH:MM[:SS]");
        }
        if (wallMs < nowWallMs)
        {
            throw FaultGrammar.error(s.source(), s.line(), s.timeColumn(), word, "this time is in the past (now is " +
                LocalTime.now().withNano(0) + ")");
        }
        return wallMs - nowWallMs;
    }
}
