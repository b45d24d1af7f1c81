package org.sandbench.backend.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The serial protocol as tables: console line -> message, message sequence -> frame verdict. */
class SerialProtocolTest {
    static final String N = "0123456789abcdef";
    static final SerialProtocol P = new SerialProtocol(N);

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("SBVM " + N + " 0 ready os=linux", 0L, "ready os=linux"),
                Arguments.of("SBVM " + N + " 7 o SB1 batch i=0 iters=10 ns=5\r", 7L, "o SB1 batch i=0 iters=10 ns=5"),
                // a kernel message printed before our text on the same console line
                Arguments.of("[   12.3] random: crng init doneSBVM " + N + " 3 ok put", 3L, "ok put"),
                Arguments.of("SBVM fedcba9876543210 3 ok put", null, null),           // another boot's nonce
                Arguments.of("SBVM " + N + " x ok put", null, null),                   // no sequence number
                Arguments.of("login: ", null, null),
                Arguments.of("SBVM-CMD " + N + " 3 put /a 1 x", null, null));         // our own command echoed
    }

    @ParameterizedTest
    @MethodSource("messages")
    void consoleLineToMessage(String line, Long seq, String body) {
        Optional<SerialProtocol.Message> m = P.message(line);
        if (seq == null) {
            assertTrue(m.isEmpty(), line);
        } else {
            assertEquals(seq, m.orElseThrow().seq());
            assertEquals(body, m.get().body());
        }
    }

    static List<String> frame(long seq, List<String> out, String endFields) {
        List<String> l = new ArrayList<>();
        l.add("SBVM " + N + " " + seq + " begin");
        for (String o : out)
            l.add("SBVM " + N + " " + seq + " o " + o);
        l.add("SBVM " + N + " " + seq + " e some stderr");
        l.add("SBVM " + N + " " + seq + " end " + endFields);
        return l;
    }

    static String sha(List<String> out) {
        return SerialProtocol.sha256(out.isEmpty() ? "" : String.join("\n", out) + "\n");
    }

    static Stream<Arguments> frames() {
        List<String> out = List.of("SB1 start workload=getpid", "", "SB1 end batches=1");
        List<String> garbled = new ArrayList<>(frame(5, out, "rc=0 lines=3 sha256=" + sha(out)));
        garbled.set(1, garbled.get(1).replace("getpid", "getp[ 1.0] kernel: oops id"));
        List<String> missing = new ArrayList<>(frame(5, out, "rc=0 lines=3 sha256=" + sha(out)));
        missing.remove(2);
        return Stream.of(
                Arguments.of("intact", frame(5, out, "rc=0 lines=3 sha256=" + sha(out)), true, 0, ""),
                Arguments.of("empty stdout", frame(5, List.of(), "rc=4 lines=0 sha256=" + sha(List.of())), true, 4, ""),
                Arguments.of("garbled line", garbled, false, 0, "SHA-256 of stdout differs"),
                Arguments.of("lost line", missing, false, 0, "the guest sent 3 stdout lines, 2 arrived"),
                Arguments.of("no begin", frame(5, out, "rc=0 lines=3 sha256=" + sha(out)).subList(1, 6), false, 0,
                        "ended without a begin line"),
                Arguments.of("no rc", frame(5, out, "lines=3 sha256=" + sha(out)), false, -1, "has no exit code"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void framesAreCheckedBeforeUse(String name, List<String> lines, boolean intact, int rc, String problem) {
        SerialProtocol.FrameBuilder fb = new SerialProtocol.FrameBuilder(5);
        Optional<SerialProtocol.Frame> f = Optional.empty();
        // Another command's lines and console noise in between are ignored.
        List<String> all = new ArrayList<>(List.of("SBVM " + N + " 4 o not ours", "[ 3.2] a kernel line"));
        all.addAll(lines);
        for (String l : all) {
            var m = P.message(l);
            if (m.isPresent())
                f = fb.accept(m.get());
        }
        SerialProtocol.Frame fr = f.orElseThrow();
        assertEquals(intact, fr.intact(), fr.problem());
        assertEquals(rc, fr.rc());
        assertTrue(fr.problem().contains(problem), fr.problem());
        if (intact)
            assertEquals(List.of("some stderr"), fr.err());
    }

    @Test
    void putSendsCountedHashedChunksThenTheWholeHash() {
        String text = "sandbench-plan 1\n\n  indented\tline\n";
        List<List<String>> m = P.put(9, "/tmp/w/a.plan", text);
        assertEquals(2, m.size());
        assertEquals("SBVM-CMD " + N + " 9 put /tmp/w/a.plan 3 " + SerialProtocol.sha256(text) + " new", m.get(0).get(0));
        assertEquals(List.of("sandbench-plan 1", "", "  indented\tline"), m.get(0).subList(1, 4));
        assertEquals(List.of("SBVM-CMD " + N + " 10 done /tmp/w/a.plan " + SerialProtocol.sha256(text)), m.get(1));
        assertEquals(2, P.put(1, "/e", "").size(), "an empty file is one empty chunk and done");

        // A long file is cut into chunks that fit a guest terminal's input queue; together they are the file.
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 300; i++)
            big.append("seccomp-rule allow syscall_number_").append(i).append('\n');
        List<List<String>> chunks = P.put(1, "/big", big.toString());
        StringBuilder again = new StringBuilder();
        for (int i = 0; i < chunks.size() - 1; i++) {
            List<String> c = chunks.get(i);
            assertTrue(c.get(0).endsWith(i == 0 ? " new" : " add"), c.get(0));
            int bytes = c.subList(1, c.size()).stream().mapToInt(l -> l.length() + 1).sum();
            assertTrue(bytes <= SerialProtocol.CHUNK_BYTES, "chunk " + i + " has " + bytes + " bytes");
            assertEquals(Integer.toString(c.size() - 1), c.get(0).split(" ")[5]);
            c.subList(1, c.size()).forEach(l -> again.append(l).append('\n'));
        }
        assertTrue(chunks.size() > 10);
        assertEquals(big.toString(), again.toString());
    }

    static Stream<Arguments> refusedPuts() {
        return Stream.of(
                Arguments.of("no newline at the end", "must end with a newline"),
                Arguments.of("bell \u0007 inside\n", "not printable ASCII"),
                Arguments.of("caf\u00e9\n", "not printable ASCII"),
                Arguments.of("x".repeat(2000) + "\n", "too long for the serial line"));
    }

    @ParameterizedTest
    @MethodSource("refusedPuts")
    void putRefusesWhatTheLineCannotCarry(String content, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> P.put(1, "/f", content));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void argumentsTheGuestShellWouldSplitOrExpandAreRefused() {
        for (String bad : List.of("a b", "$(reboot)", "*", "a;b", "`x`", ""))
            assertThrows(IllegalArgumentException.class, () -> P.command(1, "run", List.of(bad)), bad);
        assertEquals("SBVM-CMD " + N + " 2 run 30 /tmp/w --path=/tmp/w/allowed/target",
                P.command(2, "run", List.of("30", "/tmp/w", "--path=/tmp/w/allowed/target")));
        assertThrows(IllegalArgumentException.class, () -> P.command(1, "run", List.of("x".repeat(1200))));
        assertFalse(SerialProtocol.newNonce().equals(SerialProtocol.newNonce()));
    }
}
