package io.hearsay.spi;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One local API request for an application route.
 *
 * @param method HTTP method, upper case
 * @param path   what follows {@code /v1/apps/<name>} (empty or starting with {@code /}), URL-decoded
 * @param query  decoded query parameters (last value wins)
 * @param body   the request body
 */
public record ApiRequest(String method, String path, Map<String, String> query, byte[] body)
{
    public String bodyAsString()
    {
        return new String(body, StandardCharsets.UTF_8);
    }
}
