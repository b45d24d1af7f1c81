package org.sandbench.jvm;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** getpid(2) through JNA's direct mapping of libc: the JVM's native-call path plus one system call. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JnaGetpid {
    @Setup(Level.Trial)
    public void setup() {
        Proof.once(Workload.id());
    }

    @Benchmark
    public int getpid() {
        // glibc >= 2.25 no longer caches getpid: every call enters the kernel.
        return Proof.LibC.getpid();
    }
}
