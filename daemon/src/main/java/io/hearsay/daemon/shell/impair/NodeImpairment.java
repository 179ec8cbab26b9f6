package io.hearsay.daemon.shell.impair;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Everything that impairs one hosted node's traffic: a default link impairment for every peer, per-peer overrides,
 * one-way blocks (inbound, outbound), and sleep (neither receive nor send until a deadline). Seeded: the same seed,
 * settings and packet sequence give the same fates. Single threaded (the duty cycle); allocation-free per packet.
 * <p>
 * Send side: {@link #planSend} gives the number of copies (0 = dropped) and each copy's delay. Receive side:
 * {@link #dropsInbound}.
 */
public final class NodeImpairment
{
    /** counted fates, for the node's report and the tests */
    public static final class Stats
    {
        public long lost;
        public long blockedOutbound;
        public long blockedInbound;
        public long droppedAsleep;
        public long duplicated;
        public long delayed;
        public long reordered;
    }

    public static final int MAX_COPIES = 2;

    private final RandomGenerator random;
    private final Long2ObjectHashMap<LinkImpairment> peerLinks = new Long2ObjectHashMap<>();
    private final LongHashSet blockedOutbound = new LongHashSet();
    private final LongHashSet blockedInbound = new LongHashSet();
    private final long[] copyDelayNs = new long[MAX_COPIES];
    private final Stats stats = new Stats();
    private LinkImpairment defaultLink;
    private boolean asleep;
    private long sleepUntilNs;

    public NodeImpairment(final long seed, final ImpairmentSpec defaultSpec)
    {
        this.random = new SplittableRandom(seed);
        this.defaultLink = new LinkImpairment(defaultSpec);
    }

    public Stats stats()
    {
        return stats;
    }

    /** Replace the impairment towards every peer without an override. */
    public void impair(final ImpairmentSpec spec)
    {
        defaultLink = new LinkImpairment(spec);
    }

    /** Set the impairment towards one peer (overrides the default for it). */
    public void impairPeer(final long peerAddress, final ImpairmentSpec spec)
    {
        peerLinks.put(peerAddress, new LinkImpairment(spec));
    }

    public ImpairmentSpec defaultSpec()
    {
        return defaultLink.spec();
    }

    public void blockOutbound(final long peerAddress)
    {
        blockedOutbound.add(peerAddress);
    }

    public void blockInbound(final long peerAddress)
    {
        blockedInbound.add(peerAddress);
    }

    public void block(final long peerAddress)
    {
        blockOutbound(peerAddress);
        blockInbound(peerAddress);
    }

    /** Neither receive nor send until {@code nowNs + durationNs}. */
    public void sleep(final long nowNs, final long durationNs)
    {
        asleep = true;
        sleepUntilNs = nowNs + durationNs;
    }

    /** Remove every impairment, block and sleep. */
    public void heal()
    {
        defaultLink = new LinkImpairment(ImpairmentSpec.NONE);
        peerLinks.clear();
        blockedOutbound.clear();
        blockedInbound.clear();
        asleep = false;
    }

    public boolean isAsleep(final long nowNs)
    {
        if (asleep && sleepUntilNs - nowNs <= 0)
        {
            asleep = false;
        }
        return asleep;
    }

    /** @return true when a datagram from {@code fromAddress} must be dropped on arrival (asleep or blocked) */
    public boolean dropsInbound(final long nowNs, final long fromAddress)
    {
        if (isAsleep(nowNs))
        {
            stats.droppedAsleep++;
            return true;
        }
        if (!blockedInbound.isEmpty() && blockedInbound.contains(fromAddress))
        {
            stats.blockedInbound++;
            return true;
        }
        return false;
    }

    /**
     * Decide the fate of one datagram to {@code toAddress}.
     *
     * @return how many copies to send (0 = dropped, 2 = duplicated); each copy's delay is {@link #copyDelayNs(int)}
     */
    public int planSend(final long nowNs, final long toAddress)
    {
        if (isAsleep(nowNs))
        {
            stats.droppedAsleep++;
            return 0;
        }
        if (!blockedOutbound.isEmpty() && blockedOutbound.contains(toAddress))
        {
            stats.blockedOutbound++;
            return 0;
        }
        LinkImpairment link = defaultLink;
        if (!peerLinks.isEmpty())
        {
            final LinkImpairment peerLink = peerLinks.get(toAddress);
            if (peerLink != null)
            {
                link = peerLink;
            }
        }
        if (link.isLost(random))
        {
            stats.lost++;
            return 0;
        }
        int copies = 1;
        if (link.isDuplicated(random))
        {
            stats.duplicated++;
            copies = 2;
        }
        for (int i = 0; i < copies; i++)
        {
            final long delayNs = link.delayNs(random, stats);
            if (delayNs > 0)
            {
                stats.delayed++;
            }
            copyDelayNs[i] = delayNs;
        }
        return copies;
    }

    public long copyDelayNs(final int copy)
    {
        return copyDelayNs[copy];
    }
}
