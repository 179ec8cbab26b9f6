package io.hearsay.spi;

/** A registration that can be cancelled; cancelling twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable
{
    @Override
    void close();
}
