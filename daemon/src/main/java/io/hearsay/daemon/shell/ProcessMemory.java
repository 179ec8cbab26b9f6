package io.hearsay.daemon.shell;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * This process's resident set size, from {@code /proc/self/statm} (Linux); -1 where there is no such file. Read once
 * per statistics period by the duty-cycle thread; the buffer is reused.
 */
final class ProcessMemory
{
    private static final Path STATM = Path.of("/proc/self/statm");
    private static final long PAGE_BYTES = 4096;
    private static final ByteBuffer BUFFER = ByteBuffer.allocate(128);

    private ProcessMemory()
    {
    }

    /** resident bytes (the second field of statm, in pages), or -1 when unknown */
    static synchronized long residentBytes()
    {
        try (FileChannel channel = FileChannel.open(STATM, StandardOpenOption.READ))
        {
            BUFFER.clear();
            channel.read(BUFFER);
            BUFFER.flip();
            int field = 0;
            long value = 0;
            boolean inNumber = false;
            while (BUFFER.hasRemaining())
            {
                final byte b = BUFFER.get();
                if (b >= '0' && b <= '9')
                {
                    value = value * 10 + (b - '0');
                    inNumber = true;
                }
                else if (inNumber)
                {
                    if (field == 1)
                    {
                        return value * PAGE_BYTES;
                    }
                    field++;
                    value = 0;
                    inNumber = false;
                }
            }
            return field == 1 && inNumber ? value * PAGE_BYTES : -1;
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }
}
