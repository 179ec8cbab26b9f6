package io.hearsay.sampleapps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one JSON helper the sample applications need: Jackson writing their replies. */
public final class Json
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json()
    {
    }

    /** Compact JSON text of {@code value} (maps, lists, strings, numbers, booleans). */
    public static String write(final Object value)
    {
        try
        {
            return MAPPER.writeValueAsString(value);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException("cannot write JSON: " + ex.getOriginalMessage(), ex);
        }
    }
}
