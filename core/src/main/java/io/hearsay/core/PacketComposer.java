package io.hearsay.core;

import io.hearsay.core.dissemination.DisseminationRule;
import io.hearsay.core.membership.MemberTable;
import io.hearsay.core.membership.UpdateQueue;
import io.hearsay.core.rumor.RumorStore;
import io.hearsay.wire.WirePublisher;
import io.hearsay.wire.sbe.GossipKind;
import org.agrona.DirectBuffer;

/**
 * Fills one datagram up to the byte budget and hands it to the {@link Outbox}: membership updates least-sent first,
 * rumors chosen by a mode, a digest of known rumors. What does not fit stays queued for the next message (counted
 * in {@link NodeCounters#rumorsDeferred}); nothing is ever truncated. A message to a member this node holds as
 * suspect or dead starts with that claim, so the member hears it and can refute.
 */
public final class PacketComposer
{
    /** no rumors */
    public static final int RUMORS_NONE = 0;
    /** rumors the strategy pushes (a gossip round's call) */
    public static final int RUMORS_PUSH = 1;
    /** rumors still active, riding on probes and application data */
    public static final int RUMORS_PIGGYBACK = 2;
    /** rumors just learned, forwarded at once (eager timing) */
    public static final int RUMORS_EAGER = 3;
    /** rumors the caller's digest lacked and the strategy answers pulls with */
    public static final int RUMORS_PULL_REPLY = 4;
    /** every rumor the caller's digest lacked (anti-entropy) */
    public static final int RUMORS_MISSING = 5;
    /** the one rumor a tree forward carries ({@link #sendTreeForward}) */
    public static final int RUMORS_TREE = 6;
    /** rumors still fresh for latency-paced eager exchanges ({@link #pacedFresh}) */
    public static final int RUMORS_PACED = 7;

    public static final int DIGEST_NONE = 0;
    /** every known rumor with this node's state word */
    public static final int DIGEST_ALL = 1;
    /**
     * the rumors named by the message being answered: those known before with this node's state, those just
     * learned from it with state UNKNOWN (the caller's partner lacked them)
     */
    public static final int DIGEST_MARKED = 2;

    private final NodeConfig config;
    private final LocalState self;
    private final MemberTable members;
    private final UpdateQueue updates;
    private final RumorStore rumors;
    private final DisseminationRule rule;
    private final WirePublisher publisher;
    private final Outbox outbox;
    private final NodeCounters counters;
    private final boolean piggybackRumors;
    private final int[] chosenUpdates;
    private final int[] chosenRumors;
    private final int[] chosenDigest;
    private int treeSlot = -1;
    private int rumorCursor;
    private int lastRumorCount;
    private int digestEpoch = 2;
    private int retransmitLimit = 1;
    private long nowNs;

    public PacketComposer(
        final NodeConfig config, final LocalState self, final MemberTable members, final UpdateQueue updates,
        final RumorStore rumors, final DisseminationRule rule, final Outbox outbox, final NodeCounters counters)
    {
        this.config = config;
        this.self = self;
        this.members = members;
        this.updates = updates;
        this.rumors = rumors;
        this.rule = rule;
        this.outbox = outbox;
        this.counters = counters;
        this.piggybackRumors = config.piggybackRumors();
        this.publisher = new WirePublisher(config.clusterName(), self.address, self.bootId, config.packetBudgetBytes());
        final int maxEntries = config.packetBudgetBytes() / WirePublisher.UPDATE_BYTES + 1;
        chosenUpdates = new int[maxEntries];
        chosenRumors = new int[config.packetBudgetBytes() / WirePublisher.RUMOR_FIXED_BYTES + 1];
        chosenDigest = new int[config.packetBudgetBytes() / WirePublisher.DIGEST_BYTES + 1];
    }

    /** the time of the call being handled; rumors are stamped with their age at this time */
    public void nowNs(final long nowNs)
    {
        this.nowNs = nowNs;
    }

    public WirePublisher publisher()
    {
        return publisher;
    }

    public void retransmitLimit(final int limit)
    {
        retransmitLimit = limit;
    }

    public int retransmitLimit()
    {
        return retransmitLimit;
    }

    /**
     * Starts a new digest epoch for the message being handled: a rumor marked {@code epoch} was named by it and
     * known before, one marked {@code epoch + 1} was learned from it; neither is sent back.
     */
    public int nextDigestEpoch()
    {
        digestEpoch += 2;
        return digestEpoch;
    }

    private boolean namedByCurrentMessage(final int slot)
    {
        final int mark = rumors.mark(slot);
        return mark == digestEpoch || mark == digestEpoch + 1;
    }

