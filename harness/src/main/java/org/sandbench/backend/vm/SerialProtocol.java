package org.sandbench.backend.vm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line protocol between the host and the guest agent over the serial console
 * (docs/vm.md, "Serial protocol").  Host to guest: "SBVM-CMD NONCE SEQ VERB ARGS..."
 * lines, file contents in counted, hashed chunks after a put (see put).  Guest to host: lines
 * "SBVM NONCE SEQ ..." that the host picks out of everything else on the console
 * (boot messages, kernel warnings): "SEQ ok|fail VERB", and for a command's output a
 * frame "SEQ begin", "SEQ o LINE" (stdout), "SEQ e LINE" (stderr), "SEQ end rc=N
 * lines=N sha256=HEX".  A frame is accepted only when its line count and SHA-256 match
 * what was received, so a console line garbled by a kernel message is detected, never
 * parsed as a result.  The nonce, fresh per boot, keeps output of an earlier boot or
 * text that merely looks like a frame out.  Pure: tests drive it with tables of lines.
 */
public final class SerialProtocol {
    public static final String CMD = "SBVM-CMD";
    public static final String TAG = "SBVM";
    /** Longest line the host sends: guest terminals in canonical mode take about 1900 bytes (FreeBSD at 9600 baud). */
    public static final int MAX_LINE = 1000;
    private static final Pattern SAFE_ARG = Pattern.compile("[A-Za-z0-9_./=:,+@%-]+");

    private final String nonce;

    public SerialProtocol(String nonce) {
        if (!nonce.matches("[0-9a-f]{16}"))
            throw new IllegalArgumentException("nonce must be 16 hex digits");
        this.nonce = nonce;
    }

