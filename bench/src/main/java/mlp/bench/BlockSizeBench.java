package mlp.bench;

import mlp.tensor.product.Workers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * How mlp.tensor.Parallel's constants were chosen: a cheap pass (add) and a dearer one (exp) over n
 * elements, cut into blocks of {@code block} elements and run by {@link Workers} on {@code threads}
 * threads (threads=0: one plain loop, no blocks). The block size is where 2 threads gain most on
 * large n; the split threshold is the n below which 2 threads stop beating the plain loop.
 *
 * <pre>java -jar bench/target/benchmarks.jar BlockSizeBench -f 1 -wi 3 -i 5 -w 1 -r 1</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BlockSizeBench {
    @Param({"32768", "131072", "1000000", "5000000"})
    public int n;

    @Param({"8192", "32768", "131072"})
    public int block;

    @Param({"0", "1", "2"})
    public int threads;

    private double[] x, y, o;

    @Setup
    public void setUp() {
        Random rng = new Random(1);
        x = new double[n];
        y = new double[n];
        o = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
            y[i] = rng.nextGaussian();
        }
    }

    private interface Pass {
        void run(int from, int to);
    }

    private void blocks(Pass pass) {
        if (threads == 0) {
            pass.run(0, n);
            return;
        }
        int count = (n + block - 1) / block;
        Workers.run(count, threads, i -> pass.run(i * block, Math.min(n, (i + 1) * block)), () -> { });
    }

    @Benchmark
    public double[] add() {
        blocks((from, to) -> {
            for (int i = from; i < to; i++) o[i] = x[i] + y[i];
        });
        return o;
    }

    @Benchmark
    public double[] exp() {
        blocks((from, to) -> {
            for (int i = from; i < to; i++) o[i] = Math.exp(x[i]);
        });
        return o;
    }
}
