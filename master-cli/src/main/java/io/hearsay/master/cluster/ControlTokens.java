package io.hearsay.master.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A run's control token: 128 random bits in hex, generated per run, kept in a file only its owner can read. */
public final class ControlTokens
{
    private static final SecureRandom RANDOM = new SecureRandom();

    private ControlTokens()
    {
    }

    /** @return a fresh random token */
    public static String generate()
    {
        final byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Generates a token and writes it to {@code file} (mode 600 where the file system has modes). */
    public static String create(final Path file)
    {
        final String token = generate();
        try
        {
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix"))
            {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, token + "\n", StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the control token " + file, ex);
        }
        return token;
    }

    /**
     * @return the token in {@code file}, or null when the run has none (a run folder from before tokens) or this user
     * cannot read it (the lab's master container: it is given the token in HEARSAY_CONTROL_TOKEN instead)
     */
    public static String read(final Path file)
    {
        if (!Files.isRegularFile(file) || !Files.isReadable(file))
        {
            return null;
        }
        try
        {
            final String token = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return token.isEmpty() ? null : token;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the control token " + file, ex);
        }
    }
}
