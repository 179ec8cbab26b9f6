package io.hearsay.bench.wire;

import io.hearsay.wire.WirePublisher;
import io.hearsay.wire.sbe.GossipKind;
import io.hearsay.wire.sbe.ProbeKind;

/**
 * The datagram kinds a node sends, each with a realistic content, encoded through {@link WirePublisher} exactly as
 * {@code PacketComposer} calls it: begin, group counts and entries in schema order, finish. Rumor payloads are
 * {@link WireSamples#RUMOR_PAYLOAD_BYTES} bytes, application data {@link WireSamples#APP_DATA_BYTES}.
 */
public enum WireMessage
{
    /** a bare SWIM ping (nothing to piggyback) */
    PING
    {
        public int encode(final WirePublisher publisher, final WireSamples samples, final int salt)
        {
            publisher.beginProbe(samples.incarnation, samples.round, ProbeKind.PING.value(), salt, samples.target);
            publisher.updatesCount(0);
            publisher.rumorsCount(0);
            return publisher.finish();
        }
    },
    /** a ping carrying 4 membership updates and 1 rumor */
    PING_PIGGYBACK
    {
        public int encode(final WirePublisher publisher, final WireSamples samples, final int salt)
        {
            publisher.beginProbe(samples.incarnation, samples.round, ProbeKind.PING.value(), salt, samples.target);
            samples.updates(publisher, 4, salt);
            samples.rumors(publisher, 1, salt);
            return publisher.finish();
        }
    },
    /** the answer to a ping */
    ACK
    {
        public int encode(final WirePublisher publisher, final WireSamples samples, final int salt)
        {
            publisher.beginProbe(samples.incarnation, samples.round, ProbeKind.ACK.value(), salt, samples.target);
            publisher.updatesCount(0);
            publisher.rumorsCount(0);
            return publisher.finish();
        }
    },
    /** an indirect probe request */
    PING_REQ
    {
        public int encode(final WirePublisher publisher, final WireSamples samples, final int salt)
        {
            publisher.beginProbe(samples.incarnation, samples.round, ProbeKind.PING_REQ.value(), salt, samples.target);
            publisher.updatesCount(0);
            publisher.rumorsCount(0);
            return publisher.finish();
        }
    },
    /** a push of 1 rumor */
    PUSH
    {
        public int encode(final WirePublisher publisher, final WireSamples samples, final int salt)
        {
            publisher.beginGossip(samples.incarnation, samples.round, GossipKind.PUSH.value(), 0);
            publisher.updatesCount(0);
            samples.rumors(publisher, 1, salt);
            publisher.digestCount(0);
            return publisher.finish();
        }
    },
    /** push-pull: 1 rumor and a digest of 8 known rumors */
    PUSH_PULL
    {
        public int encode(final WirePublisher publisher, final WireSamples samples, final int salt)
        {
            publisher.beginGossip(samples.incarnation, samples.round, GossipKind.PUSH_PULL.value(), salt);
            publisher.updatesCount(0);
            samples.rumors(publisher, 1, salt);
            samples.digest(publisher, 8);
            return publisher.finish();
        }
    },
    /** pull request: a digest of 8 known rumors */
    PULL_REQUEST
    {
        public int encode(final WirePublisher publisher, final WireSamples samples, final int salt)
        {
            publisher.beginGossip(samples.incarnation, samples.round, GossipKind.PULL_REQUEST.value(), salt);
            publisher.updatesCount(0);
            publisher.rumorsCount(0);
            samples.digest(publisher, 8);
            return publisher.finish();
        }
    },
    /** pull reply: 2 rumors the caller lacked, states for the 8 it named */
    PULL_REPLY
    {
        public int encode(final WirePublisher publisher, final WireSamples samples, final int salt)
        {
            publisher.beginGossip(samples.incarnation, samples.round, GossipKind.PULL_REPLY.value(), salt);
            publisher.updatesCount(0);
            samples.rumors(publisher, 2, salt);
            samples.digest(publisher, 8);
            return publisher.finish();
        }
    },
    /** a join asking for the full member table */
    JOIN
    {
        public int encode(final WirePublisher publisher, final WireSamples samples, final int salt)
        {
            return publisher.join(samples.incarnation, samples.round, true);
        }
    },
    /** one page of 32 members of the member table */
    MEMBER_STATE
    {
        public int encode(final WirePublisher publisher, final WireSamples samples, final int salt)
        {
            publisher.beginMemberState(samples.incarnation, samples.round, 0, 1);
            samples.members(publisher, 32, salt);
            return publisher.finish();
        }
    },
    /** an application request of 256 bytes with 1 rumor riding along */
    APP_DATA
    {
        public int encode(final WirePublisher publisher, final WireSamples samples, final int salt)
        {
            publisher.beginAppData(samples.incarnation, samples.round, salt, false);
            samples.rumors(publisher, 1, salt);
            return publisher.finishAppData(samples.appData, 0, WireSamples.APP_DATA_BYTES);
        }
    };

    /**
     * Encode one datagram of this kind into {@code publisher.buffer()} from offset 0.
     *
     * @param salt varies sequence numbers and entries so successive datagrams differ
     * @return its length
     */
    public abstract int encode(WirePublisher publisher, WireSamples samples, int salt);
}
