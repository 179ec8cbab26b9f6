package io.hearsay.core.membership;

import io.hearsay.core.CoreEventSink;
import io.hearsay.core.LocalState;
import io.hearsay.core.MemberStatus;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.NodeCounters;
import io.hearsay.core.PacketComposer;
import io.hearsay.core.rumor.PeerSampler;
import io.hearsay.core.timer.TimerHeap;
import io.hearsay.wire.sbe.GossipKind;
import io.hearsay.wire.sbe.ProbeKind;

import java.util.random.RandomGenerator;

/**
 * Applies claims about members (from envelopes, piggybacked updates and member-state pages) with
 * {@link MemberPrecedence}; refutes claims about this node by raising its incarnation; raises, confirms and expires
 * suspicions (Lifeguard: independent confirmations shorten the timeout); joins through seeds, re-contacts seeds and
 * recently dead members so a healed partition re-merges, forgets the long dead, and leaves gracefully.
 */
public final class Membership
{
    public static final int TIMER_SUSPICION = 1;

    /**
     * Boot id of a member known from a roster but not yet heard from. Real boot ids are the process start in
     * nanoseconds since the epoch, so every real one supersedes it; the first real one is adopted without an update.
     */
    public static final long UNHEARD_BOOT_ID = 0L;

    private static final int ALIVE = MemberStatus.ALIVE.ordinal();
    private static final int SUSPECT = MemberStatus.SUSPECT.ordinal();
    private static final int DEAD = MemberStatus.DEAD.ordinal();
    private static final int LEFT = MemberStatus.LEFT.ordinal();
    private static final MemberStatus[] STATUSES = MemberStatus.values();

    private final NodeConfig config;
    private final LocalState self;
    private final MemberTable members;
    private final UpdateQueue updates;
    private final Suspicions suspicions;
    private final Awareness awareness;
    private final TimerHeap timers;
    private final PacketComposer composer;
    private final CoreEventSink sink;
    private final NodeCounters counters;
    private final RandomGenerator random;
    private final PeerSampler sampler;
    private long[] seeds = new long[0];
    private long nextRejoinNs;
    private boolean joining;

    public Membership(
        final NodeConfig config, final LocalState self, final MemberTable members, final UpdateQueue updates,
        final Suspicions suspicions, final Awareness awareness, final TimerHeap timers, final PacketComposer composer,
        final CoreEventSink sink, final NodeCounters counters, final RandomGenerator random, final long nowNs)
    {
        this.config = config;
        this.self = self;
        this.members = members;
        this.updates = updates;
        this.suspicions = suspicions;
        this.awareness = awareness;
        this.timers = timers;
        this.composer = composer;
        this.sink = sink;
        this.counters = counters;
        this.random = random;
        this.sampler = new MemberTablePeerSampler(members);
        members.add(self.address, self.bootId, self.incarnation, ALIVE, nowNs);
        nextRejoinNs = nowNs + config.rejoinPeriodNs();
        refreshRetransmitLimit();
    }

    /** members this node considers alive or suspect, itself included */
    public int liveCount()
    {
        return members.peerCount() + (self.left ? 0 : 1);
    }

    public void join(final long[] seedAddresses, final long nowNs)
    {
        seeds = seedAddresses.clone();
        joining = true;
        contactSeeds();
        nextRejoinNs = nowNs + config.probePeriodNs();
    }

    private void contactSeeds()
    {
        for (final long seed : seeds)
        {
            if (seed != self.address)
            {
                composer.sendJoin(seed, true);
            }
        }
    }

    public long nextDeadlineNs()
    {
        return nextRejoinNs;
    }

    /**
     * Rejoin duty: while alone, ask every seed again (each probe period); once joined, every rejoin period ask one
     * seed that is not live in our table for its state, ping one recently dead member (it hears that we hold it
     * dead and refutes, we hear the same about us), and forget members dead or left for longer than the retention.
     */
    public int doWork(final long nowNs)
    {
        if (nowNs - nextRejoinNs < 0)
        {
            return 0;
        }
        if (members.peerCount() == 0 && seeds.length > 0)
        {
            contactSeeds();
            nextRejoinNs = nowNs + config.probePeriodNs();
            return 1;
        }
        joining = false;
        nextRejoinNs = nowNs + config.rejoinPeriodNs();
        if (seeds.length > 0)
        {
            final long seed = seeds[random.nextInt(seeds.length)];
            final int slot = members.slotOf(seed);
            if (seed != self.address && (slot == MemberTable.NO_SLOT || !MemberPrecedence.isLive(members.status(slot))))
            {
                composer.sendJoin(seed, true);
            }
        }
        long deadPick = 0;
        int deadSeen = 0;
        for (int slot = 0, limit = members.slotLimit(); slot < limit; slot++)
        {
            if (!members.inUse(slot))
            {
                continue;
            }
            final int status = members.status(slot);
            if (status == DEAD || status == LEFT)
            {
                if (nowNs - members.changedNs(slot) > config.deadMemberRetentionNs())
                {
                    suspicions.clear(slot);
                    members.remove(slot);
                }
                else if (status == DEAD && random.nextInt(++deadSeen) == 0)
                {
                    deadPick = members.address(slot);
                }
            }
        }
        if (deadSeen > 0)
        {
            composer.sendProbe(deadPick, ProbeKind.PING.value(), 0, deadPick);
        }
        return 1;
    }

