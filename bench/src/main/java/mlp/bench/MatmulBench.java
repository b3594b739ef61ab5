package mlp.bench;

import mlp.tensor.Kernels;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
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

/** Small products, the tutorial's shapes: (n×k) @ (k×m), against EJML's general routine. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MatmulBench {
    @Param({"300x2x2", "300x2x16", "300x16x16"})
    public String shape;

    private DMatrixRMaj a, b, out;

    @Setup
    public void setup() {
        String[] s = shape.split("x");
        int n = Integer.parseInt(s[0]), k = Integer.parseInt(s[1]), m = Integer.parseInt(s[2]);
        Random r = new Random(1);
        a = new DMatrixRMaj(n, k);
        b = new DMatrixRMaj(k, m);
        out = new DMatrixRMaj(n, m);
        for (int i = 0; i < a.data.length; i++) a.data[i] = r.nextGaussian();
        for (int i = 0; i < b.data.length; i++) b.data[i] = r.nextGaussian();
    }

    @Benchmark
    public DMatrixRMaj kernels() {
        Kernels.matmul(a, b, out);
        return out;
    }

    @Benchmark
    public DMatrixRMaj ejml() {
        CommonOps_DDRM.mult(a, b, out);
        return out;
    }
}