    public int digestEpoch()
    {
        return digestEpoch;
    }

    /** how many rumors the last message carried; their slots are {@link #lastRumorSlot} */
    public int lastRumorCount()
    {
        return lastRumorCount;
    }

    public int lastRumorSlot(final int index)
    {
        return chosenRumors[index];
    }

    public void sendProbe(final long to, final int kind, final long sequence, final long target)
    {
        int free = config.packetBudgetBytes() - publisher.probeFixedBytes();
        final int addresseeSlot = addresseeClaimSlot(to, free);
        if (addresseeSlot != MemberTable.NO_SLOT)
        {
            free -= WirePublisher.UPDATE_BYTES;
        }
        final int updateCount = updates.select(free / WirePublisher.UPDATE_BYTES, retransmitLimit, to, chosenUpdates);
        free -= updateCount * WirePublisher.UPDATE_BYTES;
        final int rumorCount = piggybackRumors ? chooseRumors(RUMORS_PIGGYBACK, free) : 0;

        publisher.beginProbe(self.incarnation, self.round, kind, sequence, target);
        encodeUpdates(addresseeSlot, updateCount);
        encodeRumors(RUMORS_PIGGYBACK, rumorCount);
        send(to, publisher.finish());
        updates.onSent(chosenUpdates, updateCount, retransmitLimit);
    }

    /**
     * A probe with nothing piggybacked: what goes to a sender not yet verified (a verification ping, the ack to its
     * ping), so a spoofed source gets no more bytes than it sent and learns nothing of the cluster.
     */
    public int bareProbeBytes()
    {
        return publisher.probeFixedBytes();
    }

    public void sendBareProbe(final long to, final int kind, final long sequence, final long target)
    {
        publisher.beginProbe(self.incarnation, self.round, kind, sequence, target);
        publisher.updatesCount(0);
        publisher.rumorsCount(0);
        send(to, publisher.finish());
    }

    /** @return false when nothing was worth sending (no rumors and no digest for a kind that needs them) */
    public boolean sendGossip(
        final long to, final int kind, final long exchangeId, final int rumorMode, final int digestMode,
        final boolean sendIfEmpty)
    {
        int free = config.packetBudgetBytes() - publisher.gossipFixedBytes();
        final int rumorCount = chooseRumors(rumorMode, free);
        free -= rumorBytes(rumorCount);
        final int digestCount = chooseDigest(digestMode, free / WirePublisher.DIGEST_BYTES);
        free -= digestCount * WirePublisher.DIGEST_BYTES;
        if (!sendIfEmpty && rumorCount == 0 && digestCount == 0)
        {
            return false;
        }
        final int addresseeSlot = addresseeClaimSlot(to, free);
        if (addresseeSlot != MemberTable.NO_SLOT)
        {
            free -= WirePublisher.UPDATE_BYTES;
        }
        final int updateCount = updates.select(free / WirePublisher.UPDATE_BYTES, retransmitLimit, to, chosenUpdates);

        publisher.beginGossip(self.incarnation, self.round, kind, exchangeId);
        encodeUpdates(addresseeSlot, updateCount);
        encodeRumors(rumorMode, rumorCount);
        encodeDigest(digestMode, digestCount);
        send(to, publisher.finish());
        updates.onSent(chosenUpdates, updateCount, retransmitLimit);
        return true;
    }

    /**
     * Latency-paced eager: is the rumor in {@code slot} still carried by paced exchanges? While held less than
     * {@code eagerFreshNs}, in fewer than {@code eagerExchangesPerRumor} exchanges started here, and fewer than
     * {@code eagerPartnersKnewPerRumor} of their partners knew it already.
     */
    public boolean pacedFresh(final int slot)
    {
        return nowNs - rumors.learnedNs(slot) < config.eagerFreshNs() &&
            rumors.pacedExchanges(slot) < config.eagerExchangesPerRumor() &&
            rumors.pacedPartnersKnew(slot) < config.eagerPartnersKnewPerRumor();
    }

    /** A tree forward: a Gossip TREE_FORWARD carrying the rumor in {@code slot} (and membership updates). */
    public boolean sendTreeForward(final long to, final int slot)
    {
        treeSlot = slot;
        final boolean sent = sendGossip(
            to, GossipKind.TREE_FORWARD.value(), 0, RUMORS_TREE, DIGEST_NONE, false);
        treeSlot = -1;
        return sent;
    }