    /**
     * Full-state push-pull with one peer (memberlist's periodic push/pull): send it our member table and ask for
     * its own, so members whose updates died out before reaching everyone (the e^-limit tail of a transmit-limited
     * epidemic) are learned within one period.
     */
    public void syncWith(final long peer)
    {
        composer.sendMemberState(peer);
        composer.sendJoin(peer, true);
    }

    /**
     * The sender of a datagram is alive at the incarnation its envelope states: add it, or replace a restarted
     * process (larger boot id), or take a larger incarnation.
     *
     * @return false when the datagram should be ignored (sent by this node itself)
     */
    public boolean onEnvelope(final long nowNs, final long sender, final long bootId, final long incarnation)
    {
        if (sender == self.address)
        {
            return false;
        }
        final int slot = members.slotOf(sender);
        if (slot == MemberTable.NO_SLOT)
        {
            addMember(nowNs, sender, bootId, incarnation, ALIVE, sender);
        }
        else if (!adoptedSilently(slot, bootId, incarnation, ALIVE) && (bootId > members.bootId(slot) ||
            (bootId == members.bootId(slot) && incarnation > members.incarnation(slot))))
        {
            apply(nowNs, slot, bootId, incarnation, ALIVE, sender);
        }
        return true;
    }

    /** A claim about a member from a piggybacked update or a member-state page. */
    public void onUpdate(
        final long nowNs, final long address, final long bootId, final long incarnation, final int status, final long from)
    {
        if (address == self.address)
        {
            onClaimAboutSelf(bootId, incarnation, status);
            return;
        }
        final int slot = members.slotOf(address);
        if (slot == MemberTable.NO_SLOT)
        {
            if (status == ALIVE || status == SUSPECT)
            {
                addMember(nowNs, address, bootId, incarnation, status, from);
            }
            return;
        }
        if (adoptedSilently(slot, bootId, incarnation, status))
        {
            return;
        }
        if (MemberPrecedence.supersedes(
            bootId, incarnation, status, members.bootId(slot), members.incarnation(slot), members.status(slot)))
        {
            apply(nowNs, slot, bootId, incarnation, status, from);
        }
        else if (status == SUSPECT && members.status(slot) == SUSPECT && bootId == members.bootId(slot) &&
            incarnation == members.incarnation(slot) && suspicions.confirm(slot, from))
        {
            updates.enqueue(address, bootId, incarnation, status, from);
            timers.schedule(suspicions.deadlineNs(slot), TIMER_SUSPICION, timerArgument(slot));
        }
    }

    private void onClaimAboutSelf(final long bootId, final long incarnation, final int status)
    {
        if (self.left || bootId != self.bootId)
        {
            return;
        }
        if (status == ALIVE ? incarnation > self.incarnation : incarnation >= self.incarnation)
        {
            self.incarnation = incarnation + 1;
            if (status != ALIVE)
            {
                counters.refutations++;
                awareness.applyDelta(1);
            }
            final int slot = members.slotOf(self.address);
            members.set(slot, self.bootId, self.incarnation, ALIVE, members.changedNs(slot));
            updates.enqueue(self.address, self.bootId, self.incarnation, ALIVE, self.address);
        }
    }

    /** This node's own probe failed: suspect the member, unless it is a roster member never heard from. */
    public void suspect(final long nowNs, final long address)
    {
        final int slot = members.slotOf(address);
        if (slot != MemberTable.NO_SLOT && members.status(slot) == ALIVE && !isUnheardAlive(slot))
        {
            counters.suspicionsRaised++;
            apply(nowNs, slot, members.bootId(slot), members.incarnation(slot), SUSPECT, self.address);
        }
    }

    /** A suspicion timer expired: declare dead if the same suspicion is still open and its time is up. */
    public void onSuspicionTimer(final long nowNs, final long argument)
    {
        final int slot = (int)(argument >>> 32);
        final int generation = (int)argument;
        if (slot < members.slotLimit() && members.inUse(slot) && members.status(slot) == SUSPECT &&
            suspicions.isOpen(slot) && suspicions.generation(slot) == generation &&
            suspicions.deadlineNs(slot) - nowNs <= 0)
        {
            counters.membersDeclaredDead++;
            apply(nowNs, slot, members.bootId(slot), members.incarnation(slot), DEAD, self.address);
        }
    }

