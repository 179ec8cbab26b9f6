package io.hearsay.spi;

import java.nio.charset.StandardCharsets;

/**
 * A local API response.
 *
 * @param status      HTTP status
 * @param contentType for example {@code application/json}
 * @param body        the bytes sent
 */
public record ApiResponse(int status, String contentType, byte[] body)
{
    public static ApiResponse json(final int status, final String json)
    {
        return new ApiResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public static ApiResponse text(final int status, final String text)
    {
        return new ApiResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }
}
