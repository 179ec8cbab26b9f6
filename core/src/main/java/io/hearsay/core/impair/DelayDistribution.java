package io.hearsay.core.impair;

import java.util.random.RandomGenerator;

/**
 * One-way delay of a datagram, drawn per datagram, plus optional uniform jitter. Text form (a fault's {@code dist=}
 * value, the simulator's {@code --latency}):
 * <pre>
 *   20ms  or constant:20ms      always 20 ms
 *   uniform:1ms,10ms            min, max
 *   normal:20ms,5ms             mean, standard deviation (truncated at 0)
 *   exponential:20ms            mean
 *   lognormal:10ms,0.5          median, sigma of the logarithm
 *   pareto:5ms,2.5              scale (minimum), shape alpha &gt; 0
 * </pre>
 * Jitter ({@code jitter=1ms} in a fault line, {@code ;jitter=1ms} after a {@code --latency}) adds a uniform
 * [0, jitter) to any of them. Impossible parameters (max &lt; min, shape &le; 0, ...) are refused naming the value.
 * Immutable; {@link #sampleNs} draws allocation-free.
 */
public final class DelayDistribution
{
    public static final String ACCEPTED = "D, constant:D, uniform:MIN,MAX, normal:MEAN,SD, exponential:MEAN, " +
        "lognormal:MEDIAN,SIGMA, pareto:SCALE,SHAPE (D a duration such as 5ms)";
    public static final DelayDistribution NONE = new DelayDistribution(Kind.CONSTANT, 0, 0, 0, "0ms");

    /** the distribution's family */
    public enum Kind
    {
        CONSTANT, UNIFORM, NORMAL, EXPONENTIAL, LOGNORMAL, PARETO
    }

    private static final double MAX_NS = 3.6e12;

    private final Kind kind;
    private final double p1;
    private final double p2;
    private final long jitterNs;
    private final String text;

    private DelayDistribution(final Kind kind, final double p1, final double p2, final long jitterNs, final String body)
    {
        this.kind = kind;
        this.p1 = p1;
        this.p2 = p2;
        this.jitterNs = jitterNs;
        this.text = body;
    }

    public static DelayDistribution constant(final long delayNs)
    {
        return new DelayDistribution(Kind.CONSTANT, delayNs, 0, 0, Durations.format(delayNs));
    }

    /** a {@code --latency} value: a distribution, optionally followed by {@code ;jitter=D} */
    public static DelayDistribution parseWithJitter(final String spec)
    {
        final int semicolon = spec.indexOf(';');
        if (semicolon < 0)
        {
            return parse(spec, 0);
        }
        final String option = spec.substring(semicolon + 1).trim();
        if (!option.startsWith("jitter="))
        {
            throw new IllegalArgumentException("bad delay '" + spec + "': unknown option '" + option +
                "'; accepted: DIST or DIST;jitter=D, DIST one of " + ACCEPTED);
        }
        return parse(spec.substring(0, semicolon), Durations.parseNs(option.substring("jitter=".length())));
    }

