package io.hearsay.sampleapps.printer;

import io.hearsay.daemon.app.ApplicationDispatcher;
import io.hearsay.daemon.app.ApplicationHost;
import io.hearsay.daemon.app.EmbeddedNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MembershipPrinterAppTest
{
    private final ApplicationDispatcher dispatcher = new ApplicationDispatcher("printer-apps").start();
    private final EmbeddedNetwork network = new EmbeddedNetwork(dispatcher, 9, false);

    @AfterEach
    void tearDown()
    {
        network.close();
        dispatcher.close();
    }

    @Test
    void shouldPrintEachMembershipChangeItSees()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        network.addNode(7001, new ApplicationHost.Context().applications(List.of(new MembershipPrinterApp(out))));
        network.addNode(7002, new ApplicationHost.Context());
        network.addNode(7003, new ApplicationHost.Context());
        network.stepUntil("two changes printed", 0, TimeUnit.MILLISECONDS.toNanos(1), 30_000,
            () -> text(bytes).lines().filter(l -> l.contains(" sees ")).count() == 2);

        assertThat(text(bytes)).contains("127.0.0.1:7001 starts with", "127.0.0.1:7001 sees 127.0.0.1:7002 ALIVE incarnation 0",
            "127.0.0.1:7001 sees 127.0.0.1:7003 ALIVE incarnation 0");
    }

    private static String text(final ByteArrayOutputStream bytes)
    {
        synchronized (bytes)
        {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
