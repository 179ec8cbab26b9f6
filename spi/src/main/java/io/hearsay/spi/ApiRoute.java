package io.hearsay.spi;

/**
 * An application's route on the node's local HTTP API ({@code /v1/apps/<name>/<rest>}). Runs on a local API thread
 * and may block that thread briefly (for example waiting on a future with a timeout); must be thread-safe.
 */
@FunctionalInterface
public interface ApiRoute
{
    ApiResponse handle(ApiRequest request);
}
