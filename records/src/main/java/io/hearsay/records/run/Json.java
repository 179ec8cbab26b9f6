package io.hearsay.records.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small dependency-free JSON writer and reader.
 * <p>
 * Values map to Java as: object = {@code Map<String, Object>} (insertion ordered), array = {@code List<Object>},
 * string = {@link String}, number = {@link Long} when it is an integer that fits, else {@link Double},
 * {@code true}/{@code false} = {@link Boolean}, {@code null} = {@code null}.
 * The writer also takes any {@link Number}, {@link Iterable}, array of objects, {@code double[]}, {@code long[]},
 * {@code int[]}; a NaN or infinite double is written as {@code null} (JSON has no such number).
 * Errors of the reader name the line, column and offset where the text went wrong.
 */
public final class Json
{
    private Json()
    {
    }

    /** Thrown for malformed JSON text; the message names the position. */
    public static final class ParseException extends IllegalArgumentException
    {
        private static final long serialVersionUID = 1L;
        private final int offset;

        ParseException(final String message, final int offset)
        {
            super(message);
            this.offset = offset;
        }

        /** Character offset (from 0) in the text where the error was found. */
        public int offset()
        {
            return offset;
        }
    }

    // ---------------------------------------------------------------------------------------------------- writer

    /** Compact JSON text of {@code value}. */
    public static String write(final Object value)
    {
        final StringBuilder out = new StringBuilder(256);
        writeValue(out, value, -1, 0);
        return out.toString();
    }

    /** JSON text of {@code value} indented by two spaces per level, ending with a newline. */
    public static String writePretty(final Object value)
    {
        final StringBuilder out = new StringBuilder(1024);
        writeValue(out, value, 2, 0);
        return out.append('\n').toString();
    }

    /** Writes {@code value} pretty-printed to {@code file} (UTF-8), replacing it. */
    public static void writeFile(final Path file, final Object value) throws IOException
    {
        Files.writeString(file, writePretty(value), StandardCharsets.UTF_8);
    }

    private static void writeValue(final StringBuilder out, final Object value, final int indent, final int depth)
    {
        if (value == null)
        {
            out.append("null");
        }
        else if (value instanceof String)
        {
            writeString(out, (String)value);
        }
        else if (value instanceof Boolean)
        {
            out.append(((Boolean)value).booleanValue());
        }
        else if (value instanceof Double || value instanceof Float)
        {
            writeDouble(out, ((Number)value).doubleValue());
        }
        else if (value instanceof Number)
        {
            out.append(((Number)value).longValue());
        }
        else if (value instanceof Map)
        {
            writeObject(out, (Map<?, ?>)value, indent, depth);
        }
        else if (value instanceof Iterable)
        {
            writeArray(out, ((Iterable<?>)value).iterator(), indent, depth);
        }
        else if (value instanceof Object[])
        {
            writeArray(out, List.of((Object[])value).iterator(), indent, depth);
        }
        else if (value instanceof double[])
        {
            final List<Object> list = new ArrayList<>();
            for (final double d : (double[])value)
            {
                list.add(d);
            }
            writeArray(out, list.iterator(), indent, depth);
        }
        else if (value instanceof long[])
        {
            final List<Object> list = new ArrayList<>();
            for (final long l : (long[])value)
            {
                list.add(l);
            }
            writeArray(out, list.iterator(), indent, depth);
        }
        else if (value instanceof int[])
        {
            final List<Object> list = new ArrayList<>();
            for (final int i : (int[])value)
            {
                list.add(i);
            }
            writeArray(out, list.iterator(), indent, depth);
        }
        else if (value instanceof Character || value instanceof Enum)
        {
            writeString(out, value.toString());
        }
        else
        {
            throw new IllegalArgumentException(
                "cannot write " + value.getClass().getName() + " as JSON; accepted: null, String, Boolean, Number, " +
                "Map, Iterable, Object[], double[], long[], int[], Character, Enum");
        }
    }

    private static void writeDouble(final StringBuilder out, final double d)
    {
        if (Double.isNaN(d) || Double.isInfinite(d))
        {
            out.append("null");
        }
        else if (d == Math.rint(d) && Math.abs(d) < 1e15)
        {
            out.append((long)d).append(".0");
        }
        else
        {
            out.append(d);
        }
    }

