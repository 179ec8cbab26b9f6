package io.hearsay.sim.engine;

/**
 * The first rounds at which 50 %, 99 % and all of the nodes knew an event (-1 while not reached), updated once per
 * round by the synchronous simulations.
 */
public final class Milestones
{
    private int rounds50 = -1;
    private int rounds99 = -1;
    private int rounds100 = -1;

    /** starts a run: {@code informed} of {@code nodes} know at round 0 */
    public void reset(final long informed, final long nodes)
    {
        rounds50 = -1;
        rounds99 = -1;
        rounds100 = -1;
        onRound(0, informed, nodes);
    }

    /** round {@code round} ended with {@code informed} of {@code nodes} knowing */
    public void onRound(final int round, final long informed, final long nodes)
    {
        if (rounds50 < 0 && informed * 2 >= nodes)
        {
            rounds50 = round;
        }
        if (rounds99 < 0 && informed * 100 >= 99L * nodes)
        {
            rounds99 = round;
        }
        if (rounds100 < 0 && informed == nodes)
        {
            rounds100 = round;
        }
    }

    /** the virtual time of a milestone round, NaN if it was never reached (-1) */
    public static double timeMs(final int rounds, final double msPerRound)
    {
        return rounds < 0 ? Double.NaN : rounds * msPerRound;
    }

    public int rounds50()
    {
        return rounds50;
    }

    public int rounds99()
    {
        return rounds99;
    }

    public int rounds100()
    {
        return rounds100;
    }
}
