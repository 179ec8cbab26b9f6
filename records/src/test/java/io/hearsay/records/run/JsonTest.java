package io.hearsay.records.run;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest
{
    @Test
    void shouldRoundTripEveryKindOfValue()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "quote \" backslash \\ newline \n tab \t ctrl \u0001 unicode \u00e9\u4e2d");
        m.put("i", 42L);
        m.put("neg", -7L);
        m.put("big", Long.MAX_VALUE);
        m.put("d", 3.25);
        m.put("whole", 2.0);
        m.put("tiny", 1.5e-300);
        m.put("t", true);
        m.put("f", false);
        m.put("n", null);
        m.put("list", Arrays.asList(1L, "two", null, List.of(), Map.of()));
        m.put("nested", Map.of("a", List.of(Map.of("b", 1L))));

        for (final String text : List.of(Json.write(m), Json.writePretty(m)))
        {
            assertThat(Json.parse(text)).isEqualTo(m);
        }
    }

    @Test
    void shouldWriteNaNAndInfinityAsNull()
    {
        assertThat(Json.write(List.of(Double.NaN, Double.POSITIVE_INFINITY, 1.5))).isEqualTo("[null,null,1.5]");
    }

    @Test
    void shouldWritePrimitiveArraysAndEnums()
    {
        assertThat(Json.write(new double[] {1.5, 2})).isEqualTo("[1.5,2.0]");
        assertThat(Json.write(new long[] {1, 2})).isEqualTo("[1,2]");
        assertThat(Json.write(new int[] {3})).isEqualTo("[3]");
        assertThat(Json.write(Thread.State.NEW)).isEqualTo("\"NEW\"");
    }

    @Test
    void shouldParseNumbersAsLongOrDouble()
    {
        assertThat(Json.parse("12")).isEqualTo(12L);
        assertThat(Json.parse("-0")).isEqualTo(0L);
        assertThat(Json.parse("1.0")).isEqualTo(1.0);
        assertThat(Json.parse("1e3")).isEqualTo(1000.0);
        assertThat(Json.parse("-2.5E-1")).isEqualTo(-0.25);
        assertThat(Json.parse("123456789012345678901234")).isEqualTo(1.2345678901234568e23);
    }

    @Test
    void shouldDecodeEscapes()
    {
        assertThat(Json.parse("\"a\\u00e9\\/\\b\\f\\r\"")).isEqualTo("a\u00e9/\b\f\r");
    }

    @Test
    void shouldNameThePositionOfAnError()
    {
        assertThatThrownBy(() -> Json.parse("{\n  \"a\": 1,\n  \"b\" 2\n}"))
            .isInstanceOf(Json.ParseException.class)
            .hasMessageContaining("line 3, column 7")
            .hasMessageContaining("was expecting a colon");
        assertThatThrownBy(() -> Json.parse("[1, 2"))
            .hasMessageContaining("offset 5").hasMessageContaining("Unexpected end-of-input")
            .hasMessageNotContaining("Source");
        assertThatThrownBy(() -> Json.parse("[1, 2] x")).hasMessageContaining("column 9").hasMessageContaining("'x'");
        assertThatThrownBy(() -> Json.parse("\"abc")).hasMessageContaining("expecting closing quote");
        assertThatThrownBy(() -> Json.parse("tru")).hasMessageContaining("Unrecognized token 'tru'");
        assertThatThrownBy(() -> Json.parse("01")).hasMessageContaining("Leading zeroes not allowed");
        assertThatThrownBy(() -> Json.parse("\"\\x\"")).hasMessageContaining("Unrecognized character escape 'x'");
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> Json.parse("")).hasMessageContaining("unexpected end of text");
        assertThatThrownBy(() -> Json.parse("[1,]")).hasMessageContaining("Unexpected character (']'");
        assertThatThrownBy(() -> Json.parse("[1] // c")).hasMessageContaining("comment");
        assertThatThrownBy(() -> Json.parse("NaN")).hasMessageContaining("'NaN'");
    }

    @Test
    void shouldWriteReadablePrettyText()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1L, 2.5));
        m.put("e", Map.of());
        assertThat(Json.writePretty(m)).isEqualTo("{\n  \"a\": [\n    1,\n    2.5\n  ],\n  \"e\": {}\n}\n");
    }

    @Test
    void shouldRejectValuesItCannotWrite()
    {
        assertThatThrownBy(() -> Json.write(new Object())).hasMessageContaining("cannot write java.lang.Object");
    }

    @Test
    void shouldNotCrashOnArbitraryText()
    {
        final java.util.Random random = new java.util.Random(7);
        final String alphabet = "{}[]\",:.-+eE0123456789tfnrul \\a";
        for (int i = 0; i < 20_000; i++)
        {
            final StringBuilder sb = new StringBuilder();
            for (int j = random.nextInt(20); j > 0; j--)
            {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try
            {
                Json.parse(sb);
            }
            catch (final Json.ParseException expected)
            {
                assertThat(expected.offset()).isBetween(0, sb.length());
            }
        }
    }
}
