package io.hearsay.core.dissemination;

/**
 * The layout of a rule's {@code int} state word, and the small integer maths the rules share.
 * <pre>
 *  bits  0..2   phase: 0 unknown, 1 spreading (Karp's B), 2 counting stopped (Karp's C), 3 dormant (Karp's D)
 *  bits  3..8   counter m (median-counter), 0..63
 *  bits  9..18  age: rounds spent in the current phase, 0..1023 (saturates)
 *  bits 19..30  tally of this round's contacts, signed 12 bits: +1 per partner with counter &ge; m, -1 otherwise
 * </pre>
 * The word of an unknown rumor is exactly {@link DisseminationRule#UNKNOWN} (0): every known phase is non-zero.
 */
public final class RuleState
{
    public static final int PHASE_UNKNOWN = 0;
    public static final int PHASE_SPREADING = 1;
    public static final int PHASE_STOPPED_COUNTING = 2;
    public static final int PHASE_DORMANT = 3;

    public static final int MAX_COUNTER = 63;
    public static final int MAX_AGE = 1023;
    public static final int MAX_TALLY = 2047;

    private static final int PHASE_MASK = 0x7;
    private static final int COUNTER_SHIFT = 3;
    private static final int COUNTER_MASK = 0x3F;
    private static final int AGE_SHIFT = 9;
    private static final int AGE_MASK = 0x3FF;
    private static final int TALLY_SHIFT = 19;
    private static final int TALLY_MASK = 0xFFF;

    private RuleState()
    {
    }

    public static int phase(final int state)
    {
        return state & PHASE_MASK;
    }

    public static int counter(final int state)
    {
        return (state >>> COUNTER_SHIFT) & COUNTER_MASK;
    }

    public static int age(final int state)
    {
        return (state >>> AGE_SHIFT) & AGE_MASK;
    }

    /** signed tally of this round's contacts */
    public static int tally(final int state)
    {
        return (state << 1) >> (TALLY_SHIFT + 1);
    }

    /** a word with the given phase, counter and age and an empty tally */
    public static int pack(final int phase, final int counter, final int age)
    {
        return (phase & PHASE_MASK) |
            ((Math.min(counter, MAX_COUNTER) & COUNTER_MASK) << COUNTER_SHIFT) |
            ((Math.min(age, MAX_AGE) & AGE_MASK) << AGE_SHIFT);
    }

    public static int withTally(final int state, final int tally)
    {
        final int clamped = Math.max(-MAX_TALLY, Math.min(MAX_TALLY, tally));
        return (state & ~(TALLY_MASK << TALLY_SHIFT)) | ((clamped & TALLY_MASK) << TALLY_SHIFT);
    }

    /** ⌈log2 n⌉ for n &ge; 1 (0 for n &le; 1) */
    public static int ceilLog2(final int n)
    {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }

    /** ⌈log2 ⌈log2 n⌉⌉, at least 1: the O(log log N) of Karp et al.'s counters */
    public static int ceilLog2Log2(final int n)
    {
        return Math.max(1, ceilLog2(ceilLog2(n)));
    }

    /** the human-readable form of a word, for test failures and logs (allocates; not for the hot path) */
    public static String toString(final int state)
    {
        final String[] names = { "UNKNOWN", "SPREADING", "STOPPED_COUNTING", "DORMANT", "?4", "?5", "?6", "?7" };
        return names[phase(state)] + "(counter=" + counter(state) + ", age=" + age(state) + ", tally=" + tally(state) + ")";
    }
}
