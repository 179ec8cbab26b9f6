package io.hearsay.core.impair;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * What happens to datagrams on a link: loss (Bernoulli, or Gilbert-Elliott bursts), a delay distribution with
 * jitter, duplication and reordering (a datagram held back longer, so later ones overtake it). Immutable: the
 * Gilbert-Elliott channel state belongs to the caller ({@code boolean[] badState}), so one description serves many
 * links. Per datagram: {@link #isLost}, then {@link #delayNs}, then {@link #duplicateDelayNs}; each draw is a
 * {@link Chance} against a precomputed threshold, allocation-free.
 * <p>
 * Text form: the network fault lines of {@link FaultGrammar} without targets, separated by {@code ;}, e.g.
 * {@code loss p=0.1; delay dist=normal:20ms,5ms; duplicate p=0.01; reorder p=0.05 hold=30ms}; {@code none} is no
 * impairment. Read by {@link #parse}, written by {@link #toString}.
 */
public final class LinkImpairment
{
    public static final LinkImpairment NONE = new LinkImpairment(0, false, 0, 0, 1, 0, DelayDistribution.NONE, 0, 0, 0);

    private final double loss;
    private final boolean gilbertElliott;
    private final double geGoodToBad;
    private final double geBadToGood;
    private final double geLossBad;
    private final double geLossGood;
    private final DelayDistribution delay;
    private final double duplicate;
    private final double reorder;
    private final long reorderHoldNs;

    private final long lossThreshold;
    private final long geGoodToBadThreshold;
    private final long geBadToGoodThreshold;
    private final long geLossBadThreshold;
    private final long geLossGoodThreshold;
    private final long duplicateThreshold;
    private final long reorderThreshold;

    private LinkImpairment(
        final double loss, final boolean gilbertElliott, final double geGoodToBad, final double geBadToGood,
        final double geLossBad, final double geLossGood, final DelayDistribution delay, final double duplicate,
        final double reorder, final long reorderHoldNs)
    {
        this.loss = Chance.probability("loss", loss);
        this.gilbertElliott = gilbertElliott;
        this.geGoodToBad = Chance.probability("Gilbert-Elliott P(good to bad)", geGoodToBad);
        this.geBadToGood = Chance.probability("Gilbert-Elliott P(bad to good)", geBadToGood);
        this.geLossBad = Chance.probability("Gilbert-Elliott loss in bad", geLossBad);
        this.geLossGood = Chance.probability("Gilbert-Elliott loss in good", geLossGood);
        this.delay = delay;
        this.duplicate = Chance.probability("duplicate", duplicate);
        this.reorder = Chance.probability("reorder", reorder);
        if (reorderHoldNs < 0)
        {
            throw new IllegalArgumentException("reorder hold " + reorderHoldNs + " ns is negative; accepted: >= 0");
        }
        this.reorderHoldNs = reorderHoldNs;
        this.lossThreshold = Chance.threshold(loss);
        this.geGoodToBadThreshold = Chance.threshold(geGoodToBad);
        this.geBadToGoodThreshold = Chance.threshold(geBadToGood);
        this.geLossBadThreshold = Chance.threshold(geLossBad);
        this.geLossGoodThreshold = Chance.threshold(geLossGood);
        this.duplicateThreshold = Chance.threshold(duplicate);
        this.reorderThreshold = Chance.threshold(reorder);
    }

    /** Bernoulli loss with probability {@code p} (replaces any loss, Gilbert-Elliott included) */
    public LinkImpairment withLoss(final double p)
    {
        return new LinkImpairment(p, false, 0, 0, 1, 0, delay, duplicate, reorder, reorderHoldNs);
    }

    /**
     * Gilbert-Elliott loss, one chain per channel, advanced once per datagram (replaces any loss).
     *
     * @param goodToBad P(good to bad) per datagram
     * @param badToGood P(bad to good) per datagram; the mean burst is 1 / badToGood datagrams
     */
    public LinkImpairment withGilbertElliott(final double goodToBad, final double badToGood, final double lossInBad,
        final double lossInGood)
    {
        return new LinkImpairment(0, true, goodToBad, badToGood, lossInBad, lossInGood, delay, duplicate, reorder,
            reorderHoldNs);
    }

    public LinkImpairment withDelay(final DelayDistribution distribution)
    {
        return new LinkImpairment(loss, gilbertElliott, geGoodToBad, geBadToGood, geLossBad, geLossGood, distribution,
            duplicate, reorder, reorderHoldNs);
    }

    public LinkImpairment withDuplicate(final double p)
    {
        return new LinkImpairment(loss, gilbertElliott, geGoodToBad, geBadToGood, geLossBad, geLossGood, delay, p,
            reorder, reorderHoldNs);
    }

    public LinkImpairment withReorder(final double p, final long holdNs)
    {
        return new LinkImpairment(loss, gilbertElliott, geGoodToBad, geBadToGood, geLossBad, geLossGood, delay,
            duplicate, p, holdNs);
    }

    /** this link changed by one network fault line ({@code loss}, {@code delay}, {@code duplicate}, {@code reorder}) */
    public LinkImpairment with(final FaultStatement fault)
    {
        switch (fault.verb())
        {
            case LOSS:
                if (fault.has("ge"))
                {
                    final double[] ge = fault.gilbertElliott();
                    return withGilbertElliott(ge[0], ge[1], ge[2], ge[3]);
                }
                return withLoss(fault.probability("p"));
            case DELAY:
                return withDelay(fault.delay());
            case DUPLICATE:
                return withDuplicate(fault.probability("p"));
            case REORDER:
                return withReorder(fault.probability("p"), fault.durationNs("hold", FaultVerb.DEFAULT_REORDER_HOLD_NS));
            default:
                throw fault.error(null, fault.verb().word() + " is not a link impairment; accepted: " + LINK_VERBS);
        }
    }

    private static final String LINK_VERBS = "loss, delay, duplicate, reorder (or none)";

    /**
     * Reads the text form (see the class comment); {@code ""} and {@code none} give {@link #NONE}. Targets and
     * layers ({@code nodes=}, {@code layer=}) are refused: the caller has already chosen the link.
     */
    public static LinkImpairment parse(final String source, final String text)
    {
        final String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty() || trimmed.equals("none"))
        {
            return NONE;
        }
        LinkImpairment link = NONE;
        for (final FaultStatement fault : FaultGrammar.parseStatements(source, trimmed))
        {
            if (!fault.verb().isLinkImpairment())
            {
                throw fault.error(null, fault.verb().word() + " is not a link impairment; accepted: " + LINK_VERBS);
            }
            for (final String key : new String[]{"nodes", "layer", "side"})
            {
                if (fault.has(key))
                {
                    throw fault.error(key, "a link impairment takes no " + key + "=; accepted: " + LINK_VERBS +
                        " with their own keys");
                }
            }
            link = link.with(fault);
        }
        return link;
    }

    public boolean isGilbertElliott()
    {
        return gilbertElliott;
    }

    public DelayDistribution delay()
    {
        return delay;
    }

    public double lossProbability()
    {
        return loss;
    }

    public double duplicateProbability()
    {
        return duplicate;
    }

    public double reorderProbability()
    {
        return reorder;
    }

    public boolean isNone()
    {
        return loss == 0 && !gilbertElliott && delay.isZero() && duplicate == 0 && reorder == 0;
    }

    /**
     * One datagram on channel {@code channel}: is it lost? Gilbert-Elliott advances the channel's chain first, then
     * draws the loss of the state it is in.
     */
    public boolean isLost(final boolean[] badState, final int channel, final RandomGenerator random)
    {
        if (gilbertElliott)
        {
            boolean bad = badState[channel];
            bad = bad ? !Chance.draw(random, geBadToGoodThreshold) : Chance.draw(random, geGoodToBadThreshold);
            badState[channel] = bad;
            return Chance.draw(random, bad ? geLossBadThreshold : geLossGoodThreshold);
        }
        return lossThreshold > 0 && Chance.draw(random, lossThreshold);
    }

    /** the delay of a datagram that was not lost: the distribution's draw plus, when reordered, the hold */
    public long delayNs(final RandomGenerator random, final ImpairmentCounters counters)
    {
        long delayNs = delay.sampleNs(random);
        if (reorderThreshold > 0 && Chance.draw(random, reorderThreshold))
        {
            counters.reordered++;
            delayNs += reorderHoldNs;
        }
        if (delayNs > 0)
        {
            counters.delayed++;
        }
        return delayNs;
    }

    /** @return -1 when the datagram is not duplicated, else the delay of its copy (a fresh draw, no reorder) */
    public long duplicateDelayNs(final RandomGenerator random, final ImpairmentCounters counters)
    {
        if (duplicateThreshold > 0 && Chance.draw(random, duplicateThreshold))
        {
            counters.duplicated++;
            return delay.sampleNs(random);
        }
        return -1;
    }

    /** The text form, read back by {@link #parse}. */
    @Override
    public String toString()
    {
        if (isNone())
        {
            return "none";
        }
        final StringBuilder sb = new StringBuilder();
        if (gilbertElliott)
        {
            sb.append(String.format(Locale.ROOT, "loss ge=%s:%s:%s:%s", geGoodToBad, geBadToGood, geLossBad, geLossGood));
        }
        else if (loss > 0)
        {
            sb.append("loss p=").append(loss);
        }
        if (!delay.isZero())
        {
            sep(sb).append("delay dist=").append(delay.distText());
            if (delay.jitterNs() > 0)
            {
                sb.append(" jitter=").append(Durations.format(delay.jitterNs()));
            }
        }
        if (duplicate > 0)
        {
            sep(sb).append("duplicate p=").append(duplicate);
        }
        if (reorder > 0)
        {
            sep(sb).append("reorder p=").append(reorder).append(" hold=").append(Durations.format(reorderHoldNs));
        }
        return sb.toString();
    }

    private static StringBuilder sep(final StringBuilder sb)
    {
        return sb.length() == 0 ? sb : sb.append("; ");
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof LinkImpairment l && l.toString().equals(toString());
    }

    @Override
    public int hashCode()
    {
        return toString().hashCode();
    }
}
