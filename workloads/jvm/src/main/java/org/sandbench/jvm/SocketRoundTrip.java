package org.sandbench.jvm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One byte to an echo thread over loopback TCP and back: write, read on both sides.
 * The echo server binds the port the harness reserved (a Landlock bind rule names it),
 * and the benchmark connects to it (a connect rule).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SocketRoundTrip {
    private ServerSocket server;
    private Thread echo;
    private Socket client;
    private InputStream in;
    private OutputStream out;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Proof.once(Workload.id());
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), Workload.echoPort()));
        echo = new Thread(() -> {
            try (Socket s = server.accept()) {
                s.setTcpNoDelay(true);
                InputStream i = s.getInputStream();
                OutputStream o = s.getOutputStream();
                int b;
                while ((b = i.read()) >= 0)
                    o.write(b);
            } catch (IOException e) {
                // the benchmark closed the connection
            }
        }, "echo");
        echo.setDaemon(true);
        echo.start();
        client = new Socket();
        client.setTcpNoDelay(true);
        client.connect(server.getLocalSocketAddress());
        in = client.getInputStream();
        out = client.getOutputStream();
    }

    @Benchmark
    public int roundTrip() throws IOException {
        out.write(42);
        return in.read();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
        client.close();
        server.close();
        echo.join(1000);
    }
}
