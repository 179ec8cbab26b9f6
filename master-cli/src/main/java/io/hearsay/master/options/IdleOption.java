package io.hearsay.master.options;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.hearsay.daemon.shell.IdleStrategies;
import picocli.CommandLine.Option;

/** {@code --idle}: how a daemon's thread waits when it has nothing to do; {@code daemon} and {@code local}. */
public final class IdleOption
{
    @Option(names = "--idle", paramLabel = "STRATEGY", description = "idle strategy: select[:MAX_BLOCK_MS] (block until a " +
        "datagram or the next deadline: no CPU while idle), busy, yield, backoff[:MAX_PARK_US], sleep:US (default ${DEFAULT-VALUE})")
    String idle = "select";

    @JsonCreator
    public static IdleOption of(final String idle)
    {
        final IdleOption option = new IdleOption();
        option.idle = idle;
        return option;
    }

    @JsonValue
    public String value()
    {
        return idle;
    }

    /** the value, checked: a bad one is named with what is accepted */
    public String validated()
    {
        IdleStrategies.parse(idle);
        return idle;
    }
}
