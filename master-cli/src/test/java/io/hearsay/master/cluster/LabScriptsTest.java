package io.hearsay.master.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabScriptsTest
{
    @TempDir
    Path home;

    @Test
    void shouldReportTheScriptsReasonWhenNoEngineCanBeHad() throws Exception
    {
        final Path script = Files.createDirectories(home.resolve("docker")).resolve("ensure-engine");
        Files.writeString(script, "#!/bin/sh\necho 'installing...' >&2\necho 'unavailable: dockerd is not installed and we are not root' >&2\nexit 3\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> new LabScripts(home).ensureEngine())
            .isInstanceOf(LabUnavailableException.class)
            .hasMessage("dockerd is not installed and we are not root");
    }

    @Test
    void shouldNameTheCommandWhenAScriptCannotStart()
    {
        assertThatThrownBy(() -> new LabScripts(home).networksUp()).hasMessageContaining("net-up");
    }
}