    /**
     * A direct-addressing message (template 70): the structure fields, then membership updates, rumors chosen by
     * {@code rumorMode} ({@link #RUMORS_TREE} with {@code forwardSlot} for a forward down the structure) and a
     * digest. A BUSY reply carries nothing but its fields ({@code bare}). Membership updates ride only on messages
     * to random peers ({@code withUpdates}): along the structure they would reach the same few nodes again and again.
     */
    public void sendDirect(
        final long to, final int kind, final int op, final long planNodes, final int structureRound, final long callId,
        final long leader, final long root, final int groupSize, final long target, final int decision, final int flags,
        final int rumorMode, final int forwardSlot, final int digestMode, final boolean bare, final boolean withUpdates)
    {
        int free = config.packetBudgetBytes() - publisher.directFixedBytes();
        treeSlot = forwardSlot;
        final int rumorCount = bare ? 0 : chooseRumors(rumorMode, free);
        treeSlot = -1;
        free -= rumorBytes(rumorCount);
        final int digestCount = bare ? 0 : chooseDigest(digestMode, free / WirePublisher.DIGEST_BYTES);
        free -= digestCount * WirePublisher.DIGEST_BYTES;
        final int addresseeSlot = bare ? MemberTable.NO_SLOT : addresseeClaimSlot(to, free);
        if (addresseeSlot != MemberTable.NO_SLOT)
        {
            free -= WirePublisher.UPDATE_BYTES;
        }
        final int updateCount = bare || !withUpdates ? 0 :
            updates.select(free / WirePublisher.UPDATE_BYTES, retransmitLimit, to, chosenUpdates);
        publisher.beginDirect(self.incarnation, self.round, kind, op, planNodes, structureRound, callId, leader, root,
            groupSize, target, decision, flags);
        encodeUpdates(addresseeSlot, updateCount);
        encodeRumors(rumorMode, rumorCount);
        encodeDigest(digestMode, digestCount);
        send(to, publisher.finish());
        updates.onSent(chosenUpdates, updateCount, retransmitLimit);
    }

    public void sendJoin(final long to, final boolean requestFullState)
    {
        send(to, publisher.join(self.incarnation, self.round, requestFullState));
    }

    /** The whole member table (live, dead and left members, this node included) in as many pages as needed. */
    public void sendMemberState(final long to)
    {
        final int perPage = (config.packetBudgetBytes() - publisher.memberStateFixedBytes()) / WirePublisher.MEMBER_BYTES;
        final int total = members.size();
        final int pageCount = Math.max(1, (total + perPage - 1) / perPage);
        int slot = 0;
        for (int page = 0; page < pageCount; page++)
        {
            final int count = Math.min(perPage, total - page * perPage);
            publisher.beginMemberState(self.incarnation, self.round, page, pageCount);
            publisher.membersCount(count);
            int written = 0;
            while (written < count)
            {
                if (members.inUse(slot))
                {
                    final long address = members.address(slot);
                    final boolean isSelf = address == self.address;
                    publisher.member(
                        address, members.bootId(slot), isSelf ? self.incarnation : members.incarnation(slot),
                        members.status(slot));
                    written++;
                }
                slot++;
            }
            send(to, publisher.finish());
        }
    }

    /** Largest application data that fits a datagram. */
    public int maxAppDataBytes()
    {
        return config.packetBudgetBytes() - publisher.appDataFixedBytes(0);
    }

    public void sendAppData(
        final long to, final long correlationId, final boolean isResponse,
        final DirectBuffer data, final int offset, final int length)
    {
        final int free = config.packetBudgetBytes() - publisher.appDataFixedBytes(length);
        final int rumorCount = piggybackRumors ? chooseRumors(RUMORS_PIGGYBACK, free) : 0;
        publisher.beginAppData(self.incarnation, self.round, correlationId, isResponse);
        encodeRumors(RUMORS_PIGGYBACK, rumorCount);
        send(to, publisher.finishAppData(data, offset, length));
    }

    private void send(final long to, final int length)
    {
        counters.messagesSent++;
        counters.bytesSent += length;
        counters.countOut(bodyTemplateId(publisher.buffer()), length);
        outbox.send(to, publisher.buffer(), 0, length);
    }

    /** The template id of a datagram's body: [header][Envelope block][cluster name][header][body]. */
    static int bodyTemplateId(final org.agrona.DirectBuffer datagram)
    {
        final int clusterName = io.hearsay.wire.sbe.MessageHeaderDecoder.ENCODED_LENGTH + (datagram.getShort(0) & 0xFFFF);
        final int bodyHeader = clusterName + 2 + (datagram.getShort(clusterName) & 0xFFFF);
        return datagram.getShort(bodyHeader + 2) & 0xFFFF;
    }

