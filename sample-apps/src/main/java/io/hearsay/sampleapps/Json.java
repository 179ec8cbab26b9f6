package io.hearsay.sampleapps;

/** The one JSON helper the sample applications need (they depend on the SPI only). */
public final class Json
{
    private Json()
    {
    }

    /** {@code "text"} with JSON escapes. */
    public static String quote(final String value)
    {
        final StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\')
            {
                sb.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                sb.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
