package io.hearsay.spi;

/** Called on the application thread, once per event this node learns. */
@FunctionalInterface
public interface EventListener
{
    void onEvent(Event event);
}
