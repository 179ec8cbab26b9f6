package io.hearsay.core.failure;

import io.hearsay.core.LocalState;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.NodeCounters;
import io.hearsay.core.PacketComposer;
import io.hearsay.core.membership.Awareness;
import io.hearsay.core.membership.MemberPrecedence;
import io.hearsay.core.membership.MemberTable;
import io.hearsay.core.membership.Membership;
import io.hearsay.core.rumor.PeerSampler;
import io.hearsay.core.timer.TimerHeap;
import io.hearsay.wire.sbe.ProbeKind;

import java.util.random.RandomGenerator;

/**
 * The probe cycle of one node. Each protocol period (scaled by {@link Awareness}) it settles the previous probe
 * (acked: health improves; not acked: suspect the target, health worsens by the nacks that did not come) and pings
 * the next member of a shuffled round-robin order. If no ack arrives within the (scaled) probe timeout, it asks
 * {@code indirectProbes} other members to ping the target; they answer with the target's ack or a nack.
 */
public final class FailureDetector
{
    public static final int TIMER_RELAY = 2;

    private static final long NO_TARGET = PeerSampler.NO_PEER;
    private static final int RELAY_CAPACITY = 64;
    private static final int PING = ProbeKind.PING.value();
    private static final int ACK = ProbeKind.ACK.value();
    private static final int NACK = ProbeKind.NACK.value();
    private static final int PING_REQ = ProbeKind.PING_REQ.value();

    private final NodeConfig config;
    private final LocalState self;
    private final MemberTable members;
    private final Membership membership;
    private final Awareness awareness;
    private final PacketComposer composer;
    private final TimerHeap timers;
    private final NodeCounters counters;
    private final RandomGenerator random;
    private final PeerSampler sampler;
    private final long[] helpers;

    private long[] order = new long[16];
    private int orderSize;
    private int orderIndex;
    private long sequence;
    private long target = NO_TARGET;
    private long targetSequence;
    /** when the current probe's ping was sent (its round trip is timed when the target itself acks) */
    private long targetSentNs;
    private boolean acked;
    private int expectedNacks;
    private int nacks;
    private long indirectDeadlineNs = Long.MAX_VALUE;
    private long nextProbeNs;

    private final long[] relaySequence = new long[RELAY_CAPACITY];
    private final long[] relayOrigin = new long[RELAY_CAPACITY];
    private final long[] relayOriginSequence = new long[RELAY_CAPACITY];
    private final long[] relayTarget = new long[RELAY_CAPACITY];
    private final boolean[] relayActive = new boolean[RELAY_CAPACITY];
    private int relayNext;

    public FailureDetector(
        final NodeConfig config, final LocalState self, final MemberTable members, final Membership membership,
        final Awareness awareness, final PacketComposer composer, final TimerHeap timers, final NodeCounters counters,
        final RandomGenerator random, final PeerSampler sampler, final long nowNs)
    {
        this.config = config;
        this.self = self;
        this.members = members;
        this.membership = membership;
        this.awareness = awareness;
        this.composer = composer;
        this.timers = timers;
        this.counters = counters;
        this.random = random;
        this.sampler = sampler;
        this.helpers = new long[Math.max(1, config.indirectProbes())];
        this.nextProbeNs = nowNs + random.nextLong(config.probePeriodNs());
    }

    public long nextDeadlineNs()
    {
        return Math.min(nextProbeNs, indirectDeadlineNs);
    }

    public int doWork(final long nowNs)
    {
        int work = 0;
        if (indirectDeadlineNs - nowNs <= 0)
        {
            indirectDeadlineNs = Long.MAX_VALUE;
            if (!acked && target != NO_TARGET)
            {
                final int count = sampler.sampleDistinct(random, config.indirectProbes(), target, helpers);
                for (int i = 0; i < count; i++)
                {
                    composer.sendProbe(helpers[i], PING_REQ, targetSequence, target);
                }
                counters.indirectProbesSent += count;
                expectedNacks = count;
                work++;
            }
        }
        if (nextProbeNs - nowNs <= 0)
        {
            settleProbe(nowNs);
            startProbe(nowNs);
            nextProbeNs = nowNs + awareness.scaleTimeoutNs(config.probePeriodNs());
            work++;
        }
        return work;
    }