    /** Announce a graceful leave to as many peers as the transmit limit, then stop. */
    public void leave(final long nowNs, final long[] scratchPeers)
    {
        if (self.left)
        {
            return;
        }
        self.incarnation++;
        updates.enqueue(self.address, self.bootId, self.incarnation, LEFT, self.address);
        final int slot = members.slotOf(self.address);
        members.set(slot, self.bootId, self.incarnation, LEFT, nowNs);
        sink.onMemberChange(nowNs, self.address, self.address, MemberStatus.LEFT, self.incarnation);
        final int count = Math.min(members.peerCount(), Math.min(scratchPeers.length, composer.retransmitLimit()));
        final int peers = sampler.sampleDistinct(random, count, PeerSampler.NO_PEER, scratchPeers);
        for (int i = 0; i < peers; i++)
        {
            composer.sendGossip(scratchPeers[i], GossipKind.PUSH.value(), 0,
                PacketComposer.RUMORS_NONE, PacketComposer.DIGEST_NONE, true);
        }
        self.left = true;
    }

    /**
     * Start out knowing {@code address} as ALIVE without having heard of it on the wire: no update is queued for
     * gossip and no member change is reported (a starting state, not a change). Ignored for this node itself and
     * for a member already known.
     *
     * @return true if the member was added
     */
    public boolean addKnownMember(final long nowNs, final long address, final long bootId, final long incarnation)
    {
        if (address == self.address || members.slotOf(address) != MemberTable.NO_SLOT)
        {
            return false;
        }
        members.add(address, bootId, incarnation, ALIVE, nowNs);
        refreshRetransmitLimit();
        return true;
    }

    /** True for a roster member of whom nothing has been heard yet (its probe failing says nothing of health). */
    public boolean isUnheard(final long address)
    {
        final int slot = members.slotOf(address);
        return slot != MemberTable.NO_SLOT && isUnheardAlive(slot);
    }

    /**
     * The first real word that a roster member is alive fills in its boot id and incarnation without an update or a
     * member change: nothing changed but what we know of it.
     */
    private boolean adoptedSilently(final int slot, final long bootId, final long incarnation, final int status)
    {
        if (status != ALIVE || bootId == UNHEARD_BOOT_ID || !isUnheardAlive(slot))
        {
            return false;
        }
        members.set(slot, bootId, incarnation, ALIVE, members.changedNs(slot));
        return true;
    }

    /** A roster member (ALIVE, incarnation 0) of whom nothing has been heard yet. */
    private boolean isUnheardAlive(final int slot)
    {
        return members.bootId(slot) == UNHEARD_BOOT_ID && members.status(slot) == ALIVE && members.incarnation(slot) == 0;
    }

    private void addMember(
        final long nowNs, final long address, final long bootId, final long incarnation, final int status, final long from)
    {
        final int slot = members.add(address, bootId, incarnation, status, nowNs);
        if (status == SUSPECT)
        {
            startSuspicion(nowNs, slot, from);
        }
        updates.enqueue(address, bootId, incarnation, status, from);
        sink.onMemberChange(nowNs, self.address, address, STATUSES[status], incarnation);
        refreshRetransmitLimit();
    }

    private void apply(
        final long nowNs, final int slot, final long bootId, final long incarnation, final int status, final long from)
    {
        final int oldStatus = members.status(slot);
        final long oldBootId = members.bootId(slot);
        members.set(slot, bootId, incarnation, status, nowNs);
        if (status == SUSPECT)
        {
            startSuspicion(nowNs, slot, from);
        }
        else
        {
            suspicions.clear(slot);
        }
        final long address = members.address(slot);
        updates.enqueue(address, bootId, incarnation, status, from);
        if (oldStatus != status || oldBootId != bootId)
        {
            sink.onMemberChange(nowNs, self.address, address, STATUSES[status], incarnation);
        }
        refreshRetransmitLimit();
    }

    private void startSuspicion(final long nowNs, final int slot, final long from)
    {
        final int n = liveCount();
        final long minNs = SwimMath.suspicionTimeoutNs(config.suspicionMult(), n, config.probePeriodNs());
        final long maxNs = minNs * config.suspicionMaxTimeoutMult();
        final int wanted = SwimMath.suspicionConfirmationsWanted(config.suspicionMult(), n);
        final int generation = suspicions.start(slot, nowNs, wanted, minNs, maxNs, from);
        timers.schedule(suspicions.deadlineNs(slot), TIMER_SUSPICION, ((long)slot << 32) | (generation & 0xFFFF_FFFFL));
    }

    private long timerArgument(final int slot)
    {
        return ((long)slot << 32) | (suspicions.generation(slot) & 0xFFFF_FFFFL);
    }

    private void refreshRetransmitLimit()
    {
        composer.retransmitLimit(SwimMath.retransmitLimit(config.retransmitMult(), liveCount()));
    }

    public boolean isJoining()
    {
        return joining;
    }
}
