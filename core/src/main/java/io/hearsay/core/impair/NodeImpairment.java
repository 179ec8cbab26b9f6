package io.hearsay.core.impair;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

import java.util.random.RandomGenerator;

/**
 * Everything that impairs one hosted node's traffic, peers named by address: a default {@link LinkImpairment} for
 * every peer, per-peer overrides, one-way blocks (inbound, outbound), and sleep (neither receive nor send until a
 * deadline). Time is an argument; the random source is injected (seeded by the caller): the same seed, settings and
 * datagram sequence give the same fates. Single threaded; allocation-free per datagram.
 * <p>
 * Send side: {@link #planSend} gives the number of copies (0 = dropped) and each copy's delay. Receive side:
 * {@link #dropsInbound}.
 */
public final class NodeImpairment
{
    public static final int MAX_COPIES = 2;

    /** one peer's override and its Gilbert-Elliott chain */
    private static final class PeerLink
    {
        final LinkImpairment link;
        final boolean[] badState = new boolean[1];

        PeerLink(final LinkImpairment link)
        {
            this.link = link;
        }
    }

    private final RandomGenerator random;
    private final Long2ObjectHashMap<PeerLink> peerLinks = new Long2ObjectHashMap<>();
    private final LongHashSet blockedOutbound = new LongHashSet();
    private final LongHashSet blockedInbound = new LongHashSet();
    private final long[] copyDelayNs = new long[MAX_COPIES];
    private final ImpairmentCounters counters = new ImpairmentCounters();
    private final boolean[] defaultBadState = new boolean[1];
    private LinkImpairment defaultLink;
    private boolean asleep;
    private long sleepUntilNs;

    public NodeImpairment(final RandomGenerator random, final LinkImpairment defaultLink)
    {
        this.random = random;
        this.defaultLink = defaultLink;
    }

    public ImpairmentCounters counters()
    {
        return counters;
    }

    /** Replace the impairment towards every peer without an override. */
    public void impair(final LinkImpairment link)
    {
        defaultLink = link;
        defaultBadState[0] = false;
    }

    /** Set the impairment towards one peer (overrides the default for it). */
    public void impairPeer(final long peerAddress, final LinkImpairment link)
    {
        peerLinks.put(peerAddress, new PeerLink(link));
    }

    public LinkImpairment defaultLink()
    {
        return defaultLink;
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
        impair(LinkImpairment.NONE);
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
            counters.droppedAsleep++;
            return true;
        }
        if (!blockedInbound.isEmpty() && blockedInbound.contains(fromAddress))
        {
            counters.blockedInbound++;
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
            counters.droppedAsleep++;
            return 0;
        }
        if (!blockedOutbound.isEmpty() && blockedOutbound.contains(toAddress))
        {
            counters.blockedOutbound++;
            return 0;
        }
        LinkImpairment link = defaultLink;
        boolean[] badState = defaultBadState;
        if (!peerLinks.isEmpty())
        {
            final PeerLink peer = peerLinks.get(toAddress);
            if (peer != null)
            {
                link = peer.link;
                badState = peer.badState;
            }
        }
        if (link.isLost(badState, 0, random))
        {
            counters.lost++;
            return 0;
        }
        copyDelayNs[0] = link.delayNs(random, counters);
        final long copyNs = link.duplicateDelayNs(random, counters);
        if (copyNs < 0)
        {
            return 1;
        }
        copyDelayNs[1] = copyNs;
        return 2;
    }

    public long copyDelayNs(final int copy)
    {
        return copyDelayNs[copy];
    }
}
