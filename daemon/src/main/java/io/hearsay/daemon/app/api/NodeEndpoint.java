package io.hearsay.daemon.app.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearsay.daemon.app.ApplicationHost;
import io.hearsay.core.Addresses;
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
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

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

    static ObjectNode eventJson(final Event event)
    {
        final ObjectNode json = NODES.objectNode().put("type", "event")
            .put("origin", Addresses.toString(event.id().origin()))
            .put("sequence", event.id().sequence())
            .put("created_wall_ns", event.createdWallNs())
            .put("hops", event.hops())
            .put("from", Addresses.toString(event.fromAddress()));
        return putBytes(json, "payload", event.payloadBytes());
    }

    static ObjectNode dataJson(final IncomingData data)
    {
        final ObjectNode json = NODES.objectNode().put("type", "data")
            .put("from", Addresses.toString(data.fromAddress()))
            .put("correlation_id", data.correlationId());
        return putBytes(json, "data", data.data());
    }

    static ObjectNode memberJson(final Member member)
    {
        return NODES.objectNode().put("type", "member")
            .put("address", member.addressText())
            .put("status", member.status().name())
            .put("incarnation", member.incarnation());
    }

    /** adds {@code "name": "utf-8 text", "name_base64": "..."} */
    static ObjectNode putBytes(final ObjectNode json, final String name, final byte[] bytes)
    {
        return json.put(name, new String(bytes, StandardCharsets.UTF_8))
            .put(name + "_base64", Base64.getEncoder().encodeToString(bytes));
    }
}
