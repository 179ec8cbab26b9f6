package io.hearsay.daemon.app;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What an {@link ApplicationHost} counts: work handed between the duty cycle and the application thread that was
 * dropped or failed. Readable from any thread.
 */
public final class ApplicationHostCounters
{
    /** callbacks not handed to the application thread because its queue was full */
    public final AtomicLong callbacksDropped = new AtomicLong();
    /** callbacks that threw (the application thread goes on) */
    public final AtomicLong callbackErrors = new AtomicLong();
    /** commands refused because the command queue was full (the caller got an exception) */
    public final AtomicLong commandsRefused = new AtomicLong();
    /** commands the node rejected (the caller's future failed) */
    public final AtomicLong commandErrors = new AtomicLong();
    /** commands executed on the duty cycle */
    public final AtomicLong commandsExecuted = new AtomicLong();
    /** responses that matched no pending request (late, or replies to one-way sends) */
    public final AtomicLong responsesUnmatched = new AtomicLong();
    /** requests that timed out */
    public final AtomicLong requestsTimedOut = new AtomicLong();
    /** data messages that arrived while no application listened */
    public final AtomicLong dataUnhandled = new AtomicLong();

    @Override
    public String toString()
    {
        return "callbacksDropped=" + callbacksDropped + " callbackErrors=" + callbackErrors +
            " commandsRefused=" + commandsRefused + " commandErrors=" + commandErrors +
            " commandsExecuted=" + commandsExecuted + " responsesUnmatched=" + responsesUnmatched +
            " requestsTimedOut=" + requestsTimedOut + " dataUnhandled=" + dataUnhandled;
    }
}
