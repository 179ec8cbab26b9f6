package io.hearsay.bench.peers;

/**
 * The suspicion timeout each system derives from the trial's one suspicion multiplier, ping interval and N, written
 * into the configuration record so the fairness of the settings can be read beside the results. hearsay (like
 * memberlist) waits {@code mult × max(1, log10 N) × probe interval} at least, starting from
 * {@code suspicionMaxTimeoutMult} times that and shortened by independent confirmations (Lifeguard); ScaleCube waits
 * {@code mult × (32 − numberOfLeadingZeros(N)) × ping interval} (its {@code ClusterMath}: 7 at N = 64); Atomix has no multiplier, only a failure timeout, which the harness
 * sets to hearsay's minimum for the same multiplier.
 */
public final class SuspicionTimeouts
{
    private SuspicionTimeouts()
    {
    }

    /** hearsay's (and memberlist's) minimum suspicion timeout */
    public static long hearsayMinMs(final TrialSettings s)
    {
        return (long)(s.suspicionMult * Math.max(1.0, Math.log10(s.nodes)) * s.pingIntervalMs);
    }

    /** ScaleCube's suspicion timeout ({@code ClusterMath.suspicionTimeout}) */
    public static long scaleCubeMs(final TrialSettings s)
    {
        return (long)s.suspicionMult * (32 - Integer.numberOfLeadingZeros(s.nodes)) * s.pingIntervalMs;
    }

    /** the failure timeout Atomix's SWIM is given: hearsay's minimum for the same multiplier */
    public static long atomixMs(final TrialSettings s)
    {
        return hearsayMinMs(s);
    }
}
