package io.hearsay.bench.core;

import io.hearsay.bench.wire.SampleDatagrams;
import io.hearsay.bench.wire.WireMessage;
import io.hearsay.bench.wire.WireSamples;
import io.hearsay.core.GossipNode;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.testing.RecordingSink;
import io.hearsay.wire.WirePublisher;

import java.util.SplittableRandom;

/**
 * One {@link GossipNode} in steady state inside a cluster it knows: it holds {@code members} members (taken in from
 * member-table pages, as after a join) and the {@link WireSamples#KNOWN_RUMORS} rumors its peers also know. The
 * sample datagrams of one {@link WireMessage} kind come from {@value #SENDERS} different members, each encoded by
 * that member's own {@link WirePublisher}; {@link #deliverNext()} hands the next one to {@code onPacket} with the
 * clock advanced by 1 µs.
 */
public final class NodeUnderLoad
{
    public static final int SENDERS = 64;
    public static final long SEED = 20_261_126L;

    private final CountingOutbox outbox = new CountingOutbox();
    private final RecordingSink sink = new RecordingSink(false);
    private final GossipNode node;
    private final SampleDatagrams datagrams;
    private final WireSamples samples;
    private long nowNs = 1_000_000_000L;
    private int next;

    public NodeUnderLoad(final WireMessage message, final int members, final StrategyKind strategy)
    {
        samples = new WireSamples(members);
        final long self = samples.member(0);
        samples.target(self);
        final NodeConfig config = NodeConfig.profile(NodeConfig.Profile.LAN).strategy(strategy).conclude();
        node = new GossipNode(config, self, WireSamples.BOOT_ID, outbox, sink, new SplittableRandom(SEED), nowNs);

        final WirePublisher seed = new WirePublisher(config.clusterName(), samples.member(1), WireSamples.BOOT_ID,
            config.packetBudgetBytes());
        for (int first = 1; first < members; first += 32)
        {
            final int length = samples.memberPage(seed, first, Math.min(32, members - first));
            node.onPacket(tick(), samples.member(1), seed.buffer(), 0, length);
        }
        for (int k = 0; k < WireSamples.KNOWN_RUMORS; k++)
        {
            final int length = samples.knownRumorPush(seed, k);
            node.onPacket(tick(), samples.member(1), seed.buffer(), 0, length);
        }
        if (node.liveMemberCount() != members || node.eventsKnown() != WireSamples.KNOWN_RUMORS)
        {
            throw new IllegalStateException("setup: node knows " + node.liveMemberCount() + " members (expected " +
                members + ") and " + node.eventsKnown() + " rumors (expected " + WireSamples.KNOWN_RUMORS + ")");
        }

        datagrams = new SampleDatagrams(SENDERS, config.packetBudgetBytes());
        for (int i = 0; i < SENDERS; i++)
        {
            final long sender = samples.member(1 + i % (members - 1));
            final WirePublisher publisher = new WirePublisher(
                config.clusterName(), sender, WireSamples.BOOT_ID, config.packetBudgetBytes());
            datagrams.add(publisher.buffer(), message.encode(publisher, samples, i), sender);
        }
        final long dropsBefore = node.counters().totalDrops();
        for (int i = 0; i < SENDERS; i++)
        {
            deliverNext();
        }
        if (node.counters().totalDrops() != dropsBefore)
        {
            throw new IllegalStateException("setup: " + message + " samples were dropped by the node");
        }
    }

    private long tick()
    {
        nowNs += 1_000L;
        return nowNs;
    }

    /** @return the node's work count for this datagram */
    public int deliverNext()
    {
        final int i = next;
        next = (i + 1) & (SENDERS - 1);
        return node.onPacket(tick(), datagrams.sender(i), datagrams.buffer(i), 0, datagrams.length(i));
    }

    public GossipNode node()
    {
        return node;
    }

    public CountingOutbox outbox()
    {
        return outbox;
    }

    public RecordingSink sink()
    {
        return sink;
    }
}
