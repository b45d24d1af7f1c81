package org.sandbench.jvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The JMH parent of one JVM trial, run by the harness without a sandbox.  Its forked
 * benchmark JVM runs inside the model through {@link LauncherProfiler}.  Prints the
 * workload protocol (docs/protocol.md) like a C workload: the launcher's and the fork's
 * own lines, then one "SB1 batch" per measurement iteration with JMH's measured
 * operation count and their total time, so the harness's statistics apply unchanged.
 * JMH's JSON (raw per-iteration data) is written where --json says.
 *
 * <pre>
 * Driver --benchmark FileRead --workload jvm-file-read --launcher sb-launch --plan P [--cpu N]
 *        --work DIR --link-port P --echo-port Q --json FILE
 *        [--batches N] [--batch-ms MS] [--warmup-iterations N] [--warmup-ms MS]
 * </pre>
 * Exit codes: 0 done, 2 usage, 4 the fork was killed by the sandbox, 1 otherwise.
 */
public final class Driver {
    public static final List<String> BENCHMARKS = List.of("FileRead", "DirWalk", "SocketRoundTrip", "JnaGetpid");
    /** Where Debian's multiarch libc lives. */
    static final List<String> LIB_DIRS = List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib");

    private Driver() {
    }

    public static void main(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length)
                usage("expected --key value pairs, got '" + args[i] + "'");
            o.put(args[i].substring(2), args[++i]);
        }
        for (String k : List.of("benchmark", "workload", "launcher", "plan", "work", "link-port", "echo-port", "json"))
            if (!o.containsKey(k))
                usage("--" + k + " is required");
        String bench = o.get("benchmark");
        if (!BENCHMARKS.contains(bench))
            usage("unknown benchmark '" + bench + "' (known: " + String.join(", ", BENCHMARKS) + ")");
        Path work = Path.of(o.get("work"));
        try {
            fixtures(work);
        } catch (IOException e) {
            fail(1, "fixtures", "cannot create the workload's files in " + work + ": " + e.getMessage());
        }
        // The fork connects back to this port: the Landlock plan allows exactly it.
        System.setProperty("jmh.link.address", "127.0.0.1");
        System.setProperty("jmh.link.port", o.get("link-port"));
        String init = "launcher=" + o.get("launcher") + ";plan=" + o.get("plan") + ";tmpdir=" + work.resolve("tmp")
                + (o.containsKey("cpu") ? ";cpu=" + o.get("cpu") : "");
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include("^org\\.sandbench\\.jvm\\." + bench + "\\.")
                .forks(1)
                .warmupIterations(Integer.parseInt(o.getOrDefault("warmup-iterations", "5")))
                .warmupTime(TimeValue.milliseconds(Long.parseLong(o.getOrDefault("warmup-ms", "100"))))
                .measurementIterations(Integer.parseInt(o.getOrDefault("batches", "10")))
                .measurementTime(TimeValue.milliseconds(Long.parseLong(o.getOrDefault("batch-ms", "50"))))
                .jvm(Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .jvmArgs("-XX:-UsePerfData", "-Xss1m", "-Dsandbench.work=" + work, "-Dsandbench.workload="
                        + o.get("workload"), "-Dsandbench.echo.port=" + o.get("echo-port"),
                        "-Djava.io.tmpdir=" + work.resolve("tmp"), "-Djna.tmpdir=" + work.resolve("tmp"),
                        // Set, it stops JNA from running ldconfig -p in a subprocess (inside the sandbox)
                        // to find its default search path (NativeLibrary's static initialiser).
                        "-Djna.platform.library.path=" + String.join(":", LIB_DIRS))
                .addProfiler(LauncherProfiler.class, init)
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(o.get("json"))
                .verbosity(VerboseMode.NORMAL);
        Collection<RunResult> results;
        try {
            results = new Runner(b.build()).run();
        } catch (RunnerException | RuntimeException e) {
            forkLines();
            boolean sigsys = LauncherProfiler.FORK_STDERR.stream().anyMatch(l -> l.contains("SIGSYS"));
            fail(sigsys ? 4 : 1, "jmh", (sigsys ? "the forked JVM was killed by SIGSYS: a system call outside the "
                    + "seccomp policy; " : "") + oneLine(e) + tail());
            return;
        }
        forkLines();
        int k = 0;
        for (RunResult rr : results)
            for (BenchmarkResult br : rr.getBenchmarkResults())
                for (IterationResult ir : br.getIterationResults()) {
                    long ops = ir.getMetadata().getMeasuredOps();
                    double score = ir.getPrimaryResult().getScore(); // ns/op (OutputTimeUnit)
                    System.out.println("SB1 batch i=" + k++ + " iters=" + ops + " ns=" + Math.round(score * ops));
                }
        if (k == 0)
            fail(1, "jmh", "JMH returned no measurement iterations" + tail());
        System.out.println("SB1 end batches=" + k);
        System.out.flush();
        System.exit(0);
    }

    /** What the benchmarks read: a 4 KiB file and a small tree (4 x 4 x 4 files in 21 directories). */
    static void fixtures(Path work) throws IOException {
        Path dir = work.resolve("allowed/jvm");
        Files.createDirectories(dir);
        Files.createDirectories(work.resolve("tmp"));
        Path data = dir.resolve("data.txt");
        if (!Files.exists(data))
            Files.write(data, new byte[4096]);
        Path tree = dir.resolve("tree");
        for (int a = 0; a < 4; a++)
            for (int c = 0; c < 4; c++) {
                Path d = tree.resolve("a" + a).resolve("b" + c);
                Files.createDirectories(d);
                for (int f = 0; f < 4; f++) {
                    Path p = d.resolve("f" + f);
                    if (!Files.exists(p))
                        Files.writeString(p, "sandbench\n");
                }
            }
    }

    private static void forkLines() {
        synchronized (LauncherProfiler.FORK_LINES) {
            for (String l : LauncherProfiler.FORK_LINES)
                System.out.println(l);
        }
    }

    private static String tail() {
        List<String> e = LauncherProfiler.FORK_STDERR;
        if (e.isEmpty())
            return "";
        return " (fork stderr: " + String.join(" | ", e.subList(Math.max(0, e.size() - 5), e.size())) + ")";
    }

    private static String oneLine(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause())
            sb.append(sb.length() == 0 ? "" : ": ").append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        return sb.toString().replace('\n', ' ');
    }

    private static void usage(String msg) {
        fail(2, "usage", msg);
    }

    private static void fail(int code, String op, String msg) {
        System.out.println("SB1 error op=" + op + " detail=- errno=0 message=" + msg);
        System.out.flush();
        System.err.println("sandbench jvm driver: " + msg);
        System.exit(code);
    }
}
