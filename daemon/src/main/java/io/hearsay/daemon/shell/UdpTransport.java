package io.hearsay.daemon.shell;

import io.hearsay.core.Addresses;
import io.hearsay.wire.PacketCipher;
import io.hearsay.wire.ReplayWindow;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The process's datagram plumbing shared by every hosted node (one thread, so one set of buffers serves them all):
 * receive into one buffer, optionally open (decrypt), send from one buffer, optionally seal (encrypt), and map 64-bit
 * addresses to socket addresses through a cache (an {@link InetSocketAddress} is made once per peer).
 * <p>
 * Allocation: none per packet in the plaintext path, except that the JDK's {@code DatagramChannel.receive} makes a
 * new sender address when a datagram comes from a different peer than the previous one on that channel.
 */
public final class UdpTransport
{
    /** results of {@link #receive} besides a length */
    public static final int NOTHING = -1;
    public static final int UNAUTHENTICATED = -2;
    /** sealed and authentic but already seen, or older than its sender's replay window */
    public static final int REPLAYED = -3;
    /** senders (processes) whose replay windows are kept */
    public static final int REPLAY_SENDERS = 4096;
    /** where the envelope's sender address sits in a plaintext datagram (after the SBE message header) */
    private static final int SENDER_ADDRESS_OFFSET = 8;

    private static final int MAX_DATAGRAM_BYTES = 65_536;

    private final PacketCipher cipher;
    private final ReplayWindow replayWindow;
    private final ByteBuffer receiveBuffer = BufferUtil.allocateDirectAligned(MAX_DATAGRAM_BYTES, 64);
    private final ByteBuffer plainBuffer;
    private final UnsafeBuffer receivedView;
    private final ByteBuffer sendBuffer = BufferUtil.allocateDirectAligned(MAX_DATAGRAM_BYTES, 64);
    private final UnsafeBuffer sendView = new UnsafeBuffer(sendBuffer);
    private final ByteBuffer sealedBuffer;
    private final Long2ObjectHashMap<InetSocketAddress> socketAddresses = new Long2ObjectHashMap<>();
    private long lastFromAddress;
    private long sendErrors;
    private long sendBufferFull;
    private Throwable firstSendError;

    public UdpTransport(final PacketCipher cipher)
    {
        this.cipher = cipher;
        if (cipher != null)
        {
            plainBuffer = BufferUtil.allocateDirectAligned(MAX_DATAGRAM_BYTES, 64);
            sealedBuffer = BufferUtil.allocateDirectAligned(MAX_DATAGRAM_BYTES, 64);
            receivedView = new UnsafeBuffer(plainBuffer);
            replayWindow = new ReplayWindow(REPLAY_SENDERS);
        }
        else
        {
            plainBuffer = null;
            sealedBuffer = null;
            receivedView = new UnsafeBuffer(receiveBuffer);
            replayWindow = null;
        }
    }

    public boolean isEncrypted()
    {
        return cipher != null;
    }

    /** The plaintext of the last received datagram (valid until the next receive). */
    public DirectBuffer received()
    {
        return receivedView;
    }

    /** The sender of the last received datagram. */
    public long lastFromAddress()
    {
        return lastFromAddress;
    }

    public long sendErrors()
    {
        return sendErrors;
    }

    public long sendBufferFull()
    {
        return sendBufferFull;
    }

    public Throwable firstSendError()
    {
        return firstSendError;
    }

    /**
     * Receive one datagram from {@code channel}.
     *
     * @return its plaintext length (bytes at {@link #received()} offset 0), {@link #NOTHING} when none is waiting,
     * {@link #UNAUTHENTICATED} when it does not open with the keyring, {@link #REPLAYED} when it opens but its
     * sequence was seen before or is older than its sender's replay window
     */
    public int receive(final DatagramChannel channel) throws IOException
    {
        receiveBuffer.clear();
        final SocketAddress from = channel.receive(receiveBuffer);
        if (from == null)
        {
            return NOTHING;
        }
        final InetSocketAddress socketAddress = (InetSocketAddress)from;
        lastFromAddress = Addresses.pack(socketAddress.getAddress().hashCode(), socketAddress.getPort());
        receiveBuffer.flip();
        if (cipher == null)
        {
            return receiveBuffer.limit();
        }
        plainBuffer.clear();
        final int length = cipher.open(receiveBuffer, plainBuffer);
        if (length < 0)
        {
            return UNAUTHENTICATED;
        }
        // the sender's IPv4 (address >>> 16): every node of a process shares its cipher and so its dense sequence
        final long senderIpv4 = length >= SENDER_ADDRESS_OFFSET + 8 ?
            receivedView.getLong(SENDER_ADDRESS_OFFSET, java.nio.ByteOrder.LITTLE_ENDIAN) >>> 16 : 0;
        return replayWindow.onSequence(senderIpv4, cipher.lastOpenedPrefix(), cipher.lastOpenedSequence()) ?
            length : REPLAYED;
    }

    /** Send one datagram (sealed when a key is set). Failures are counted, never thrown. @return true if sent */
    public boolean send(final DatagramChannel channel, final long toAddress, final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            sendBuffer.clear();
            sendView.putBytes(0, buffer, offset, length);
            sendBuffer.limit(length);
            ByteBuffer out = sendBuffer;
            if (cipher != null)
            {
                sealedBuffer.clear();
                cipher.seal(sendBuffer, sealedBuffer);
                out = sealedBuffer;
            }
            if (channel.send(out, socketAddress(toAddress)) == 0)
            {
                sendBufferFull++;
                return false;
            }
            return true;
        }
        catch (final IOException | RuntimeException ex)
        {
            if (sendErrors++ == 0)
            {
                firstSendError = ex;
            }
            return false;
        }
    }

    public InetSocketAddress socketAddress(final long address)
    {
        InetSocketAddress socketAddress = socketAddresses.get(address);
        if (socketAddress == null)
        {
            socketAddress = toSocketAddress(address);
            socketAddresses.put(address, socketAddress);
        }
        return socketAddress;
    }

    /** Allocates; for setup and tools. */
    public static InetSocketAddress toSocketAddress(final long address)
    {
        final int ip = Addresses.ipv4(address);
        try
        {
            return new InetSocketAddress(
                InetAddress.getByAddress(new byte[]{ (byte)(ip >>> 24), (byte)(ip >>> 16), (byte)(ip >>> 8), (byte)ip }),
                Addresses.port(address));
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** Allocates; for setup and tools. */
    public static long toAddress(final InetSocketAddress socketAddress)
    {
        return Addresses.pack(socketAddress.getAddress().hashCode(), socketAddress.getPort());
    }
}
