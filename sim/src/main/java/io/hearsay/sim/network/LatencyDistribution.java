package io.hearsay.sim.network;

import io.hearsay.sim.engine.SimRandom;

/**
 * One-way latency of a simulated datagram, drawn per message, plus optional uniform jitter.
 * Spec (the {@code --latency} option and the scenario's {@code latency} line):
 * <pre>
 *   constant:5ms
 *   uniform:1ms,10ms           min, max
 *   normal:10ms,2ms            mean, standard deviation (truncated at 0)
 *   lognormal:10ms,0.5         median, sigma of the logarithm
 *   pareto:5ms,2.5             scale (minimum), shape alpha &gt; 0
 *   ...;jitter=1ms             adds a uniform [0, 1ms) to any of them
 * </pre>
 * Impossible parameters (max &lt; min, sd &lt; 0, shape &le; 0, ...) are refused naming the value.
 */
public final class LatencyDistribution
{
    private enum Kind
    {
        CONSTANT, UNIFORM, NORMAL, LOGNORMAL, PARETO
    }

    private final String spec;
    private final Kind kind;
    private final double p1;
    private final double p2;
    private final long jitterNs;

    private LatencyDistribution(final String spec, final Kind kind, final double p1, final double p2, final long jitterNs)
    {
        this.spec = spec;
        this.kind = kind;
        this.p1 = p1;
        this.p2 = p2;
        this.jitterNs = jitterNs;
    }

    public static LatencyDistribution constant(final long latencyNs)
    {
        return new LatencyDistribution("constant:" + latencyNs + "ns", Kind.CONSTANT, latencyNs, 0, 0);
    }

    public static LatencyDistribution parse(final String spec)
    {
        final String accepted = "accepted: constant:D, uniform:MIN,MAX, normal:MEAN,SD, lognormal:MEDIAN,SIGMA, " +
            "pareto:SCALE,SHAPE, each optionally followed by ;jitter=D (D a duration such as 5ms)";
        String body = spec.trim();
        long jitterNs = 0;
        final int semicolon = body.indexOf(';');
        if (semicolon >= 0)
        {
            final String option = body.substring(semicolon + 1).trim();
            if (!option.startsWith("jitter="))
            {
                throw new IllegalArgumentException("bad latency '" + spec + "': unknown option '" + option + "'; " + accepted);
            }
            jitterNs = Durations.parseNs(option.substring("jitter=".length()));
            body = body.substring(0, semicolon).trim();
        }
        final int colon = body.indexOf(':');
        if (colon < 0)
        {
            throw new IllegalArgumentException("bad latency '" + spec + "'; " + accepted);
        }
        final String name = body.substring(0, colon).trim();
        final String[] args = body.substring(colon + 1).split(",");
        try
        {
            switch (name)
            {
                case "constant":
                    arity(spec, args, 1);
                    return new LatencyDistribution(spec, Kind.CONSTANT, Durations.parseNs(args[0]), 0, jitterNs);
                case "uniform":
                {
                    arity(spec, args, 2);
                    final long min = Durations.parseNs(args[0]);
                    final long max = Durations.parseNs(args[1]);
                    if (max < min)
                    {
                        throw new IllegalArgumentException("bad latency '" + spec + "': max " + args[1].trim() + " < min " + args[0].trim());
                    }
                    return new LatencyDistribution(spec, Kind.UNIFORM, min, max, jitterNs);
                }
                case "normal":
                    arity(spec, args, 2);
                    return new LatencyDistribution(spec, Kind.NORMAL, Durations.parseNs(args[0]), Durations.parseNs(args[1]), jitterNs);
                case "lognormal":
                {
                    arity(spec, args, 2);
                    final long median = Durations.parseNs(args[0]);
                    final double sigma = positiveNumber(spec, "sigma", args[1], true);
                    if (median <= 0)
                    {
                        throw new IllegalArgumentException("bad latency '" + spec + "': median must be > 0, got " + args[0].trim());
                    }
                    return new LatencyDistribution(spec, Kind.LOGNORMAL, Math.log(median), sigma, jitterNs);
                }
                case "pareto":
                {
                    arity(spec, args, 2);
                    final long scale = Durations.parseNs(args[0]);
                    final double shape = positiveNumber(spec, "shape", args[1], false);
                    if (scale <= 0)
                    {
                        throw new IllegalArgumentException("bad latency '" + spec + "': scale must be > 0, got " + args[0].trim());
                    }
                    return new LatencyDistribution(spec, Kind.PARETO, scale, shape, jitterNs);
                }
                default:
                    throw new IllegalArgumentException("bad latency '" + spec + "': unknown distribution '" + name + "'; " + accepted);
            }
        }
        catch (final IllegalArgumentException ex)
        {
            if (ex.getMessage().startsWith("bad latency"))
            {
                throw ex;
            }
            throw new IllegalArgumentException("bad latency '" + spec + "': " + ex.getMessage());
        }
    }

    private static void arity(final String spec, final String[] args, final int expected)
    {
        if (args.length != expected)
        {
            throw new IllegalArgumentException(
                "bad latency '" + spec + "': expected " + expected + " parameter(s), got " + args.length);
        }
    }

    private static double positiveNumber(final String spec, final String what, final String text, final boolean zeroAllowed)
    {
        final double v;
        try
        {
            v = Double.parseDouble(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("bad latency '" + spec + "': " + what + " '" + text.trim() + "' is not a number");
        }
        if (!(zeroAllowed ? v >= 0 : v > 0) || Double.isInfinite(v))
        {
            throw new IllegalArgumentException(
                "bad latency '" + spec + "': " + what + " must be " + (zeroAllowed ? ">= 0" : "> 0") + ", got " + text.trim());
        }
        return v;
    }

    /** a latency in ns, &ge; 0 */
    public long sampleNs(final SimRandom random)
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
            case LOGNORMAL:
                ns = Math.exp(p1 + p2 * random.nextGaussian());
                break;
            default:
                ns = p1 / Math.pow(1 - random.nextDouble(), 1 / p2);
                break;
        }
        final long jitter = jitterNs == 0 ? 0 : (long)(jitterNs * random.nextDouble());
        return (long)Math.min(ns, 3.6e12) + jitter;
    }

    /** the longest latency that is not a tail event (for sizing the event ring); the mean for heavy tails */
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
            case LOGNORMAL:
                return (long)Math.exp(p1 + 3 * p2) + jitterNs;
            default:
                return (long)(p1 * 10) + jitterNs;
        }
    }

    @Override
    public String toString()
    {
        return spec;
    }
}
