package io.hearsay.spi;

/** Called on the application thread for each data message from a member; may {@link IncomingData#reply}. */
@FunctionalInterface
public interface DataHandler
{
    void onData(IncomingData data);
}
