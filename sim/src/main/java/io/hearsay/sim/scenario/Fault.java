package io.hearsay.sim.scenario;

/** The faults a scenario line can name, with the arguments each takes (for error messages and the docs). */
public enum Fault
{
    LOSS("loss", "P                       Bernoulli loss on every link from now on"),
    LOSS_GE("loss-ge", "P_GB P_BG LOSS_G LOSS_B  Gilbert-Elliott bursts per sender: P(good->bad), P(bad->good), loss in each"),
    LATENCY("latency", "DIST                    latency distribution (as --latency) from now on"),
    DUPLICATE("duplicate", "P                       each datagram delivered twice with probability P"),
    REORDER("reorder", "P DELAY                 with probability P a datagram is held back DELAY longer"),
    GROUP("group", "NAME NODES              name a group of nodes (NODES: 7 or 0-499)"),
    PARTITION("partition", "A B                     cut both directions between groups A and B"),
    PARTITION_ONEWAY("partition-oneway", "A B                     cut datagrams from A to B only"),
    HEAL("heal", "A B | all               remove cuts between A and B (both directions), or all cuts"),
    DROP_IN("drop-in", "NODES P                 nodes drop arriving datagrams with probability P"),
    DROP_OUT("drop-out", "NODES P                 nodes drop departing datagrams with probability P"),
    CRASH("crash", "NODES                   nodes stop (state lost)"),
    SLEEP("sleep", "NODES DURATION          nodes pause: send and receive nothing for DURATION"),
    LEAVE("leave", "NODES                   nodes leave gracefully (peers stop choosing them)"),
    RESTART("restart", "NODES                   crashed or departed nodes come back with empty state");

    private final String word;
    private final String usage;

    Fault(final String word, final String usage)
    {
        this.word = word;
        this.usage = usage;
    }

    public String word()
    {
        return word;
    }

    public String usage()
    {
        return usage;
    }

    /** @return the fault, or null if the word names none */
    public static Fault fromWord(final String word)
    {
        for (final Fault f : values())
        {
            if (f.word.equals(word))
            {
                return f;
            }
        }
        return null;
    }

    public static String acceptedWords()
    {
        final StringBuilder sb = new StringBuilder();
        for (final Fault f : values())
        {
            sb.append(sb.length() == 0 ? "" : ", ").append(f.word);
        }
        return sb.toString();
    }
}
