package io.hearsay.master.options;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostNamesTest
{
    @TempDir
    Path dir;

    private final Map<String, String> dns = Map.of("c0", "10.215.0.5", "c1", "10.215.0.6");
    private final HostNames names = new HostNames(dns::get, Duration.ZERO);

    @Test
    void shouldPassAddressesAndResolveNames()
    {
        assertThat(names.address("--bind", "10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(names.address("--bind", "c0")).isEqualTo("10.215.0.5");
        assertThat(names.endpoints("--seeds", "c0:7946, 10.0.0.1:7000,c1:7946")).isEqualTo("10.215.0.5:7946,10.0.0.1:7000,10.215.0.6:7946");
        assertThat(names.endpoints("--seeds", null)).isNull();
    }

    @Test
    void shouldNameTheSettingAndTheNameThatDidNotResolve()
    {
        assertThatThrownBy(() -> names.endpoints("--seeds", "c0:7946,c9:7946"))
            .hasMessageStartingWith("--seeds: host name 'c9' did not resolve");
        assertThatThrownBy(() -> names.address("--bind", "a b")).hasMessageContaining("neither an IPv4 address nor a host name");
        assertThatThrownBy(() -> names.endpoint("--seeds", "c0")).hasMessageContaining("is not host:port");
    }

    @Test
    void shouldResolveANamedRosterIntoACopyAndKeepAnAddressedOne() throws Exception
    {
        final Path named = Files.writeString(dir.resolve("named.txt"), "# cluster\nc0:7946+4\n\nc1:7946+4\n");
        final Path addressed = Files.writeString(dir.resolve("addressed.txt"), "10.0.0.1:7946+2\n");

        final Path copy = names.roster(named);
        assertThat(Files.readAllLines(copy)).isEqualTo(List.of("# cluster", "10.215.0.5:7946+4", "", "10.215.0.6:7946+4"));
        assertThat(names.roster(addressed)).isEqualTo(addressed);
        assertThatThrownBy(() -> names.roster(Files.writeString(dir.resolve("bad.txt"), "c0:1\nc7:7946+1\n")))
            .hasMessageContaining("line 2").hasMessageContaining("'c7'");
    }
}
