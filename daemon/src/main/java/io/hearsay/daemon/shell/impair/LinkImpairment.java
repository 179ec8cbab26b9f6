package io.hearsay.daemon.shell.impair;

import java.util.random.RandomGenerator;

/**
 * The running state of one {@link ImpairmentSpec} on one link (a node's default, or one peer's override): the
 * Gilbert-Elliott channel state lives here. Decides the fate of each packet sent over the link.
 */
public final class LinkImpairment
{
    private final ImpairmentSpec spec;
    private boolean badState;

    public LinkImpairment(final ImpairmentSpec spec)
    {
        this.spec = spec;
    }

    public ImpairmentSpec spec()
    {
        return spec;
    }

    public boolean isBadState()
    {
        return badState;
    }

    /** One packet: is it lost? Advances the Gilbert-Elliott chain once per packet. */
    public boolean isLost(final RandomGenerator random)
    {
        if (spec.isGilbertElliott())
        {
            if (badState)
            {
                if (random.nextDouble() < spec.geBadToGood)
                {
                    badState = false;
                }
            }
            else if (random.nextDouble() < spec.geGoodToBad)
            {
                badState = true;
            }
            final double lossInState = badState ? spec.geLossInBad : spec.geLossInGood;
            if (lossInState > 0 && random.nextDouble() < lossInState)
            {
                return true;
            }
        }
        return spec.lossProbability > 0 && random.nextDouble() < spec.lossProbability;
    }

    public boolean isDuplicated(final RandomGenerator random)
    {
        return spec.duplicateProbability > 0 && random.nextDouble() < spec.duplicateProbability;
    }

    /** @return the delay of one copy: the distribution's draw plus, when reordered, the reorder hold-back */
    public long delayNs(final RandomGenerator random, final NodeImpairment.Stats stats)
    {
        long delayNs = 0;
        if (spec.delayMeanNs > 0 || spec.delayJitterNs > 0)
        {
            delayNs = spec.delayDistribution.sampleNs(random, spec.delayMeanNs, spec.delayJitterNs);
        }
        if (spec.reorderProbability > 0 && random.nextDouble() < spec.reorderProbability)
        {
            stats.reordered++;
            delayNs += spec.reorderDelayNs;
        }
        return delayNs;
    }
}
