package io.hearsay.daemon.app.api;

import io.hearsay.daemon.app.ApplicationHost;
import io.hearsay.core.Addresses;
import io.hearsay.records.run.Json;
import io.hearsay.spi.Cluster;
import io.hearsay.spi.Event;
import io.hearsay.spi.IncomingData;
import io.hearsay.spi.Member;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One hosted node as the local API sees it: its host, and its inbox, attached on first use (so that a process
 * hosting many nodes copies events for the API only for the nodes someone reads).
 */
final class NodeEndpoint
{
    final int index;
    final ApplicationHost host;
    private final int inboxCapacity;
    private volatile ApiInbox inbox;

    NodeEndpoint(final int index, final ApplicationHost host, final int inboxCapacity)
    {
        this.index = index;
        this.host = host;
        this.inboxCapacity = inboxCapacity;
    }

    Cluster cluster()
    {
        return host.cluster();
    }

    ApiInbox inbox()
    {
        ApiInbox current = inbox;
        if (null == current)
        {
            synchronized (this)
            {
                current = inbox;
                if (null == current)
                {
                    current = new ApiInbox(inboxCapacity);
                    attach(current);
                    inbox = current;
                }
            }
        }
        return current;
    }

    private void attach(final ApiInbox target)
    {
        final Cluster cluster = host.cluster();
        cluster.onEvent(event -> target.append("event", eventJson(event)));
        cluster.onData(data -> target.append("data", dataJson(data)));
        cluster.onMembershipChange(member -> target.append("member", memberJson(member)));
    }

    static String eventJson(final Event event)
    {
        final StringBuilder sb = new StringBuilder(128 + event.payloadLength() * 2);
        sb.append("{\"type\":\"event\",\"origin\":");
        sb.append(Json.write(Addresses.toString(event.id().origin())));
        sb.append(",\"sequence\":").append(event.id().sequence())
            .append(",\"created_wall_ns\":").append(event.createdWallNs())
            .append(",\"hops\":").append(event.hops())
            .append(",\"from\":");
        sb.append(Json.write(Addresses.toString(event.fromAddress())));
        appendBytes(sb, "payload", event.payloadBytes());
        return sb.append('}').toString();
    }

    static String dataJson(final IncomingData data)
    {
        final StringBuilder sb = new StringBuilder(128);
        sb.append("{\"type\":\"data\",\"from\":");
        sb.append(Json.write(Addresses.toString(data.fromAddress())));
        sb.append(",\"correlation_id\":").append(data.correlationId());
        appendBytes(sb, "data", data.data());
        return sb.append('}').toString();
    }

    static String memberJson(final Member member)
    {
        final StringBuilder sb = new StringBuilder(96);
        sb.append("{\"type\":\"member\",\"address\":");
        sb.append(Json.write(member.addressText()));
        sb.append(",\"status\":\"").append(member.status().name()).append("\",\"incarnation\":")
            .append(member.incarnation());
        return sb.append('}').toString();
    }

    /** {@code ,"name":"utf-8 text","name_base64":"..."} */
    static void appendBytes(final StringBuilder sb, final String name, final byte[] bytes)
    {
        sb.append(",\"").append(name).append("\":");
        sb.append(Json.write(new String(bytes, StandardCharsets.UTF_8)));
        sb.append(",\"").append(name).append("_base64\":\"").append(Base64.getEncoder().encodeToString(bytes)).append('"');
    }
}
