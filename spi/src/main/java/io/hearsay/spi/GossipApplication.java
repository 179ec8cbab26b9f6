package io.hearsay.spi;

/**
 * An application hosted by a hearsay node. Implementations are found with {@link java.util.ServiceLoader}:
 * list the class in {@code META-INF/services/io.hearsay.spi.GossipApplication} of the application JAR and drop
 * the JAR into the daemon's plugins folder. Each hosted node gets its own instance (a public no-argument
 * constructor is required).
 */
public interface GossipApplication
{
    /** A short name used in logs, in configuration ({@code apps=...}) and in local API routes. */
    default String name()
    {
        return getClass().getSimpleName();
    }

    /**
     * Called once, on the application thread, when the node starts. Subscribe to callbacks and register local API
     * routes here. Must return promptly; start threads of your own for long work.
     */
    void start(Cluster cluster);

    /** Called once when the node stops; subscriptions are cancelled by the host afterwards. */
    default void stop()
    {
    }
}
