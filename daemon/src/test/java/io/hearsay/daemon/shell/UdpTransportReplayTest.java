package io.hearsay.daemon.shell;

import io.hearsay.core.Addresses;
import io.hearsay.wire.Keyring;
import io.hearsay.wire.PacketCipher;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Sealed mode over real loopback sockets: a captured datagram replayed 1,000 times opens once. */
class UdpTransportReplayTest
{
    @Test
    void shouldAcceptACapturedSealedDatagramOnceHoweverOftenItIsReplayed() throws Exception
    {
        final Keyring keyring = new Keyring(new byte[16], List.of());
        final PacketCipher sender = new PacketCipher(keyring, "hearsay");
        final UdpTransport receiver = new UdpTransport(new PacketCipher(keyring, "hearsay"));
        try (DatagramChannel in = DatagramChannel.open(); DatagramChannel out = DatagramChannel.open())
        {
            in.bind(new InetSocketAddress("127.0.0.1", 0));
            in.configureBlocking(false);
            final ByteBuffer plain = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
            plain.putLong(0, 0L).putLong(8, Addresses.parse("127.0.0.1:7946")).putLong(16, 42L);
            final ByteBuffer first = ByteBuffer.allocate(128);
            sender.seal(plain.duplicate(), first);
            final ByteBuffer second = ByteBuffer.allocate(128);
            sender.seal(plain.duplicate(), second);

            final int replays = 1_000;
            int accepted = 0;
            int replayed = 0;
            for (int i = 0; i <= replays; i++)
            {
                // the last one was sealed earlier and arrives last: reordering is fine
                out.send((i < replays ? second : first).duplicate(), in.getLocalAddress());
                final int length = receiveOne(receiver, in);
                if (length == UdpTransport.REPLAYED)
                {
                    replayed++;
                }
                else if (length >= 0)
                {
                    accepted++;
                }
            }
            assertThat(accepted).as("the original and the earlier-sealed one").isEqualTo(2);
            assertThat(replayed).isEqualTo(replays - 1);
        }
    }

    /** one datagram at a time, so none is lost to a full socket buffer; polled with a deadline */
    private static int receiveOne(final UdpTransport receiver, final DatagramChannel in) throws java.io.IOException
    {
        final long deadlineNs = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() - deadlineNs < 0)
        {
            final int length = receiver.receive(in);
            if (length != UdpTransport.NOTHING)
            {
                return length;
            }
        }
        throw new AssertionError("a datagram sent over loopback did not arrive within 5 s");
    }
}
