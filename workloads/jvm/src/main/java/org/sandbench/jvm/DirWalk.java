package org.sandbench.jvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Files.walk over the tree the harness planted beneath allowed/jvm/tree: opendir, getdents, stat per entry. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DirWalk {
    private Path tree;

    @Setup(Level.Trial)
    public void setup() {
        Proof.once(Workload.id());
        tree = Workload.work().resolve("allowed/jvm/tree");
    }

    @Benchmark
    public long walk() throws IOException {
        try (Stream<Path> s = Files.walk(tree)) {
            return s.count();
        }
    }
}
