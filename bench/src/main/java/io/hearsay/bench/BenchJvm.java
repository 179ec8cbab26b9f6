package io.hearsay.bench;

/**
 * What forked benchmark JVMs add to their host's flags. The JVM flags Agrona and Chronicle need are not here: a
 * fork inherits its host JVM's flags (JMH's default), and {@code bench/run.sh} starts the host with the project's
 * argument file ({@code java @master-cli/target/classes/hearsay/jvm.options}, made from the root pom). JMH's
 * command-line {@code -jvmArgsAppend} replaces rather than adds, so these live in the annotations.
 */
public final class BenchJvm
{
    /** fixed heap so GC work per trial is comparable; small enough for the 2-core, shared machine */
    public static final String HEAP_MIN = "-Xms1g";
    public static final String HEAP_MAX = "-Xmx1g";

    private BenchJvm()
    {
    }
}
