package io.hearsay.sim.run;

/** How much of the protocol a simulation runs, named as on the command line. */
public enum Fidelity
{
    /** the synchronous random phone call model: every node acts once per round */
    ROUNDS("rounds"),
    /** every node a complete {@code GossipNode} over the simulated network */
    FULL("full"),
    /** the dissemination rule alone, event-driven, over a shared member view, with latencies and loss */
    DISSEMINATION("dissemination");

    private final String cliName;

    Fidelity(final String cliName)
    {
        this.cliName = cliName;
    }

    public String cliName()
    {
        return cliName;
    }

    public static Fidelity fromCliName(final String name)
    {
        for (final Fidelity f : values())
        {
            if (f.cliName.equals(name))
            {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown fidelity '" + name + "'; accepted: rounds, full, dissemination");
    }

    @Override
    public String toString()
    {
        return cliName;
    }
}
