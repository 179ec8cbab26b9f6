package io.hearsay.master.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4 (# HELP / # TYPE lines, samples
 * {@code name{label="value",...} value}): every line must parse, every sample must belong to a declared family.
 */
final class PrometheusText
{
    record Sample(String name, Map<String, String> labels, double value)
    {
    }

    private static final Pattern META = Pattern.compile("# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)");
    private static final Pattern SAMPLE = Pattern.compile(
        "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? ([-+]?(?:[0-9.eE+-]+|Inf|NaN))(?: -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private final Map<String, String> types = new HashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    static PrometheusText parse(final String text)
    {
        final PrometheusText parsed = new PrometheusText();
        int lineNo = 0;
        for (final String line : text.split("\n"))
        {
            lineNo++;
            if (line.isEmpty())
            {
                continue;
            }
            final Matcher meta = META.matcher(line);
            if (meta.matches())
            {
                if (meta.group(1).equals("TYPE"))
                {
                    assertThat(meta.group(3)).as("line %d type", lineNo).isIn("counter", "gauge", "histogram", "summary", "untyped");
                    parsed.types.put(meta.group(2), meta.group(3));
                }
                continue;
            }
            final Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("line %d is a sample: %s", lineNo, line).isTrue();
            final Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null && !sample.group(2).isEmpty())
            {
                final Matcher label = LABEL.matcher(sample.group(2));
                int end = 0;
                while (label.find() && label.start() == end)
                {
                    labels.put(label.group(1), label.group(2));
                    end = label.end();
                }
                assertThat(end).as("line %d labels parse: %s", lineNo, line).isEqualTo(sample.group(2).length());
            }
            final String value = sample.group(3);
            parsed.samples.add(new Sample(sample.group(1), labels, value.endsWith("Inf") ?
                (value.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : Double.parseDouble(value)));
            assertThat(parsed.familyOf(sample.group(1))).as("line %d: sample of a declared family", lineNo).isNotNull();
        }
        return parsed;
    }

    private String familyOf(final String sampleName)
    {
        for (final String suffix : new String[]{ "", "_total", "_bucket", "_count", "_sum", "_created" })
        {
            if (sampleName.endsWith(suffix) && types.containsKey(sampleName.substring(0, sampleName.length() - suffix.length())))
            {
                return sampleName.substring(0, sampleName.length() - suffix.length());
            }
        }
        return null;
    }

    String type(final String family)
    {
        return types.get(family);
    }

    List<Sample> samples(final String name)
    {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The value of the one sample with this name whose labels include {@code labels}. */
    double value(final String name, final Map<String, String> labels)
    {
        final List<Sample> matching = samples.stream()
            .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())).toList();
        assertThat(matching).as(name + labels).hasSize(1);
        return matching.get(0).value();
    }
}
