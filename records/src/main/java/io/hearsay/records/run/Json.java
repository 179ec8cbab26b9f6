package io.hearsay.records.run;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as plain Java values, read and written by Jackson.
 * <p>
 * Values map to Java as: object = {@code Map<String, Object>} (insertion ordered), array = {@code List<Object>},
 * string = {@link String}, number = {@link Long} when it is an integer that fits, else {@link Double},
 * {@code true}/{@code false} = {@link Boolean}, {@code null} = {@code null}.
 * The writer also takes any {@link Number}, {@link Iterable}, array of objects, {@code double[]}, {@code long[]},
 * {@code int[]}, {@link Enum}, {@link Character} and Jackson's own {@link JsonNode}; a NaN or infinite double is
 * written as {@code null} (JSON has no such number). The reader is strict (no duplicate keys, comments, trailing
 * commas or text after the value); its errors name the line, column and offset where the text went wrong.
 */
public final class Json
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper MAPPER = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("").withArrayEmptySeparator(""))
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n")));

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
        try
        {
            return MAPPER.writeValueAsString(toTree(value));
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot write JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    /** JSON text of {@code value} indented by two spaces per level, ending with a newline. */
    public static String writePretty(final Object value)
    {
        try
        {
            return PRETTY.writeValueAsString(toTree(value)) + "\n";
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot write JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    /** Writes {@code value} pretty-printed to {@code file} (UTF-8), replacing it. */
    public static void writeFile(final Path file, final Object value) throws IOException
    {
        Files.writeString(file, writePretty(value), StandardCharsets.UTF_8);
    }

    /** {@code value} as a Jackson tree (what {@link #write} writes). */
    public static JsonNode toTree(final Object value)
    {
        if (value == null)
        {
            return NODES.nullNode();
        }
        if (value instanceof JsonNode node)
        {
            return node;
        }
        if (value instanceof String s)
        {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b)
        {
            return NODES.booleanNode(b);
        }
        if (value instanceof Double || value instanceof Float)
        {
            final double d = ((Number)value).doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) ? NODES.nullNode() : NODES.numberNode(d);
        }
        if (value instanceof BigDecimal d)
        {
            return NODES.numberNode(d);
        }
        if (value instanceof BigInteger i)
        {
            return NODES.numberNode(i);
        }
        if (value instanceof Number n)
        {
            return NODES.numberNode(n.longValue());
        }
        if (value instanceof Map<?, ?> map)
        {
            final ObjectNode object = NODES.objectNode();
            for (final Map.Entry<?, ?> e : map.entrySet())
            {
                object.set(String.valueOf(e.getKey()), toTree(e.getValue()));
            }
            return object;
        }
        if (value instanceof Iterable<?> iterable)
        {
            final ArrayNode array = NODES.arrayNode();
            for (final Object v : iterable)
            {
                array.add(toTree(v));
            }
            return array;
        }
        if (value instanceof Object[] objects)
        {
            return toTree(List.of(objects));
        }
        if (value instanceof double[] doubles)
        {
            final ArrayNode array = NODES.arrayNode(doubles.length);
            for (final double d : doubles)
            {
                array.add(toTree(d));
            }
            return array;
        }
        if (value instanceof long[] longs)
        {
            final ArrayNode array = NODES.arrayNode(longs.length);
            for (final long l : longs)
            {
                array.add(l);
            }
            return array;
        }
        if (value instanceof int[] ints)
        {
            final ArrayNode array = NODES.arrayNode(ints.length);
            for (final int i : ints)
            {
                array.add(i);
            }
            return array;
        }
        if (value instanceof Character || value instanceof Enum)
        {
            return NODES.textNode(value.toString());
        }
        throw new IllegalArgumentException(
            "cannot write " + value.getClass().getName() + " as JSON; accepted: null, String, Boolean, Number, " +
            "Map, Iterable, Object[], double[], long[], int[], Character, Enum, JsonNode");
    }

    // ---------------------------------------------------------------------------------------------------- reader

    /** Parses one JSON value (surrounding whitespace allowed, nothing else after it). */
    public static Object parse(final CharSequence text)
    {
        final String s = text.toString();
        final JsonNode tree;
        try
        {
            tree = MAPPER.readTree(s);
        }
        catch (final JsonProcessingException ex)
        {
            throw error(s, ex);
        }
        if (tree == null || tree.isMissingNode())
        {
            throw new ParseException(position(s, s.length()) + "unexpected end of text, expected a value", s.length());
        }
        return fromTree(tree);
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

    /** A Jackson tree as plain values (see the class comment). */
    public static Object fromTree(final JsonNode node)
    {
        if (node.isObject())
        {
            final Map<String, Object> map = new LinkedHashMap<>();
            for (final Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); )
            {
                final Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), fromTree(e.getValue()));
            }
            return map;
        }
        if (node.isArray())
        {
            final List<Object> list = new ArrayList<>(node.size());
            for (final JsonNode element : node)
            {
                list.add(fromTree(element));
            }
            return list;
        }
        if (node.isTextual())
        {
            return node.textValue();
        }
        if (node.isBoolean())
        {
            return node.booleanValue();
        }
        if (node.isIntegralNumber())
        {
            return node.canConvertToLong() ? (Object)node.longValue() : (Object)Double.parseDouble(node.asText());
        }
        if (node.isNumber())
        {
            return node.doubleValue();
        }
        return null;
    }

    private static ParseException error(final String text, final JsonProcessingException ex)
    {
        final JsonLocation at = ex.getLocation();
        final long charOffset = at == null ? -1 : at.getCharOffset();
        final int offset = (int)Math.max(0, Math.min(text.length(), charOffset < 0 ? text.length() : charOffset));
        String what = ex.getOriginalMessage();
        final int newline = what.indexOf('\n');
        what = (newline < 0 ? what : what.substring(0, newline)).replaceAll(" \\(start marker at \\[Source: .*$", "");
        return new ParseException(position(text, offset) + what, offset);
    }

    /** "JSON error at line L, column C (offset O): " for {@code offset} in {@code text}. */
    private static String position(final String text, final int offset)
    {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < text.length(); i++)
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
        return "JSON error at line " + line + ", column " + column + " (offset " + offset + "): ";
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
