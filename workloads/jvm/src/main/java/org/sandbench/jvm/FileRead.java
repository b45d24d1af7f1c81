package org.sandbench.jvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Files.readAllBytes of a small file beneath the allowed directory: open, fstat, read, close. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FileRead {
    private Path file;

    @Setup(Level.Trial)
    public void setup() {
        Proof.once(Workload.id());
        file = Workload.work().resolve("allowed/jvm/data.txt");
    }

    @Benchmark
    public byte[] read() throws IOException {
        return Files.readAllBytes(file);
    }
}
