package mlp.bench;

import org.ejml.data.DMatrixRMaj;

import java.util.Random;

/** Inputs the benchmarks share. */
final class BenchData {
    private BenchData() {
    }

    /** A rows×cols matrix of standard normal numbers from {@code new Random(seed)}, row by row. */
    static DMatrixRMaj random(int rows, int cols, long seed) {
        Random rng = new Random(seed);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) m.data[i] = rng.nextGaussian();
        return m;
    }
}
