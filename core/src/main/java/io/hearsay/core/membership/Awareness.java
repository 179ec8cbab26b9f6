package io.hearsay.core.membership;

/**
 * Lifeguard local health awareness: a score in {@code [0, max - 1]} that rises when this node misses nacks or
 * must refute a suspicion about itself and falls with each successful probe; timeouts scale by
 * {@code (score + 1)}, so a slow node stops accusing healthy peers.
 */
public final class Awareness
{
    private final int max;
    private int score;

    public Awareness(final int maxMultiplier)
    {
        this.max = maxMultiplier;
    }

    public void applyDelta(final int delta)
    {
        score = Math.max(0, Math.min(max - 1, score + delta));
    }

    public int score()
    {
        return score;
    }

    public long scaleTimeoutNs(final long timeoutNs)
    {
        return SwimMath.scaleByAwarenessNs(timeoutNs, score);
    }
}