    /** @throws IllegalArgumentException naming the value and what is accepted */
    public static DelayDistribution parse(final String spec, final long jitterNs)
    {
        final String body = spec.trim();
        final int colon = body.indexOf(':');
        if (colon < 0)
        {
            try
            {
                return new DelayDistribution(Kind.CONSTANT, Durations.parseNs(body), 0, jitterNs, body);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("bad delay '" + spec + "'; accepted: " + ACCEPTED);
            }
        }
        final String name = body.substring(0, colon).trim();
        final String[] args = body.substring(colon + 1).split(",", -1);
        try
        {
            switch (name)
            {
                case "constant":
                    arity(args, 1);
                    return new DelayDistribution(Kind.CONSTANT, Durations.parseNs(args[0]), 0, jitterNs, body);
                case "uniform":
                {
                    arity(args, 2);
                    final long min = Durations.parseNs(args[0]);
                    final long max = Durations.parseNs(args[1]);
                    if (max < min)
                    {
                        throw new IllegalArgumentException("max " + args[1].trim() + " < min " + args[0].trim());
                    }
                    return new DelayDistribution(Kind.UNIFORM, min, max, jitterNs, body);
                }
                case "normal":
                    arity(args, 2);
                    return new DelayDistribution(Kind.NORMAL, Durations.parseNs(args[0]), Durations.parseNs(args[1]), jitterNs, body);
                case "exponential":
                    arity(args, 1);
                    return new DelayDistribution(Kind.EXPONENTIAL, Durations.parseNs(args[0]), 0, jitterNs, body);
                case "lognormal":
                    arity(args, 2);
                    return new DelayDistribution(Kind.LOGNORMAL, Math.log(positiveNs("median", args[0])),
                        number("sigma", args[1], true), jitterNs, body);
                case "pareto":
                    arity(args, 2);
                    return new DelayDistribution(Kind.PARETO, positiveNs("scale", args[0]), number("shape", args[1], false),
                        jitterNs, body);
                default:
                    throw new IllegalArgumentException("unknown distribution '" + name + "'");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("bad delay '" + spec + "': " + ex.getMessage() + "; accepted: " + ACCEPTED);
        }
    }

    private static void arity(final String[] args, final int expected)
    {
        if (args.length != expected)
        {
            throw new IllegalArgumentException("expected " + expected + " parameter(s), got " + args.length);
        }
    }

    private static long positiveNs(final String what, final String text)
    {
        final long ns = Durations.parseNs(text);
        if (ns <= 0)
        {
            throw new IllegalArgumentException(what + " must be > 0, got " + text.trim());
        }
        return ns;
    }

    private static double number(final String what, final String text, final boolean zeroAllowed)
    {
        final double v;
        try
        {
            v = Double.parseDouble(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(what + " '" + text.trim() + "' is not a number");
        }
        if (!(zeroAllowed ? v >= 0 : v > 0) || Double.isInfinite(v))
        {
            throw new IllegalArgumentException(what + " must be " + (zeroAllowed ? ">= 0" : "> 0") + ", got " + text.trim());
        }
        return v;
    }

    public Kind kind()
    {
        return kind;
    }

    public long jitterNs()
    {
        return jitterNs;
    }

    /** constant: the delay; uniform: min; normal and exponential: the mean; lognormal: the median; pareto: the scale */
    public long firstNs()
    {
        return kind == Kind.LOGNORMAL ? Math.round(Math.exp(p1)) : (long)p1;
    }

    /** uniform: max; normal: the standard deviation in ns; lognormal: sigma; pareto: shape; else 0 */
    public double second()
    {
        return p2;
    }

    /** whether every draw is 0 */
    public boolean isZero()
    {
        return kind == Kind.CONSTANT && p1 == 0 && jitterNs == 0;
    }

    /** a delay in ns, &ge; 0, capped at an hour */
    public long sampleNs(final RandomGenerator random)
    {
        final double ns;
        switch (kind)
        {
            case CONSTANT:
                ns = p1;
                break;
            case UNIFORM:
                ns = p1 + (p2 - p1) * random.nextDouble();
                break;
            case NORMAL:
                ns = Math.max(0, p1 + p2 * random.nextGaussian());
                break;
            case EXPONENTIAL:
                ns = -Math.log(1 - random.nextDouble()) * p1;
                break;
            case LOGNORMAL:
                ns = Math.exp(p1 + p2 * random.nextGaussian());
                break;
            default:
                ns = p1 / Math.pow(1 - random.nextDouble(), 1 / p2);
                break;
        }
        final long jitter = jitterNs == 0 ? 0 : (long)(jitterNs * random.nextDouble());
        return (long)Math.min(ns, MAX_NS) + jitter;
    }

    /** the longest delay that is not a tail event (for sizing event rings); ten scales for pareto */
    public long typicalMaxNs()
    {
        switch (kind)
        {
            case CONSTANT:
                return (long)p1 + jitterNs;
            case UNIFORM:
                return (long)p2 + jitterNs;
            case NORMAL:
                return (long)(p1 + 4 * p2) + jitterNs;
            case EXPONENTIAL:
                return (long)(p1 * 7) + jitterNs;
            case LOGNORMAL:
                return (long)Math.exp(p1 + 3 * p2) + jitterNs;
            default:
                return (long)(p1 * 10) + jitterNs;
        }
    }

    /** the distribution's text (without jitter; {@link #parse} reads it back) */
    public String distText()
    {
        return text;
    }

    /** the {@code --latency} form: the distribution, then {@code ;jitter=D} when there is jitter */
    @Override
    public String toString()
    {
        return jitterNs == 0 ? text : text + ";jitter=" + Durations.format(jitterNs);
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof DelayDistribution d && d.toString().equals(toString());
    }

    @Override
    public int hashCode()
    {
        return toString().hashCode();
    }
}
