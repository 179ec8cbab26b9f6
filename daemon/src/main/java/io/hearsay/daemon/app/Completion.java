package io.hearsay.daemon.app;

import java.util.concurrent.CompletableFuture;

/** A future to complete on the application thread (so that its dependent stages never run on the duty cycle). */
final class Completion
{
    final CompletableFuture<Object> future;
    final Object value;
    final Throwable error;

    @SuppressWarnings("unchecked")
    Completion(final CompletableFuture<?> future, final Object value, final Throwable error)
    {
        this.future = (CompletableFuture<Object>)future;
        this.value = value;
        this.error = error;
    }

    void run()
    {
        if (null == error)
        {
            future.complete(value);
        }
        else
        {
            future.completeExceptionally(error);
        }
    }
}
