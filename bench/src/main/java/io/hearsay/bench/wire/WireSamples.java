package io.hearsay.bench.wire;

import io.hearsay.core.Addresses;
import io.hearsay.wire.WirePublisher;
import io.hearsay.wire.sbe.GossipKind;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The content the sample datagrams carry: a cluster of {@code members} loopback addresses (127.0.0.1, ports from
 * {@link #FIRST_PORT}), rumors originated by those members with {@link #RUMOR_PAYLOAD_BYTES}-byte payloads, and
 * application data. Everything is preallocated; encoding samples allocates nothing.
 */
public final class WireSamples
{
    public static final int LOOPBACK = 0x7F00_0001;
    public static final int FIRST_PORT = 20_000;
    public static final int RUMOR_PAYLOAD_BYTES = 64;
    public static final int APP_DATA_BYTES = 256;
    public static final long BOOT_ID = 1_764_000_000_000_000_000L;
    /** rumors every member is taken to know: (origin = member i, sequence 1) for 1 <= i <= KNOWN_RUMORS */
    public static final int KNOWN_RUMORS = 8;

    final UnsafeBuffer rumorPayload = new UnsafeBuffer(new byte[RUMOR_PAYLOAD_BYTES]);
    final UnsafeBuffer appData = new UnsafeBuffer(new byte[APP_DATA_BYTES]);
    final long[] members;
    long incarnation = 3;
    int round = 42;
    long target;

    public WireSamples(final int memberCount)
    {
        if (memberCount <= KNOWN_RUMORS)
        {
            throw new IllegalArgumentException("memberCount = " + memberCount + "; accepted: > " + KNOWN_RUMORS);
        }
        members = new long[memberCount];
        for (int i = 0; i < memberCount; i++)
        {
            members[i] = address(i);
        }
        target = members[0];
        for (int i = 0; i < RUMOR_PAYLOAD_BYTES; i++)
        {
            rumorPayload.putByte(i, (byte)('a' + i % 26));
        }
        for (int i = 0; i < APP_DATA_BYTES; i++)
        {
            appData.putByte(i, (byte)i);
        }
    }

    public static long address(final int memberIndex)
    {
        return Addresses.pack(LOOPBACK, FIRST_PORT + memberIndex);
    }

    public long member(final int index)
    {
        return members[index];
    }

    public int memberCount()
    {
        return members.length;
    }

    /** the member probes are aimed at (the node under test) */
    public WireSamples target(final long address)
    {
        target = address;
        return this;
    }

    public UnsafeBuffer rumorPayload()
    {
        return rumorPayload;
    }

    void updates(final WirePublisher publisher, final int count, final int salt)
    {
        publisher.updatesCount(count);
        for (int i = 0; i < count; i++)
        {
            final long member = members[(salt + i * 7 + 1) % members.length];
            publisher.update(member, BOOT_ID, 0, 0, members[(salt + 3) % members.length]);
        }
    }

    /** origin of known rumor k (sequence 1), k in [0, KNOWN_RUMORS) */
    public long knownRumorOrigin(final int k)
    {
        return members[1 + k % KNOWN_RUMORS];
    }

    /** rumors from the known set */
    void rumors(final WirePublisher publisher, final int count, final int salt)
    {
        publisher.rumorsCount(count);
        for (int i = 0; i < count; i++)
        {
            publisher.rumor(knownRumorOrigin(salt + i), 1, BOOT_ID, 2, 3, 1, rumorPayload, 0, RUMOR_PAYLOAD_BYTES);
        }
    }

    /** one push of known rumor k */
    public int knownRumorPush(final WirePublisher publisher, final int k)
    {
        publisher.beginGossip(incarnation, round, GossipKind.PUSH.value(), 0);
        publisher.updatesCount(0);
        rumors(publisher, 1, k);
        publisher.digestCount(0);
        return publisher.finish();
    }

    void digest(final WirePublisher publisher, final int count)
    {
        publisher.digestCount(count);
        for (int i = 0; i < count; i++)
        {
            publisher.digest(knownRumorOrigin(i), 1, 1);
        }
    }

    void members(final WirePublisher publisher, final int count, final int salt)
    {
        publisher.membersCount(count);
        for (int i = 0; i < count; i++)
        {
            publisher.member(members[(salt + i) % members.length], BOOT_ID, 0, 0);
        }
    }

    /** A member table page listing members [first, first + count). */
    public int memberPage(final WirePublisher publisher, final int first, final int count)
    {
        publisher.beginMemberState(incarnation, round, 0, 1);
        publisher.membersCount(count);
        for (int i = first; i < first + count; i++)
        {
            publisher.member(members[i], BOOT_ID, 0, 0);
        }
        return publisher.finish();
    }
}