    private static void writeObject(final StringBuilder out, final Map<?, ?> map, final int indent, final int depth)
    {
        if (map.isEmpty())
        {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (final Map.Entry<?, ?> e : map.entrySet())
        {
            if (!first)
            {
                out.append(',');
            }
            first = false;
            newline(out, indent, depth + 1);
            writeString(out, String.valueOf(e.getKey()));
            out.append(indent >= 0 ? ": " : ":");
            writeValue(out, e.getValue(), indent, depth + 1);
        }
        newline(out, indent, depth);
        out.append('}');
    }

    private static void writeArray(final StringBuilder out, final Iterator<?> it, final int indent, final int depth)
    {
        if (!it.hasNext())
        {
            out.append("[]");
            return;
        }
        out.append('[');
        boolean first = true;
        while (it.hasNext())
        {
            final Object v = it.next();
            if (!first)
            {
                out.append(',');
            }
            first = false;
            newline(out, indent, depth + 1);
            writeValue(out, v, indent, depth + 1);
        }
        newline(out, indent, depth);
        out.append(']');
    }

    private static void newline(final StringBuilder out, final int indent, final int depth)
    {
        if (indent >= 0)
        {
            out.append('\n');
            for (int i = 0, n = indent * depth; i < n; i++)
            {
                out.append(' ');
            }
        }
    }

    private static void writeString(final StringBuilder out, final String s)
    {
        out.append('"');
        for (int i = 0, n = s.length(); i < n; i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029)
                    {
                        out.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    // ---------------------------------------------------------------------------------------------------- reader

    /** Parses one JSON value (surrounding whitespace allowed, nothing else after it). */
    public static Object parse(final CharSequence text)
    {
        final Reader reader = new Reader(text);
        reader.skipWhitespace();
        final Object value = reader.readValue(0);
        reader.skipWhitespace();
        if (reader.pos < text.length())
        {
            throw reader.error("unexpected '" + text.charAt(reader.pos) + "' after the JSON value");
        }
        return value;
    }

    /** Reads and parses a UTF-8 file; a parse error also names the file. */
    public static Object readFile(final Path file) throws IOException
    {
        final String text = Files.readString(file, StandardCharsets.UTF_8);
        try
        {
            return parse(text);
        }
        catch (final ParseException ex)
        {
            throw new ParseException(file + ": " + ex.getMessage(), ex.offset());
        }
    }

    private static final class Reader
    {
        private static final int MAX_DEPTH = 512;
        private final CharSequence text;
        private int pos;

        Reader(final CharSequence text)
        {
            this.text = text;
        }

        ParseException error(final String what)
        {
            int line = 1;
            int column = 1;
            for (int i = 0; i < pos && i < text.length(); i++)
            {
                if (text.charAt(i) == '\n')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }
            }
            return new ParseException(
                "JSON error at line " + line + ", column " + column + " (offset " + pos + "): " + what, pos);
        }

        void skipWhitespace()
        {
            while (pos < text.length())
            {
                final char c = text.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
                {
                    pos++;
                }
                else
                {
                    break;
                }
            }
        }

        Object readValue(final int depth)
        {
            if (depth > MAX_DEPTH)
            {
                throw error("nesting deeper than " + MAX_DEPTH);
            }
            if (pos >= text.length())
            {
                throw error("unexpected end of text, expected a value");
            }
            final char c = text.charAt(pos);
            switch (c)
            {
                case '{':
                    return readObject(depth);
                case '[':
                    return readArray(depth);
                case '"':
                    return readString();
                case 't':
                    expectWord("true");
                    return Boolean.TRUE;
                case 'f':
                    expectWord("false");
                    return Boolean.FALSE;
                case 'n':
                    expectWord("null");
                    return null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return readNumber();
                    }
                    throw error("unexpected '" + c + "', expected a value (object, array, string, number, " +
                        "true, false or null)");
            }
        }

        private void expectWord(final String word)
        {
            for (int i = 0; i < word.length(); i++)
            {
                if (pos + i >= text.length() || text.charAt(pos + i) != word.charAt(i))
                {
                    throw error("expected '" + word + "'");
                }
            }
            pos += word.length();
        }

        private Map<String, Object> readObject(final int depth)
        {
            final Map<String, Object> map = new LinkedHashMap<>();
            pos++; // '{'
            skipWhitespace();
            if (pos < text.length() && text.charAt(pos) == '}')
            {
                pos++;
                return map;
            }
            while (true)
            {
                skipWhitespace();
                if (pos >= text.length() || text.charAt(pos) != '"')
                {
                    throw error("expected a string key in an object");
                }
                final int keyPos = pos;
                final String key = readString();
                skipWhitespace();
                if (pos >= text.length() || text.charAt(pos) != ':')
                {
                    throw error("expected ':' after key \"" + key + "\"");
                }
                pos++;
                skipWhitespace();
                final Object value = readValue(depth + 1);
                if (map.containsKey(key))
                {
                    pos = keyPos;
                    throw error("duplicate key \"" + key + "\"");
                }
                map.put(key, value);
                skipWhitespace();
                if (pos >= text.length())
                {
                    throw error("unexpected end of text in an object, expected ',' or '}'");
                }
                final char c = text.charAt(pos++);
                if (c == '}')
                {
                    return map;
                }
                if (c != ',')
                {
                    pos--;
                    throw error("expected ',' or '}' in an object, found '" + c + "'");
                }
            }
        }

        private List<Object> readArray(final int depth)
        {
            final List<Object> list = new ArrayList<>();
            pos++; // '['
            skipWhitespace();
            if (pos < text.length() && text.charAt(pos) == ']')
            {
                pos++;
                return list;
            }
            while (true)
            {
                skipWhitespace();
                list.add(readValue(depth + 1));
                skipWhitespace();
                if (pos >= text.length())
                {
                    throw error("unexpected end of text in an array, expected ',' or ']'");
                }
                final char c = text.charAt(pos++);
                if (c == ']')
                {
                    return list;
                }
                if (c != ',')
                {
                    pos--;
                    throw error("expected ',' or ']' in an array, found '" + c + "'");
                }
            }
        }

        private String readString()
        {
            pos++; // opening quote
            final StringBuilder sb = new StringBuilder();
            while (true)
            {
                if (pos >= text.length())
                {
                    throw error("unterminated string");
                }
                final char c = text.charAt(pos++);
                if (c == '"')
                {
                    return sb.toString();
                }
                if (c == '\\')
                {
                    if (pos >= text.length())
                    {
                        throw error("unterminated escape in a string");
                    }
                    final char e = text.charAt(pos++);
                    switch (e)
                    {
                        case '"':
                        case '\\':
                        case '/':
                            sb.append(e);
                            break;
                        case 'n':
                            sb.append('\n');
                            break;
                        case 'r':
                            sb.append('\r');
                            break;
                        case 't':
                            sb.append('\t');
                            break;
                        case 'b':
                            sb.append('\b');
                            break;
                        case 'f':
                            sb.append('\f');
                            break;
                        case 'u':
                            sb.append(readHex4());
                            break;
                        default:
                            pos--;
                            throw error("invalid escape '\\" + e + "'; accepted: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
                    }
                }
                else if (c < 0x20)
                {
                    pos--;
                    throw error("control character 0x" + Integer.toHexString(c) + " inside a string (escape it)");
                }
                else
                {
                    sb.append(c);
                }
            }
        }

        private char readHex4()
        {
            if (pos + 4 > text.length())
            {
                throw error("truncated \\u escape");
            }
            int v = 0;
            for (int i = 0; i < 4; i++)
            {
                final int d = Character.digit(text.charAt(pos), 16);
                if (d < 0)
                {
                    throw error("invalid hex digit '" + text.charAt(pos) + "' in \\u escape");
                }
                v = (v << 4) | d;
                pos++;
            }
            return (char)v;
        }

        private Number readNumber()
        {
            final int start = pos;
            boolean integer = true;
            if (text.charAt(pos) == '-')
            {
                pos++;
            }
            if (pos >= text.length() || !isDigit(text.charAt(pos)))
            {
                throw error("expected a digit in a number");
            }
            if (text.charAt(pos) == '0')
            {
                pos++;
                if (pos < text.length() && isDigit(text.charAt(pos)))
                {
                    throw error("leading zero in a number");
                }
            }
            else
            {
                digits();
            }
            if (pos < text.length() && text.charAt(pos) == '.')
            {
                integer = false;
                pos++;
                if (pos >= text.length() || !isDigit(text.charAt(pos)))
                {
                    throw error("expected a digit after '.' in a number");
                }
                digits();
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E'))
            {
                integer = false;
                pos++;
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-'))
                {
                    pos++;
                }
                if (pos >= text.length() || !isDigit(text.charAt(pos)))
                {
                    throw error("expected a digit in a number's exponent");
                }
                digits();
            }
            final String s = text.subSequence(start, pos).toString();
            if (integer)
            {
                try
                {
                    return Long.parseLong(s);
                }
                catch (final NumberFormatException ignore)
                {
                    // too large for a long: fall through to double
                }
            }
            return Double.parseDouble(s);
        }

        private void digits()
        {
            while (pos < text.length() && isDigit(text.charAt(pos)))
            {
                pos++;
            }
        }

        private static boolean isDigit(final char c)
        {
            return c >= '0' && c <= '9';
        }
    }

    // ---------------------------------------------------------------------------------------------------- access

    /** The value as an object (map), or an error naming {@code what}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asObject(final Object value, final String what)
    {
        if (value instanceof Map)
        {
            return (Map<String, Object>)value;
        }
        throw new IllegalArgumentException(what + ": expected a JSON object, found " + describe(value));
    }

    /** The value as an array (list), or an error naming {@code what}. */
    @SuppressWarnings("unchecked")
    public static List<Object> asArray(final Object value, final String what)
    {
        if (value instanceof List)
        {
            return (List<Object>)value;
        }
        throw new IllegalArgumentException(what + ": expected a JSON array, found " + describe(value));
    }

    /** A short description of a parsed value for error messages. */
    public static String describe(final Object value)
    {
        if (value == null)
        {
            return "null";
        }
        if (value instanceof Map)
        {
            return "an object";
        }
        if (value instanceof List)
        {
            return "an array";
        }
        if (value instanceof String)
        {
            return "the string \"" + value + "\"";
        }
        return value.getClass().getSimpleName().toLowerCase() + " " + value;
    }
}
