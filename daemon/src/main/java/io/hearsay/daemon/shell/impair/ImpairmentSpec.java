package io.hearsay.daemon.shell.impair;

import java.util.Locale;

/**
 * An immutable description of a link's impairment, parsed from and printed as text so the CLI, the control port and
 * the run's recorded configuration share one syntax: comma-separated {@code key=value} items, any subset, e.g.
 * <pre>
 *   loss=0.1                      Bernoulli loss, probability 0.1
 *   ge=0.01:0.3:1.0:0.0           Gilbert-Elliott: P(good to bad):P(bad to good):loss in bad[:loss in good]
 *   delay=20                      constant 20 ms
 *   delay=normal:20:5             distribution:mean ms:jitter ms (constant, uniform, normal, exponential)
 *   dup=0.01                      duplicate a packet with probability 0.01
 *   reorder=0.05:30               hold back a packet by 30 more ms with probability 0.05 (later ones overtake it)
 *   none                          no impairment
 * </pre>
 * Every bad value gives a message naming it and what is accepted.
 */
public final class ImpairmentSpec
{
    public static final ImpairmentSpec NONE = new ImpairmentSpec(0, 0, 0, 0, 0, DelayDistribution.CONSTANT, 0, 0, 0, 0, 0);

    public final double lossProbability;
    public final double geGoodToBad;
    public final double geBadToGood;
    public final double geLossInBad;
    public final double geLossInGood;
    public final DelayDistribution delayDistribution;
    public final long delayMeanNs;
    public final long delayJitterNs;
    public final double duplicateProbability;
    public final double reorderProbability;
    public final long reorderDelayNs;

    public ImpairmentSpec(
        final double lossProbability,
        final double geGoodToBad,
        final double geBadToGood,
        final double geLossInBad,
        final double geLossInGood,
        final DelayDistribution delayDistribution,
        final long delayMeanNs,
        final long delayJitterNs,
        final double duplicateProbability,
        final double reorderProbability,
        final long reorderDelayNs)
    {
        this.lossProbability = probability("loss", lossProbability);
        this.geGoodToBad = probability("ge P(good to bad)", geGoodToBad);
        this.geBadToGood = probability("ge P(bad to good)", geBadToGood);
        this.geLossInBad = probability("ge loss in bad", geLossInBad);
        this.geLossInGood = probability("ge loss in good", geLossInGood);
        this.delayDistribution = delayDistribution;
        this.delayMeanNs = nonNegative("delay mean", delayMeanNs);
        this.delayJitterNs = nonNegative("delay jitter", delayJitterNs);
        this.duplicateProbability = probability("dup", duplicateProbability);
        this.reorderProbability = probability("reorder", reorderProbability);
        this.reorderDelayNs = nonNegative("reorder delay", reorderDelayNs);
    }

    public boolean isGilbertElliott()
    {
        return geGoodToBad > 0;
    }

    public boolean hasDelay()
    {
        return delayMeanNs > 0 || delayJitterNs > 0 || reorderProbability > 0;
    }

    public boolean isNone()
    {
        return lossProbability == 0 && !isGilbertElliott() && !hasDelay() && duplicateProbability == 0;
    }

    public ImpairmentSpec withLoss(final double probability)
    {
        return new ImpairmentSpec(probability, geGoodToBad, geBadToGood, geLossInBad, geLossInGood,
            delayDistribution, delayMeanNs, delayJitterNs, duplicateProbability, reorderProbability, reorderDelayNs);
    }

