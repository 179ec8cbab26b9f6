package io.hearsay.daemon.shell;

import io.hearsay.core.Addresses;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RosterTest
{
    @Test
    void shouldExpandPortRangesAndSkipComments()
    {
        final long[] roster = Roster.parse(List.of("# lab", "10.213.0.10:7946+3", "", "10.213.0.11:7946  # one"), "r");
        assertThat(roster).containsExactly(
            Addresses.parse("10.213.0.10:7946"), Addresses.parse("10.213.0.10:7947"), Addresses.parse("10.213.0.10:7948"),
            Addresses.parse("10.213.0.11:7946"));
    }

    @Test
    void shouldNameTheLineAndValueOfABadEntry()
    {
        assertThatThrownBy(() -> Roster.parse(List.of("10.213.0.10:7946", "10.213.0:7946"), "roster.txt"))
            .hasMessageContaining("roster.txt:2").hasMessageContaining("10.213.0:7946").hasMessageContaining("accepted");
        assertThatThrownBy(() -> Roster.parse(List.of("10.213.0.10:65530+10"), "roster.txt"))
            .hasMessageContaining("roster.txt:1").hasMessageContaining("count 10");
        assertThatThrownBy(() -> Roster.parse(List.of("# nothing"), "roster.txt")).hasMessageContaining("names no member");
    }
}