    public static String newNonce() {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public String nonce() {
        return nonce;
    }

    /** A word the guest shell splits on spaces and never expands (set -f): a restricted alphabet. */
    public static String checkArg(String a) {
        if (!SAFE_ARG.matcher(a).matches())
            throw new IllegalArgumentException("argument '" + a + "' cannot be passed to the guest: only letters, "
                    + "digits and _./=:,+@%- are allowed (the guest shell splits commands on spaces)");
        return a;
    }

    public String command(long seq, String verb, List<String> args) {
        StringBuilder b = new StringBuilder(CMD).append(' ').append(nonce).append(' ').append(seq).append(' ').append(verb);
        for (String a : args)
            b.append(' ').append(checkArg(a));
        if (b.length() > MAX_LINE)
            throw new IllegalArgumentException("command line of " + b.length() + " bytes exceeds " + MAX_LINE
                    + " (guest terminals truncate long lines)");
        return b.toString();
    }

    /** Content bytes per put chunk: with the command line, well under a guest terminal's input queue. */
    public static final int CHUNK_BYTES = 800;

    /**
     * A text file for the guest, cut into chunks that each fit a guest terminal's input
     * queue (FreeBSD's is about 1900 bytes at 9600 baud): each chunk is "put PATH NLINES
     * SHA256 new|add" followed by its lines, answered "ok put" once its hash matched; "done
     * PATH SHA256" then checks the whole file and moves it into place.  Text only: printable
     * ASCII and tabs, lines shorter than MAX_LINE, a newline at the end.
     *
     * @param firstSeq the sequence number of the first chunk; chunk i uses firstSeq + i, "done" the next
     * @return one list of console lines per message, to be sent one after the other, each awaited
     */
    public List<List<String>> put(long firstSeq, String guestPath, String content) {
        if (!content.isEmpty() && !content.endsWith("\n"))
            throw new IllegalArgumentException("file for the guest must end with a newline: " + guestPath);
        List<String> lines = content.isEmpty() ? List.of() : List.of(content.substring(0, content.length() - 1).split("\n", -1));
        for (String l : lines) {
            if (l.length() >= MAX_LINE)
                throw new IllegalArgumentException("line of " + l.length() + " bytes in " + guestPath + " is too long for the serial line");
            for (int i = 0; i < l.length(); i++) {
                char c = l.charAt(i);
                if ((c < 0x20 && c != '\t') || c > 0x7e)
                    throw new IllegalArgumentException("file " + guestPath + " is not printable ASCII text (byte 0x"
                            + Integer.toHexString(c) + "): the serial line carries text only");
            }
        }
        List<List<String>> messages = new ArrayList<>();
        long seq = firstSeq;
        int i = 0;
        do {
            List<String> chunk = new ArrayList<>();
            int bytes = 0;
            while (i < lines.size() && (chunk.isEmpty() || bytes + lines.get(i).length() + 1 <= CHUNK_BYTES)) {
                chunk.add(lines.get(i));
                bytes += lines.get(i).length() + 1;
                i++;
            }
            List<String> msg = new ArrayList<>();
            msg.add(command(seq++, "put", List.of(guestPath, Integer.toString(chunk.size()),
                    sha256(chunk.isEmpty() ? "" : String.join("\n", chunk) + "\n"), messages.isEmpty() ? "new" : "add")));
            msg.addAll(chunk);
            messages.add(msg);
        } while (i < lines.size());
        messages.add(List.of(command(seq, "done", List.of(guestPath, sha256(content)))));
        return messages;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A guest line addressed to this session: its sequence number and the rest. */
    public record Message(long seq, String body) {
    }

    private Pattern messagePattern;

    /** The message in a console line, if it is one of this session's (a trailing CR is tolerated). */
    public Optional<Message> message(String consoleLine) {
        if (messagePattern == null)
            messagePattern = Pattern.compile("^.*?" + TAG + " " + nonce + " ([0-9]+) (.*?)\r?$");
        // A kernel message may have been printed before our text on the same console line: find our tag anywhere.
        Matcher m = messagePattern.matcher(consoleLine);
        if (!m.matches())
            return Optional.empty();
        return Optional.of(new Message(Long.parseLong(m.group(1)), m.group(2)));
    }

    /**
     * The output of one command as the guest framed it.
     *
     * @param intact line count and SHA-256 of stdout match what arrived
     */
    public record Frame(long seq, int rc, List<String> out, List<String> err, boolean intact, String problem) {
        public Frame {
            out = List.copyOf(out);
            err = List.copyOf(err);
        }
    }

    /** Collects the messages of one command's frame, in order. */
    public static final class FrameBuilder {
        private final long seq;
        private final List<String> out = new ArrayList<>(), err = new ArrayList<>();
        private boolean begun;
        private Frame done;

        public FrameBuilder(long seq) {
            this.seq = seq;
        }

        /** Feeds one message; returns the frame when its end line arrived. */
        public Optional<Frame> accept(Message m) {
            if (m.seq() != seq || done != null)
                return Optional.ofNullable(done);
            String b = m.body();
            if (b.equals("begin")) {
                begun = true;
                out.clear();
                err.clear();
            } else if (b.startsWith("o ") || b.equals("o")) {
                out.add(b.length() > 2 ? b.substring(2) : "");
            } else if (b.startsWith("e ") || b.equals("e")) {
                err.add(b.length() > 2 ? b.substring(2) : "");
            } else if (b.startsWith("end ")) {
                done = finish(b);
            }
            return Optional.ofNullable(done);
        }

        private Frame finish(String end) {
            int rc = Integer.MIN_VALUE, lines = -1;
            String sha = "";
            for (String f : end.substring(4).trim().split(" ")) {
                int eq = f.indexOf('=');
                if (eq < 0)
                    continue;
                String k = f.substring(0, eq), v = f.substring(eq + 1);
                try {
                    switch (k) {
                        case "rc" -> rc = Integer.parseInt(v);
                        case "lines" -> lines = Integer.parseInt(v);
                        case "sha256" -> sha = v;
                        default -> { }
                    }
                } catch (NumberFormatException e) {
                    // leave the default: reported below
                }
            }
            String problem = "";
            if (!begun)
                problem = "frame " + seq + " ended without a begin line";
            else if (rc == Integer.MIN_VALUE)
                problem = "frame " + seq + " has no exit code";
            else if (lines != out.size())
                problem = "frame " + seq + ": the guest sent " + lines + " stdout lines, " + out.size() + " arrived";
            else if (!sha.equals(sha256(joined(out))))
                problem = "frame " + seq + ": SHA-256 of stdout differs (a console line was garbled in transit)";
            return new Frame(seq, rc == Integer.MIN_VALUE ? -1 : rc, out, err, problem.isEmpty(), problem);
        }

        static String joined(List<String> lines) {
            return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        }
    }
}