    /** Parses the text form (see the class comment); {@code ""} and {@code "none"} give {@link #NONE}. */
    public static ImpairmentSpec parse(final String text)
    {
        double loss = 0;
        double p = 0;
        double r = 0;
        double lossBad = 1;
        double lossGood = 0;
        DelayDistribution dist = DelayDistribution.CONSTANT;
        long meanNs = 0;
        long jitterNs = 0;
        double dup = 0;
        double reorder = 0;
        long reorderNs = 0;
        final String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty() || trimmed.equals("none"))
        {
            return NONE;
        }
        for (final String item : trimmed.split(","))
        {
            final int eq = item.indexOf('=');
            if (eq < 0)
            {
                throw new IllegalArgumentException("impairment item '" + item + "' is not key=value; accepted keys: " +
                    "loss, ge, delay, dup, reorder (e.g. loss=0.1,delay=normal:20:5)");
            }
            final String key = item.substring(0, eq).trim();
            final String[] parts = item.substring(eq + 1).trim().split(":");
            switch (key)
            {
                case "loss":
                    loss = number(item, parts[0]);
                    break;
                case "ge":
                    if (parts.length < 2 || parts.length > 4)
                    {
                        throw new IllegalArgumentException("impairment item '" + item +
                            "' needs ge=P(good to bad):P(bad to good)[:loss in bad[:loss in good]]");
                    }
                    p = number(item, parts[0]);
                    r = number(item, parts[1]);
                    lossBad = parts.length > 2 ? number(item, parts[2]) : 1.0;
                    lossGood = parts.length > 3 ? number(item, parts[3]) : 0.0;
                    break;
                case "delay":
                    if (parts.length == 1)
                    {
                        meanNs = millisToNs(item, parts[0]);
                    }
                    else if (parts.length == 2 || parts.length == 3)
                    {
                        dist = DelayDistribution.fromCliName(parts[0]);
                        meanNs = millisToNs(item, parts[1]);
                        jitterNs = parts.length == 3 ? millisToNs(item, parts[2]) : 0;
                    }
                    else
                    {
                        throw new IllegalArgumentException("impairment item '" + item +
                            "' needs delay=MS or delay=DIST:MEAN_MS[:JITTER_MS]");
                    }
                    break;
                case "dup":
                    dup = number(item, parts[0]);
                    break;
                case "reorder":
                    if (parts.length != 2)
                    {
                        throw new IllegalArgumentException("impairment item '" + item +
                            "' needs reorder=PROBABILITY:EXTRA_DELAY_MS");
                    }
                    reorder = number(item, parts[0]);
                    reorderNs = millisToNs(item, parts[1]);
                    break;
                default:
                    throw new IllegalArgumentException("unknown impairment key '" + key +
                        "' in '" + item + "'; accepted: loss, ge, delay, dup, reorder, none");
            }
        }
        return new ImpairmentSpec(loss, p, r, lossBad, lossGood, dist, meanNs, jitterNs, dup, reorder, reorderNs);
    }

    private static double number(final String item, final String text)
    {
        try
        {
            return Double.parseDouble(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("impairment item '" + item + "': '" + text + "' is not a number");
        }
    }

    private static long millisToNs(final String item, final String text)
    {
        return Math.round(number(item, text) * 1_000_000.0);
    }

    private static double probability(final String name, final double value)
    {
        if (!(value >= 0.0 && value <= 1.0))
        {
            throw new IllegalArgumentException("impairment " + name + " = " + value + " is not a probability; accepted: 0..1");
        }
        return value;
    }

    private static long nonNegative(final String name, final long value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException("impairment " + name + " = " + value + " ns is negative; accepted: >= 0");
        }
        return value;
    }

    /** The text form, parseable by {@link #parse}. */
    @Override
    public String toString()
    {
        if (isNone())
        {
            return "none";
        }
        final StringBuilder sb = new StringBuilder();
        if (lossProbability > 0)
        {
            sb.append("loss=").append(lossProbability);
        }
        if (isGilbertElliott())
        {
            sep(sb).append("ge=").append(geGoodToBad).append(':').append(geBadToGood).append(':')
                .append(geLossInBad).append(':').append(geLossInGood);
        }
        if (delayMeanNs > 0 || delayJitterNs > 0)
        {
            sep(sb).append("delay=").append(delayDistribution.cliName()).append(':').append(ms(delayMeanNs))
                .append(':').append(ms(delayJitterNs));
        }
        if (duplicateProbability > 0)
        {
            sep(sb).append("dup=").append(duplicateProbability);
        }
        if (reorderProbability > 0)
        {
            sep(sb).append("reorder=").append(reorderProbability).append(':').append(ms(reorderDelayNs));
        }
        return sb.toString();
    }

    private static String ms(final long ns)
    {
        return String.format(Locale.ROOT, "%s", ns / 1_000_000.0);
    }

    private static StringBuilder sep(final StringBuilder sb)
    {
        return sb.length() == 0 ? sb : sb.append(',');
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof ImpairmentSpec && o.toString().equals(toString());
    }

    @Override
    public int hashCode()
    {
        return toString().hashCode();
    }
}
