package mlp.bench;

import mlp.autograd.LayerOps;
import mlp.autograd.Node;
import mlp.autograd.Plan;
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

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The fused linear layer of a compiled training graph ({@link LayerOps#linear}), feature-major:
 * x is in×n, W out×in; forward alone, and forward + backward (gradients of W, b and x), at the
 * shapes the tutorial's nets and wider ones give ("n x in x out").
 * <pre>
 *   java -jar bench/target/benchmarks.jar LinearBench
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LinearBench {
    @Param({"500x2x16", "500x16x16", "500x16x2", "300x64x64"})
    public String shape;

    private Plan plan;
    private Node y;

    @Setup
    public void setup() {
        String[] s = shape.split("x");
        int n = Integer.parseInt(s[0]), in = Integer.parseInt(s[1]), out = Integer.parseInt(s[2]);
        Random r = new Random(1);
        Node x = Node.variable(random(in, n, r)), w = Node.variable(random(out, in, r)), b = Node.variable(random(1, out, r));
        y = LayerOps.linear(x, w, b);
        plan = new Plan(y);
    }

    private static DMatrixRMaj random(int rows, int cols, Random r) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) m.data[i] = r.nextGaussian();
        return m;
    }

    @Benchmark
    public double forward() {
        plan.forward();
        return y.value.data[0];
    }

    @Benchmark
    public double forwardBackward() {
        plan.forward();
        plan.backward();
        return y.value.data[0];
    }
}
