package io.hearsay.master.options;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import picocli.CommandLine.Option;

/**
 * {@code --seed S}: the random seed of a run, defined once for {@code daemon}, {@code local}, {@code cluster up} and
 * {@code sim}. Without it a seed is drawn from the clock; either way the command prints and records it, and the same
 * seed gives the same simulated result.
 */
public final class SeedOption
{
    @Option(names = "--seed", paramLabel = "S",
        description = "random seed (default: drawn from the clock; always printed and recorded, replay with --seed)")
    Long seed;

    @JsonCreator
    public static SeedOption of(final Long seed)
    {
        final SeedOption option = new SeedOption();
        option.seed = seed;
        return option;
    }

    /** the seed given, or null */
    @JsonValue
    public Long given()
    {
        return seed;
    }

    /** the seed given, else one drawn from the clock (a positive 32-bit number, short to type back) */
    public long orDraw()
    {
        return seed != null ? seed : System.nanoTime() & 0xFFFF_FFFFL;
    }
}
