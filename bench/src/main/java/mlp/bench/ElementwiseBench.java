package mlp.bench;

import mlp.autograd.Node;
import mlp.autograd.Ops;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/** The cost of one eager elementwise op on a 300×2 tensor (the tutorial's data size). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ElementwiseBench {
    private final Node a = Node.constant(random(300, 2, 1));
    private final Node b = Node.constant(random(300, 2, 2));

    private static DMatrixRMaj random(int r, int c, long seed) {
        Random rng = new Random(seed);
        DMatrixRMaj m = new DMatrixRMaj(r, c);
        for (int i = 0; i < m.data.length; i++) m.data[i] = rng.nextGaussian();
        return m;
    }

    @Benchmark
    public Node addOps() {
        return Ops.add(a, b);
    }
}
