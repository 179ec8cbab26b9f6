package io.hearsay.core.membership;

import io.hearsay.core.CoreEventSink;
import io.hearsay.core.LocalState;
import io.hearsay.core.MemberStatus;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.NodeCounters;
import io.hearsay.core.PacketComposer;
import io.hearsay.core.Refusal;
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
 * <p>
 * Claims are checked (hostile or damaged datagrams must not poison the table):
 * <ul>
 *   <li>a new member, whether it wrote to us or a member told of it, is admitted only after it answers a bare ping
 *       at its address ({@link Verifications}); until then only its pings are answered, bare, and nothing it says is
 *       applied (so neither spoofed Join floods nor damaged updates create phantom members);</li>
 *   <li>only a member's own envelope raises its boot id, and only in its ack to our challenge (a direct ping): a
 *       third party's claim of a larger one, or an envelope with one that answers nothing, is refused and the member
 *       is asked directly;</li>
 *   <li>a claim more than {@link #INCARNATION_STEP_LIMIT} incarnations ahead of what this node has seen of the
 *       member (or of itself) is refused; incarnations saturate at {@code Long.MAX_VALUE}, never wrap;</li>
 *   <li>a member's own word beats hearsay that is ahead of it (a damaged or forged claim it never made);</li>
 *   <li>a member taken as SUSPECT or DEAD on a third party's word, or heard from while we hold it so, is pinged
 *       directly (at most once per probe period): the ping carries our claim about it, so a live member refutes
 *       at once;</li>
 *   <li>the table grows by at most max(memberAdmissionsPerPeriod, live members) per probe period and never beyond
 *       maxMembers.</li>
 * </ul>
 * Every refusal is counted by {@link Refusal}.
 */
public final class Membership
{
    public static final int TIMER_SUSPICION = 1;

    /**
     * Boot id of a member known from a roster but not yet heard from. Real boot ids are the process start in
     * nanoseconds since the epoch, so every real one supersedes it; the first real one is adopted without an update.
     */
    public static final long UNHEARD_BOOT_ID = 0L;

    /** the most a third party's claim may be ahead of the incarnation this node has seen */
    public static final long INCARNATION_STEP_LIMIT = 1L << 16;

    /** {@link #onEnvelope}: drop the datagram */
    public static final int SENDER_IGNORED = 0;
    /** {@link #onEnvelope}: a member; apply what the datagram says */
    public static final int SENDER_MEMBER = 1;
    /** {@link #onEnvelope}: not (yet) a member; answer its pings bare, apply nothing */
    public static final int SENDER_UNVERIFIED = 2;
    /**
     * {@link #onEnvelope}: a member whose envelope states a larger boot id, or an incarnation far ahead of what we have
     * seen: apply nothing unless the message is its ack to our challenge ({@link #onChallengeAck}); answer its ping
     * bare (a restarted member checks us before it answers)
     */
    public static final int SENDER_AHEAD = 3;

    private static final long CHALLENGE_BIT = 1L << 61;

    /**
     * An unanswered challenge is sent again this many times, one a rejoin period: a challenge and its answer are two
     * to four datagrams (a restarted member verifies us first), so with 5 % loss about one in five is lost, and the
     * claims that caused it may have died out; without a retry the member waited for the next anti-entropy page.
     */
    static final int CHALLENGE_RETRIES = 6;

    /** at most this many challenges are sent again per rejoin period (after a healed partition, many are pending) */
    static final int CHALLENGE_RETRIES_PER_PASS = 64;

    /** a member named by a third party: its verification ping is sent again this many times a probe period apart, then
     * {@link #CHALLENGE_RETRIES} times a rejoin period apart */
    static final int QUICK_VERIFICATION_RETRIES = 3;
    private long nextChallenge;

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
    private final Verifications verifications;
    private long admissionPeriodEndNs;
    private int admittedThisPeriod;
    private long[] seeds = new long[0];
    private long nextRejoinNs;
    /**
     * unanswered verifications are looked at every probe period, not only at the rejoin pass: the first
     * {@link #QUICK_VERIFICATION_RETRIES} go a probe period apart. At a join burst (a second process's nodes joining,
     * 10 % loss) the worst view held 194-206 of 256 members 10 s after the join with a retry each rejoin period, 253-254
     * with these ({@code AdmissionUnderLossTest})
     */
    private long nextVerificationRetryNs;
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
        this.verifications = new Verifications(config.memberAdmissionsPerPeriod());
        members.add(self.address, self.bootId, self.incarnation, ALIVE, nowNs);
        members.heardDirectly(members.slotOf(self.address), true);
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
        contactSeeds(nowNs);
        nextRejoinNs = nowNs + config.probePeriodNs();
    }

    private void contactSeeds(final long nowNs)
    {
        for (final long seed : seeds)
        {
            if (seed != self.address)
            {
                contactSeed(nowNs, seed);
            }
        }
    }

    /**
     * Ask a seed for its state. A seed not in our table is pinged first (a bare ping, then the Join): it answers with
     * a challenge of its own, and once we acked that it acks our ping (admitting it here) and sends its state.
     */
    private void contactSeed(final long nowNs, final long seed)
    {
        if (members.slotOf(seed) == MemberTable.NO_SLOT && !verifications.pending(seed, nowNs))
        {
            final long sequence = verifications.start(seed, false, 0, nowNs, config.probePeriodNs());
            if (sequence != 0)
            {
                composer.sendBareProbe(seed, ProbeKind.PING.value(), sequence, seed);
            }
        }
        composer.sendJoin(seed, true);
    }

    public long nextDeadlineNs()
    {
        return Math.min(nextRejoinNs, nextVerificationRetryNs);
    }

    /**
     * Rejoin duty: while alone, ask every seed again (each probe period); once joined, every rejoin period ask one
     * seed that is not live in our table for its state, ping one recently dead member (it hears that we hold it
     * dead and refutes, we hear the same about us), send unanswered challenges again ({@link #CHALLENGE_RETRIES}) and
     * forget members dead or left for longer than the retention. Unanswered verifications started on a member's word
     * are sent again every probe period ({@link #QUICK_VERIFICATION_RETRIES}, then a rejoin period apart).
     */
    public int doWork(final long nowNs)
    {
        int verificationsRetried = 0;
        if (nowNs - nextVerificationRetryNs >= 0)
        {
            nextVerificationRetryNs = nowNs + config.probePeriodNs();
            for (int entry; !self.left && verificationsRetried < CHALLENGE_RETRIES_PER_PASS &&
                (entry = verifications.nextRetry(
                    nowNs, config.probePeriodNs(), CHALLENGE_RETRIES, config.rejoinPeriodNs())) >= 0; verificationsRetried++)
            {
                composer.sendBareProbe(verifications.address(entry), ProbeKind.PING.value(), verifications.sequence(entry),
                    verifications.address(entry));
            }
        }
        if (nowNs - nextRejoinNs < 0)
        {
            return verificationsRetried;
        }
        if (members.peerCount() == 0 && seeds.length > 0)
        {
            contactSeeds(nowNs);
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
                contactSeed(nowNs, seed);
            }
        }
        long deadPick = 0;
        int deadSeen = 0;
        int retried = 0;
        for (int slot = 0, limit = members.slotLimit(); slot < limit; slot++)
        {
            if (!members.inUse(slot))
            {
                continue;
            }
            if (members.challenge(slot) != 0 && members.challengeRetries(slot) > 0 && !self.left &&
                retried < CHALLENGE_RETRIES_PER_PASS && nowNs - members.nextNotifyNs(slot) >= 0)
            {
                members.challengeRetries(slot, members.challengeRetries(slot) - 1);
                sendChallenge(nowNs, slot);
                retried++;
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
     * The sender of a datagram is alive at the incarnation its envelope states: a member is updated (a restarted
     * process: larger boot id; or a larger incarnation); a sender not in the table is not added here but verified
     * ({@link #onUnverifiedMessage}, {@link #onVerificationAck}).
     *
     * @param sourceAddress where the datagram came from; an envelope naming another sender is refused
     * @return {@link #SENDER_IGNORED}, {@link #SENDER_MEMBER} or {@link #SENDER_UNVERIFIED}
     */
    public int onEnvelope(
        final long nowNs, final long sender, final long bootId, final long incarnation, final long sourceAddress)
    {
        if (sender == self.address)
        {
            return SENDER_IGNORED;
        }
        if (sender != sourceAddress)
        {
            counters.refuse(Refusal.SENDER_MISMATCH);
            return SENDER_IGNORED;
        }
        final int slot = members.slotOf(sender);
        if (slot == MemberTable.NO_SLOT)
        {
            return SENDER_UNVERIFIED;
        }
        if (adoptedSilently(slot, bootId, incarnation, ALIVE))
        {
            members.heardDirectly(slot, true);
            return SENDER_MEMBER;
        }
        final long knownBootId = members.bootId(slot);
        final long knownIncarnation = members.incarnation(slot);
        if (!members.heardDirectly(slot) &&
            (bootId < knownBootId || (bootId == knownBootId && incarnation < knownIncarnation)))
        {
            // hearsay ahead of the member's own word: a claim it never made; its own word wins
            members.heardDirectly(slot, true);
            apply(nowNs, slot, bootId, incarnation, ALIVE, sender);
            return SENDER_MEMBER;
        }
        if (bootId < knownBootId)
        {
            counters.refuse(Refusal.STALE_BOOT);
            return SENDER_IGNORED;
        }
        if (bootId > knownBootId)
        {
            // a restart, or a damaged or spoofed envelope: a restarted member's ack to our challenge confirms it
            counters.refuse(Refusal.BOOT_ID_CLAIM);
            askMember(nowNs, slot);
            return SENDER_AHEAD;
        }
        if (bootId == knownBootId && incarnation > knownIncarnation &&
            incarnation - knownIncarnation > INCARNATION_STEP_LIMIT)
        {
            // damaged or forged; if it is really the member's, its ack to our challenge says so
            counters.refuse(Refusal.INCARNATION_AHEAD);
            askMember(nowNs, slot);
            return SENDER_AHEAD;
        }
        members.heardDirectly(slot, true);
        if (incarnation > knownIncarnation)
        {
            apply(nowNs, slot, bootId, incarnation, ALIVE, sender);
        }
        else if (members.status(slot) != ALIVE)
        {
            // it speaks while we hold it suspect or dead at its own incarnation: it has not heard; tell it
            notifyMember(nowNs, slot);
        }
        return SENDER_MEMBER;
    }

    /**
     * A message from a sender not in the table (after {@link #onEnvelope} said {@link #SENDER_UNVERIFIED}). Nothing
     * it says is applied, and no reply to it is larger than what it sent: its ping is answered with our challenge (a
     * bare ping; once it acks that, it is admitted and its ping acked), or with a bare ack when we are verifying it
     * already (it is checking us back); a Join alone gets no answer (joiners ping first); another message at least
     * the size of a bare probe starts a verification.
     *
     * @param pingSequence  the sequence of its ping, or 0 when the message is no ping addressed to us
     * @param joinFullState it sent a Join asking for our member table: sent once it is admitted
     * @param length        the datagram's length
     */
    public void onUnverifiedMessage(
        final long nowNs, final long sender, final long pingSequence, final boolean joinFullState, final int length)
    {
        counters.refuse(Refusal.UNVERIFIED_SENDER);
        if (verifications.pending(sender, nowNs))
        {
            if (joinFullState)
            {
                verifications.wantFullState(sender, nowNs);
            }
            if (pingSequence != 0)
            {
                composer.sendBareProbe(sender, ProbeKind.ACK.value(), pingSequence, self.address);
            }
            return;
        }
        if (pingSequence != 0 || length >= composer.bareProbeBytes())
        {
            verify(nowNs, sender, joinFullState, pingSequence);
        }
    }

    /** start verifying an address not in the table with a bare ping, unless under way or out of room (counted) */
    private void verify(final long nowNs, final long address, final boolean wantsFullState, final long theirSequence)
    {
        verify(nowNs, address, wantsFullState, theirSequence, 0);
    }

    private void verify(
        final long nowNs, final long address, final boolean wantsFullState, final long theirSequence, final int retryCount)
    {
        if (verifications.pending(address, nowNs))
        {
            return;
        }
        if (self.left || !roomForNewMember(nowNs))
        {
            return;
        }
        final long sequence = verifications.start(
            address, wantsFullState, theirSequence, nowNs, config.probePeriodNs(), retryCount);
        if (sequence == 0)
        {
            counters.refuse(Refusal.VERIFICATION_FULL);
            return;
        }
        composer.sendBareProbe(address, ProbeKind.PING.value(), sequence, address);
    }

    /**
     * An ack from a sender not in the table: if it answers our verification ping, admit it ALIVE at the boot id and
     * incarnation of its envelope, ack the ping it sent us (if any), and send it our member table if it asked.
     *
     * @return true when it answered a verification
     */
    public boolean onVerificationAck(
        final long nowNs, final long sender, final long bootId, final long incarnation, final long sequence)
    {
        final int entry = verifications.onAck(sender, sequence, nowNs);
        if (entry < 0 || members.slotOf(sender) != MemberTable.NO_SLOT || !roomForNewMember(nowNs))
        {
            return false;
        }
        addMember(nowNs, sender, bootId, incarnation, ALIVE, sender);
        members.heardDirectly(members.slotOf(sender), true);
        if (verifications.theirSequence(entry) != 0)
        {
            composer.sendProbe(sender, ProbeKind.ACK.value(), verifications.theirSequence(entry), self.address);
        }
        if (verifications.wantsFullState(entry))
        {
            composer.sendMemberState(sender);
        }
        return true;
    }

    /** the growth bound: is there room for one more member this period? (a refusal is counted) */
    private boolean roomForNewMember(final long nowNs)
    {
        if (members.size() >= config.maxMembers())
        {
            counters.refuse(Refusal.MEMBER_TABLE_FULL);
            return false;
        }
        if (nowNs - admissionPeriodEndNs >= 0)
        {
            admissionPeriodEndNs = nowNs + config.probePeriodNs();
            admittedThisPeriod = 0;
        }
        if (admittedThisPeriod >= Math.max(config.memberAdmissionsPerPeriod(), liveCount()))
        {
            counters.refuse(Refusal.MEMBER_GROWTH);
            return false;
        }
        return true;
    }

    /**
     * Ping a member directly (at most once per probe period): the ping carries our claim about it if it is not ALIVE
     * (so a live member refutes), and its ack carries its own envelope (so its real boot id and incarnation win).
     */
    private void notifyMember(final long nowNs, final int slot)
    {
        if (nowNs - members.nextNotifyNs(slot) < 0 || self.left)
        {
            return;
        }
        members.challengeRetries(slot, 0);
        sendChallenge(nowNs, slot);
    }

    /**
     * A claim that the member lives a newer life (a larger boot id, or an incarnation far ahead) that only its own
     * answer may confirm: challenge it, and send the challenge again while it goes unanswered
     * ({@link #CHALLENGE_RETRIES}), since the claims that caused it die out. Plain notifications (we hold it suspect
     * or dead) are not retried: most go to members that are really down.
     */
    private void askMember(final long nowNs, final int slot)
    {
        notifyMember(nowNs, slot);
        if (members.challenge(slot) != 0)
        {
            members.challengeRetries(slot, CHALLENGE_RETRIES);
        }
    }

    /**
     * A challenge (a direct ping) to a member: at most one a probe period; its ack, matched by the sequence, is the
     * member's own word ({@link #onChallengeAck}).
     */
    private void sendChallenge(final long nowNs, final int slot)
    {
        members.nextNotifyNs(slot, nowNs + config.probePeriodNs());
        final long address = members.address(slot);
        final long challenge = CHALLENGE_BIT | (++nextChallenge & (CHALLENGE_BIT - 1));
        members.challenge(slot, challenge);
        composer.sendProbe(address, ProbeKind.PING.value(), challenge, address);
    }

    /**
     * An ack from a member that answers our last direct ping to it: a fresh answer from its address, so its envelope
     * is taken as it is (ALIVE at that boot id and incarnation, even below what hearsay told us), unless still more
     * than the step limit ahead (a damaged copy of the answer).
     *
     * @return true when it answered our challenge
     */
    public boolean onChallengeAck(
        final long nowNs, final long sender, final long bootId, final long incarnation, final long sequence)
    {
        final int slot = members.slotOf(sender);
        if (slot == MemberTable.NO_SLOT || sequence == 0 || members.challenge(slot) != sequence ||
            bootId < members.bootId(slot) || (bootId == members.bootId(slot) &&
            incarnation > members.incarnation(slot) && incarnation - members.incarnation(slot) > INCARNATION_STEP_LIMIT))
        {
            return false;
        }
        members.challenge(slot, 0);
        members.heardDirectly(slot, true);
        if (bootId != members.bootId(slot) || incarnation != members.incarnation(slot) || members.status(slot) != ALIVE)
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
                // a member introduced by a third party is admitted as any new sender: once it answers a bare ping;
                // a member's word is worth a few more pings if the first is lost (the claims that carry a restarted
                // member to an observer that had already forgotten it die out, and anti-entropy comes every 30 s x
                // log2(N / 32) at most)
                verify(nowNs, address, false, 0, QUICK_VERIFICATION_RETRIES + CHALLENGE_RETRIES);
            }
            return;
        }
        if (adoptedSilently(slot, bootId, incarnation, status))
        {
            return;
        }
        if (status != ALIVE && isUnheardAlive(slot))
        {
            // a roster member not yet heard from, said by a third party to be suspect, dead or gone: suspect it
            // ourselves (still unheard: only its own envelope gives its boot id), so our own timer removes it if it
            // is down and its ack to our ping refutes it if it is up; a forged claim cannot evict it
            apply(nowNs, slot, UNHEARD_BOOT_ID, 0, SUSPECT, from);
            notifyMember(nowNs, slot);
            return;
        }
        if (status != ALIVE && members.status(slot) == SUSPECT &&
            (bootId == UNHEARD_BOOT_ID) != (members.bootId(slot) == UNHEARD_BOOT_ID))
        {
            // suspect or dead, said by a node that knows the member's boot id while we do not, or the other way
            // round (a roster member heard by some only): the same suspicion, so it confirms ours (Lifeguard: our own
            // timer shortens) and changes nothing else; without it the two groups' claims never met, and the group
            // holding the real boot id waited out the longest suspicion timeout
            if (suspicions.confirm(slot, from))
            {
                timers.schedule(suspicions.deadlineNs(slot), TIMER_SUSPICION, timerArgument(slot));
            }
            notifyMember(nowNs, slot);
            return;
        }
        if (bootId > members.bootId(slot))
        {
            // only the member's own envelope raises its boot id: ask it directly
            counters.refuse(Refusal.BOOT_ID_CLAIM);
            askMember(nowNs, slot);
            return;
        }
        if (bootId == members.bootId(slot) && incarnation - members.incarnation(slot) > INCARNATION_STEP_LIMIT &&
            incarnation > members.incarnation(slot))
        {
            counters.refuse(Refusal.INCARNATION_AHEAD);
            askMember(nowNs, slot);
            return;
        }
        if (MemberPrecedence.supersedes(
            bootId, incarnation, status, members.bootId(slot), members.incarnation(slot), members.status(slot)))
        {
            apply(nowNs, slot, bootId, incarnation, status, from);
            if (status != ALIVE)
            {
                notifyMember(nowNs, slot);
            }
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
            if (bootId > self.bootId)
            {
                counters.refuse(Refusal.BOOT_ID_CLAIM);
            }
            return;
        }
        if (incarnation > self.incarnation && incarnation - self.incarnation > INCARNATION_STEP_LIMIT)
        {
            counters.refuse(Refusal.INCARNATION_AHEAD);
            return;
        }
        if (status == ALIVE ? incarnation > self.incarnation : incarnation >= self.incarnation)
        {
            self.incarnation = saturatingIncrement(incarnation);
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

    /** {@code incarnation + 1}, saturating at {@code Long.MAX_VALUE} (never wraps to a negative one) */
    public static long saturatingIncrement(final long incarnation)
    {
        return incarnation == Long.MAX_VALUE ? Long.MAX_VALUE : incarnation + 1;
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
        self.incarnation = saturatingIncrement(self.incarnation);
        updates.enqueue(self.address, self.bootId, self.incarnation, LEFT, self.address);
        final int slot = members.slotOf(self.address);
        members.set(slot, self.bootId, self.incarnation, LEFT, nowNs);
        sink.onMemberChange(nowNs, self.address, self.address, MemberStatus.LEFT, self.incarnation, self.bootId);
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
        admittedThisPeriod++;
        final int slot = members.add(address, bootId, incarnation, status, nowNs);
        if (status == SUSPECT)
        {
            startSuspicion(nowNs, slot, from);
        }
        updates.enqueue(address, bootId, incarnation, status, from);
        sink.onMemberChange(nowNs, self.address, address, STATUSES[status], incarnation, bootId);
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
            sink.onMemberChange(nowNs, self.address, address, STATUSES[status], incarnation, bootId);
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
