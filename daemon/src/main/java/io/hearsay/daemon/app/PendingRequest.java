package io.hearsay.daemon.app;

import java.util.concurrent.CompletableFuture;

/** A request awaiting its response; owned by the duty cycle. */
final class PendingRequest
{
    final CompletableFuture<?> future;
    final long toAddress;
    final long timeoutMs;
    final long deadlineNs;

    PendingRequest(final CompletableFuture<?> future, final long toAddress, final long timeoutMs, final long deadlineNs)
    {
        this.future = future;
        this.toAddress = toAddress;
        this.timeoutMs = timeoutMs;
        this.deadlineNs = deadlineNs;
    }
}
