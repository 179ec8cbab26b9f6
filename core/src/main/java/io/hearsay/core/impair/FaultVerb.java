package io.hearsay.core.impair;

import java.util.List;

/**
 * The faults a line of the grammar can name, the keys each takes and which of them are required. A key means the
 * same everywhere ({@link FaultGrammar#KEYS}). Which layer can make which fault is each layer's to say.
 */
public enum FaultVerb
{
    LOSS("loss", "p=P | ge=GB:BG[:LOSS_BAD[:LOSS_GOOD]]  [nodes=SEL] [side=in|out] [layer=L]",
        "lose datagrams: Bernoulli p, or Gilbert-Elliott bursts (P(good->bad), P(bad->good), loss in bad [1], in good [0])",
        List.of("p", "ge", "nodes", "side", "layer"), List.of("p|ge")),
    DELAY("delay", "dist=DIST [jitter=D] [nodes=SEL] [layer=L]",
        "delay datagrams; DIST: " + DelayDistribution.ACCEPTED,
        List.of("dist", "jitter", "nodes", "layer"), List.of("dist")),
    DUPLICATE("duplicate", "p=P [nodes=SEL] [layer=L]", "deliver a datagram twice with probability p",
        List.of("p", "nodes", "layer"), List.of("p")),
    REORDER("reorder", "p=P [hold=D] [nodes=SEL] [layer=L]",
        "with probability p hold a datagram back D longer (default 30ms) so later ones overtake it",
        List.of("p", "hold", "nodes", "layer"), List.of("p")),
    BANDWIDTH("bandwidth", "kbit=K [nodes=SEL] [layer=L]", "limit the nodes' egress to K kbit/s",
        List.of("kbit", "nodes", "layer"), List.of("kbit")),
    PARTITION("partition", "groups=SEL/SEL[/SEL...] [one-way] [layer=L]",
        "cut datagrams between the groups (rest = every other node); one-way: the first group stops reaching the second",
        List.of("groups", "one-way", "layer"), List.of("groups")),
    HEAL("heal", "[groups=SEL/SEL] [nodes=SEL] [layer=L]", "undo faults: every one, or the cuts between two groups",
        List.of("groups", "nodes", "layer"), List.of()),
    SLEEP("sleep", "nodes=SEL for=D [layer=L]", "the nodes send and receive nothing for D",
        List.of("nodes", "for", "layer"), List.of("nodes", "for")),
    CRASH("crash", "nodes=SEL [layer=L]", "the nodes stop at once (state lost)", List.of("nodes", "layer"), List.of("nodes")),
    LEAVE("leave", "nodes=SEL [layer=L]", "the nodes leave politely", List.of("nodes", "layer"), List.of("nodes")),
    RESTART("restart", "nodes=SEL [layer=L]", "crashed, departed or killed nodes come back with empty state",
        List.of("nodes", "layer"), List.of("nodes")),
    PAUSE("pause", "nodes=SEL [layer=L]", "freeze the nodes' processes", List.of("nodes", "layer"), List.of("nodes")),
    UNPAUSE("unpause", "nodes=SEL [layer=L]", "thaw paused processes", List.of("nodes", "layer"), List.of("nodes")),
    KILL("kill", "nodes=SEL [layer=L]", "kill the nodes' processes", List.of("nodes", "layer"), List.of("nodes"));

    /** a reorder's hold when the line names none */
    public static final long DEFAULT_REORDER_HOLD_NS = 30_000_000L;

    private final String word;
    private final String keysUsage;
    private final String description;
    private final List<String> keys;
    private final List<String> required;

    FaultVerb(final String word, final String keysUsage, final String description, final List<String> keys,
        final List<String> required)
    {
        this.word = word;
        this.keysUsage = keysUsage;
        this.description = description;
        this.keys = keys;
        this.required = required;
    }

    public String word()
    {
        return word;
    }

    /** e.g. {@code loss p=P | ge=...} */
    public String usage()
    {
        return word + " " + keysUsage;
    }

    public String description()
    {
        return description;
    }

    public List<String> keys()
    {
        return keys;
    }

    /** required keys; {@code a|b} means exactly one of them */
    public List<String> required()
    {
        return required;
    }

    /** whether this fault changes a link's {@link LinkImpairment} (loss, delay, duplicate, reorder) */
    public boolean isLinkImpairment()
    {
        return this == LOSS || this == DELAY || this == DUPLICATE || this == REORDER;
    }

    /** @return the verb, or null if the word names none */
    public static FaultVerb fromWord(final String word)
    {
        for (final FaultVerb v : values())
        {
            if (v.word.equals(word))
            {
                return v;
            }
        }
        return null;
    }

    public static String acceptedWords()
    {
        final StringBuilder sb = new StringBuilder();
        for (final FaultVerb v : values())
        {
            sb.append(sb.length() == 0 ? "" : ", ").append(v.word);
        }
        return sb.toString();
    }

    /** every fault with its keys and what it does, one a line (for --help and docs) */
    public static String usageTable()
    {
        final StringBuilder sb = new StringBuilder();
        for (final FaultVerb v : values())
        {
            sb.append("  ").append(v.usage()).append("\n      ").append(v.description).append('\n');
        }
        return sb.toString();
    }
}