    private int addresseeClaimSlot(final long to, final int free)
    {
        final int slot = members.slotOf(to);
        if (slot != MemberTable.NO_SLOT && members.status(slot) != MemberStatus.ALIVE.ordinal() &&
            free >= WirePublisher.UPDATE_BYTES)
        {
            return slot;
        }
        return MemberTable.NO_SLOT;
    }

    private void encodeUpdates(final int addresseeSlot, final int updateCount)
    {
        publisher.updatesCount(updateCount + (addresseeSlot != MemberTable.NO_SLOT ? 1 : 0));
        if (addresseeSlot != MemberTable.NO_SLOT)
        {
            publisher.update(
                members.address(addresseeSlot), members.bootId(addresseeSlot), members.incarnation(addresseeSlot),
                members.status(addresseeSlot), self.address);
        }
        for (int i = 0; i < updateCount; i++)
        {
            final int index = chosenUpdates[i];
            publisher.update(
                updates.address(index), updates.bootId(index), updates.incarnation(index), updates.status(index),
                updates.from(index));
        }
    }

    private boolean eligible(final int mode, final int slot)
    {
        final int state = rumors.state(slot);
        switch (mode)
        {
            case RUMORS_PUSH:
                return rule.pushes(state);
            case RUMORS_PIGGYBACK:
                return rule.isActive(state);
            case RUMORS_EAGER:
                return rumors.eagerPending(slot);
            case RUMORS_PULL_REPLY:
                return !namedByCurrentMessage(slot) && rule.answersPull(state);
            case RUMORS_MISSING:
                return !namedByCurrentMessage(slot);
            case RUMORS_TREE:
                return slot == treeSlot;
            case RUMORS_PACED:
                return rule.pushes(state) && pacedFresh(slot);
            default:
                return false;
        }
    }

    /** Picks eligible rumors from a rotating cursor until the budget is spent. @return how many */
    private int chooseRumors(final int mode, final int freeBytes)
    {
        if (mode == RUMORS_NONE || rumors.size() == 0)
        {
            return 0;
        }
        final int limit = rumors.slotLimit();
        int free = freeBytes;
        int count = 0;
        int deferred = 0;
        final int start = rumorCursor < limit ? rumorCursor : 0;
        for (int n = 0; n < limit; n++)
        {
            final int slot = (start + n) % limit;
            if (!rumors.inUse(slot) || rumors.expired(slot) || !eligible(mode, slot))
            {
                continue;
            }
            final int bytes = WirePublisher.rumorBytes(rumors.payloadLength(slot));
            if (bytes > free || count == chosenRumors.length)
            {
                deferred++;
                continue;
            }
            free -= bytes;
            chosenRumors[count++] = slot;
        }
        if (deferred > 0)
        {
            counters.rumorsDeferred += deferred;
            rumorCursor = count > 0 ? (chosenRumors[count - 1] + 1) % limit : start;
        }
        return count;
    }

    private int rumorBytes(final int count)
    {
        int bytes = 0;
        for (int i = 0; i < count; i++)
        {
            bytes += WirePublisher.rumorBytes(rumors.payloadLength(chosenRumors[i]));
        }
        return bytes;
    }

    private void encodeRumors(final int mode, final int count)
    {
        publisher.rumorsCount(count);
        lastRumorCount = count;
        for (int i = 0; i < count; i++)
        {
            final int slot = chosenRumors[i];
            publisher.rumor(
                rumors.origin(slot), rumors.sequence(slot), rumors.createdWallNs(slot), rumors.hops(slot),
                rumors.ageMilliRounds(slot, nowNs, config.gossipPeriodNs()), rumors.state(slot),
                rumors.payloadBuffer(), rumors.payloadOffset(slot), rumors.payloadLength(slot));
        }
    }

    private void encodeDigest(final int digestMode, final int digestCount)
    {
        publisher.digestCount(digestCount);
        for (int i = 0; i < digestCount; i++)
        {
            final int slot = chosenDigest[i];
            final boolean justLearned = digestMode == DIGEST_MARKED && rumors.mark(slot) == digestEpoch + 1;
            publisher.digest(
                rumors.origin(slot), rumors.sequence(slot), justLearned ? DisseminationRule.UNKNOWN : rumors.state(slot));
        }
    }

    private int chooseDigest(final int mode, final int max)
    {
        if (mode == DIGEST_NONE)
        {
            return 0;
        }
        int count = 0;
        final int limit = rumors.slotLimit();
        for (int slot = limit - 1; slot >= 0 && count < max && count < chosenDigest.length; slot--)
        {
            if (rumors.inUse(slot) && (mode == DIGEST_ALL || namedByCurrentMessage(slot)))
            {
                chosenDigest[count++] = slot;
            }
        }
        return count;
    }
}
