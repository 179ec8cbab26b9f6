package io.hearsay.spi;

import java.nio.charset.StandardCharsets;

/**
 * Data a member sent to this node, with the means to reply. A reply is itself a queued command (it never blocks);
 * replying to a member that did not wait for one is harmless (the sender counts and drops it).
 */
public abstract class IncomingData extends DataMessage
{
    protected IncomingData(final long fromAddress, final long correlationId, final byte[] data)
    {
        super(fromAddress, correlationId, data);
    }

    /**
     * Answer the sender.
     *
     * @throws PayloadTooLargeException if the reply exceeds {@link Cluster#maxDataBytes()}
     */
    public abstract void reply(byte[] replyData);

    public void reply(final String replyText)
    {
        reply(replyText.getBytes(StandardCharsets.UTF_8));
    }
}
