package io.hearsay.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchArgsTest
{
    private static BenchArgs parse(final String... args)
    {
        return BenchArgs.parse(args, List.of("--nodes", "--seed"), List.of("--keep"), "--nodes N --seed S --keep");
    }

    @Test
    void shouldReadValuesFlagsAndDefaults()
    {
        final BenchArgs a = parse("--nodes", "1_000", "--keep");
        assertThat(a.intValue("--nodes", 5)).isEqualTo(1000);
        assertThat(a.longValue("--seed", 7)).isEqualTo(7);
        assertThat(a.flag("--keep")).isTrue();
        assertThat(parse().flag("--keep")).isFalse();
    }

    @Test
    void shouldNameTheWrongOptionAndWhatIsAccepted()
    {
        assertThatThrownBy(() -> parse("--node", "3")).hasMessage("unknown option '--node'; accepted: --nodes N --seed S --keep");
        assertThatThrownBy(() -> parse("--nodes")).hasMessageStartingWith("option --nodes needs a value");
        assertThatThrownBy(() -> parse("--nodes", "ten").intValue("--nodes", 1))
            .hasMessageStartingWith("option --nodes: 'ten' is not a whole number");
        assertThatThrownBy(() -> parse("--nodes", "9999999999").intValue("--nodes", 1))
            .hasMessageStartingWith("option --nodes: 9999999999 is too large");
    }
}
