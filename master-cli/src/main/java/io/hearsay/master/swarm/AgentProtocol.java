package io.hearsay.master.swarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the master and a host's {@link SwarmAgent} say to each other over TCP on the overlay: one request line of JSON
 * (the run's agent token, an operation, and for {@code docker} a batch of docker commands with their standard input),
 * then for {@code docker} one reply line of JSON (the agent's host and each command's exit code and output), for
 * {@code logs} a header line and the host's log volume as a gzipped tar until the connection closes. Bounded: a request
 * is at most {@link #MAX_REQUEST_BYTES} and {@link #MAX_COMMANDS} commands, each a docker verb of {@link #VERBS} (never a
 * command of the agent's own choosing), each output at most {@link #MAX_OUTPUT_CHARS}. Pure: parsing and encoding only.
 */
public final class AgentProtocol
{
    public static final int PORT = 7898;
    public static final String OP_DOCKER = "docker";
    public static final String OP_LOGS = "logs";
    public static final int MAX_REQUEST_BYTES = 1 << 20;
    public static final int MAX_REPLY_BYTES = 64 << 20;
    /** a host's log archive */
    public static final long MAX_LOG_BYTES = 8L << 30;
    public static final int MAX_COMMANDS = 256;
    public static final int MAX_ARGS = 64;
    public static final int MAX_OUTPUT_CHARS = 1 << 20;
    /** per command, whatever the request asks */
    public static final long MAX_TIMEOUT_MS = 120_000;
    /** the docker verbs an agent runs: the lab's faults and probes, nothing else */
    public static final Set<String> VERBS = Set.of("exec", "pause", "unpause", "kill", "restart", "ps", "stats");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One docker command (without "docker") and its standard input (null: none). */
    public record Command(List<String> args, String stdin)
    {
        public Command
        {
            args = List.copyOf(args);
        }
    }

    /** What the master asks of an agent. */
    public record Request(String token, String op, List<Command> commands, long timeoutMs)
    {
        public Request
        {
            commands = List.copyOf(commands);
        }
    }

    /** One command's outcome. */
    public record Reply(int exitCode, String stdout, String stderr)
    {
    }

    /** An agent's answer: its host, and either an error (the whole request refused) or one reply per command. */
    public record Answer(String host, String error, List<Reply> replies)
    {
    }

    private AgentProtocol()
    {
    }

    public static String encode(final Request request)
    {
        final ObjectNode root = JSON.createObjectNode();
        root.put("token", request.token());
        root.put("op", request.op());
        root.put("timeout_ms", request.timeoutMs());
        final ArrayNode commands = root.putArray("commands");
        for (final Command c : request.commands())
        {
            final ObjectNode command = commands.addObject();
            final ArrayNode args = command.putArray("args");
            c.args().forEach(args::add);
            if (c.stdin() != null)
            {
                command.put("stdin", c.stdin());
            }
        }
        return root.toString();
    }

    /** Parses and checks a request; throws {@link IllegalArgumentException} with one line saying what is wrong. */
    public static Request parseRequest(final String line)
    {
        final JsonNode root = tree(line, "request");
        final String op = text(root, "op");
        if (!OP_DOCKER.equals(op) && !OP_LOGS.equals(op))
        {
            throw new IllegalArgumentException("op '" + op + "' is not " + OP_DOCKER + " or " + OP_LOGS);
        }
        final JsonNode commandsNode = root.path("commands");
        if (!commandsNode.isMissingNode() && !commandsNode.isArray())
        {
            throw new IllegalArgumentException("commands is not a list");
        }
        if (commandsNode.size() > MAX_COMMANDS)
        {
            throw new IllegalArgumentException(commandsNode.size() + " commands: at most " + MAX_COMMANDS);
        }
        final List<Command> commands = new ArrayList<>();
        for (int i = 0; i < commandsNode.size(); i++)
        {
            final JsonNode c = commandsNode.get(i);
            final JsonNode argsNode = c.path("args");
            if (!argsNode.isArray() || argsNode.isEmpty() || argsNode.size() > MAX_ARGS)
            {
                throw new IllegalArgumentException("command " + i + ": args must be a list of 1.." + MAX_ARGS + " strings");
            }
            final List<String> args = new ArrayList<>();
            for (final JsonNode a : argsNode)
            {
                if (!a.isTextual())
                {
                    throw new IllegalArgumentException("command " + i + ": argument " + a + " is not a string");
                }
                args.add(a.asText());
            }
            if (!VERBS.contains(args.get(0)))
            {
                throw new IllegalArgumentException("command " + i + ": docker " + args.get(0) + " is not one of " +
                    String.join(", ", new java.util.TreeSet<>(VERBS)));
            }
            final JsonNode stdin = c.path("stdin");
            commands.add(new Command(args, stdin.isTextual() ? stdin.asText() : null));
        }
        final long timeoutMs = root.path("timeout_ms").asLong(30_000);
        return new Request(text(root, "token"), op, commands, Math.max(1_000, Math.min(MAX_TIMEOUT_MS, timeoutMs)));
    }

    public static String encode(final Answer answer)
    {
        final ObjectNode root = JSON.createObjectNode();
        root.put("host", answer.host());
        if (answer.error() != null)
        {
            root.put("error", answer.error());
        }
        final ArrayNode replies = root.putArray("replies");
        for (final Reply r : answer.replies())
        {
            final ObjectNode reply = replies.addObject();
            reply.put("exit", r.exitCode());
            reply.put("stdout", bounded(r.stdout()));
            reply.put("stderr", bounded(r.stderr()));
        }
        return root.toString();
    }

    public static Answer parseAnswer(final String line)
    {
        final JsonNode root = tree(line, "answer");
        final List<Reply> replies = new ArrayList<>();
        for (final JsonNode r : root.path("replies"))
        {
            replies.add(new Reply(r.path("exit").asInt(-1), r.path("stdout").asText(""), r.path("stderr").asText("")));
        }
        final JsonNode error = root.path("error");
        return new Answer(root.path("host").asText("?"), error.isTextual() ? error.asText() : null, replies);
    }

    /** the same token, compared in constant time; a null or empty expected token accepts nothing */
    public static boolean tokenMatches(final String expected, final String given)
    {
        if (expected == null || expected.isEmpty() || given == null)
        {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** A line ending with \n of at most {@code maxBytes}; null at the end of the stream; throws when longer. */
    public static String readLine(final InputStream in, final int maxBytes) throws IOException
    {
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1; )
        {
            if (b == '\n')
            {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() >= maxBytes)
            {
                throw new IOException("a line longer than " + maxBytes + " bytes");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    static String bounded(final String text)
    {
        return text.length() <= MAX_OUTPUT_CHARS ? text :
            text.substring(0, MAX_OUTPUT_CHARS) + "\n(" + (text.length() - MAX_OUTPUT_CHARS) + " more characters cut)";
    }

    private static JsonNode tree(final String line, final String what)
    {
        try
        {
            final JsonNode root = JSON.readTree(line);
            if (root == null || !root.isObject())
            {
                throw new IllegalArgumentException("the " + what + " is not a JSON object");
            }
            return root;
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException("the " + what + " is not JSON: " + ex.getOriginalMessage());
        }
    }

    private static String text(final JsonNode root, final String field)
    {
        final JsonNode node = root.path(field);
        if (!node.isTextual())
        {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a string");
        }
        return node.asText();
    }
}
