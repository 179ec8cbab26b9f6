package io.hearsay.core;

/** When a node gossips rumors. */
public enum TimingMode
{
    /** a gossip round every period, with a random phase per node (memberlist style) */
    PERIODIC,
    /** forward a newly learned event at once, then continue periodically */
    EAGER;

    public String cliName()
    {
        return name().toLowerCase();
    }

    public static TimingMode fromCliName(final String name)
    {
        for (final TimingMode mode : values())
        {
            if (mode.cliName().equals(name))
            {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown timing '" + name + "'; accepted: periodic, eager");
    }
}
