package mlp.bench;

import mlp.autograd.Node;
import mlp.autograd.Ops;
import mlp.autograd.Plan;
import mlp.tensor.Budget;
import mlp.tensor.Kernels;
import mlp.tensor.Parallel;
import org.ejml.data.DMatrixRMaj;
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

import java.util.concurrent.TimeUnit;

/**
 * Elementwise passes on 1 and 2 threads ({@link Parallel}): eager kernels (add, exp), a fused
 * backward loop as a layer would write it (relu's, through a range made once), a sum over every
 * element, and a small autograd graph's forward and backward (sum(relu(a + b))). 300×2 is the
 * tutorial's size, which must take the one-range path at the old speed.
 *
 * <pre>java -jar bench/target/benchmarks.jar ParallelBench -f 1 -wi 3 -i 5 -w 1 -r 1</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParallelBench {
    @Param({"300x2", "400x400", "1000x1000", "5000x1000"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private DMatrixRMaj a, b, out, grad;
    private Parallel.Range reluBackward;
    private Parallel.Sum total;
    private Plan graph;
    private int n;


    @Setup
    public void setUp() {
        Budget.DEFAULT.withThreads(threads).install(); // this benchmark thread's evaluation: its threads
        String[] rc = shape.split("x");
        int rows = Integer.parseInt(rc[0]), cols = Integer.parseInt(rc[1]);
        a = BenchData.random(rows, cols, 1);
        b = BenchData.random(rows, cols, 2);
        out = new DMatrixRMaj(rows, cols);
        grad = new DMatrixRMaj(rows, cols);
        n = rows * cols;
        double[] x = a.data, g = b.data, gx = grad.data;
        reluBackward = (from, to) -> { // as Ops.relu's: the gradient's bits masked where the value is positive (no branch)
            for (int i = from; i < to; i++)
                gx[i] += Double.longBitsToDouble(Double.doubleToRawLongBits(g[i]) & (-(Double.doubleToRawLongBits(Math.max(x[i], 0)) & Long.MAX_VALUE) >> 63));
        };
        total = (from, to) -> {
            double s = 0;
            for (int i = from; i < to; i++) s += x[i];
            return s;
        };
        graph = new Plan(Ops.sum(Ops.relu(Ops.add(Node.variable(a.copy()), Node.variable(b.copy()))), -1));
    }

    @Benchmark
    public DMatrixRMaj add() {
        Kernels.elementwise(Kernels.Binary.ADD, a, b, out);
        return out;
    }

    @Benchmark
    public DMatrixRMaj exp() {
        Kernels.map(Kernels.Unary.EXP, a, out);
        return out;
    }

    @Benchmark
    public DMatrixRMaj reluBackward() {
        Parallel.forRange(n, reluBackward);
        return grad;
    }

    @Benchmark
    public double sum() {
        return Parallel.sum(n, total);
    }

    @Benchmark
    public Plan graph() {
        graph.forward();
        graph.backward();
        return graph;
    }
}