    private void settleProbe(final long nowNs)
    {
        if (target == NO_TARGET)
        {
            return;
        }
        if (acked)
        {
            awareness.applyDelta(-1);
        }
        else if (!membership.isUnheard(target))
        {
            awareness.applyDelta(expectedNacks > 0 ? Math.max(0, expectedNacks - nacks) : 1);
            membership.suspect(nowNs, target);
        }
        target = NO_TARGET;
    }

    private void startProbe(final long nowNs)
    {
        final long next = nextTarget();
        if (next == NO_TARGET)
        {
            return;
        }
        target = next;
        targetSequence = ++sequence;
        acked = false;
        expectedNacks = 0;
        nacks = 0;
        counters.probesSent++;
        targetSentNs = nowNs;
        composer.sendProbe(target, PING, targetSequence, target);
        indirectDeadlineNs = nowNs + awareness.scaleTimeoutNs(config.probeTimeoutNs());
    }

    /** next live member of the shuffled round-robin order, reshuffling when the order is used up */
    private long nextTarget()
    {
        for (int pass = 0; pass < 2; pass++)
        {
            while (orderIndex < orderSize)
            {
                final long candidate = order[orderIndex++];
                final int slot = members.slotOf(candidate);
                if (slot != MemberTable.NO_SLOT && MemberPrecedence.isLive(members.status(slot)))
                {
                    return candidate;
                }
            }
            reshuffle();
        }
        return NO_TARGET;
    }

    private void reshuffle()
    {
        final int count = members.peerCount();
        if (order.length < count)
        {
            order = new long[Math.max(count, order.length * 2)];
        }
        for (int i = 0; i < count; i++)
        {
            order[i] = members.address(members.peerSlot(i));
        }
        for (int i = count - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final long swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        orderSize = count;
        orderIndex = 0;
    }

    /** A probe message arrived (after its updates and rumors were applied). */
    public void onProbe(final long nowNs, final long from, final int kind, final long probeSequence, final long probeTarget)
    {
        if (kind == PING)
        {
            if (probeTarget == self.address)
            {
                composer.sendProbe(from, ACK, probeSequence, self.address);
            }
        }
        else if (kind == ACK)
        {
            onAck(nowNs, from, probeSequence, probeTarget);
        }
        else if (kind == NACK)
        {
            if (probeSequence == targetSequence && probeTarget == target)
            {
                nacks++;
                counters.nacksReceived++;
            }
        }
        else if (kind == PING_REQ)
        {
            relay(nowNs, from, probeSequence, probeTarget);
        }
    }

    private void onAck(final long nowNs, final long from, final long ackSequence, final long ackTarget)
    {
        if (ackSequence == targetSequence && ackTarget == target && target != NO_TARGET)
        {
            if (!acked && from == target)
            {
                counters.probeRtt.onRoundTripNs(nowNs - targetSentNs); // direct: relayed acks carry a detour
            }
            acked = true;
            return;
        }
        for (int i = 0; i < RELAY_CAPACITY; i++)
        {
            if (relayActive[i] && relaySequence[i] == ackSequence && relayTarget[i] == from)
            {
                relayActive[i] = false;
                composer.sendProbe(relayOrigin[i], ACK, relayOriginSequence[i], relayTarget[i]);
                return;
            }
        }
    }

    private void relay(final long nowNs, final long origin, final long originSequence, final long relayTo)
    {
        if (relayTo == self.address)
        {
            composer.sendProbe(origin, ACK, originSequence, self.address);
            return;
        }
        final int i = relayNext;
        relayNext = (relayNext + 1) % RELAY_CAPACITY;
        relayActive[i] = true;
        relaySequence[i] = ++sequence;
        relayOrigin[i] = origin;
        relayOriginSequence[i] = originSequence;
        relayTarget[i] = relayTo;
        composer.sendProbe(relayTo, PING, relaySequence[i], relayTo);
        final long nackTimeoutNs = awareness.scaleTimeoutNs(config.probeTimeoutNs()) * 4 / 5;
        timers.schedule(nowNs + nackTimeoutNs, TIMER_RELAY, relaySequence[i]);
    }

    /** A relayed probe's target stayed silent: tell the origin with a nack. */
    public void onRelayTimer(final long relaySeq)
    {
        for (int i = 0; i < RELAY_CAPACITY; i++)
        {
            if (relayActive[i] && relaySequence[i] == relaySeq)
            {
                relayActive[i] = false;
                composer.sendProbe(relayOrigin[i], NACK, relayOriginSequence[i], relayTarget[i]);
                return;
            }
        }
    }
}
