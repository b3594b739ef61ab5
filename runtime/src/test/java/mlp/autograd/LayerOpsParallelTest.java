package mlp.autograd;

import mlp.tensor.Budget;
import mlp.tensor.Parallel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layer operations on a batch large enough that their passes run in blocks of rows
 * ({@link Parallel}): the same bits on 1 and 2 threads, and each feature (row) the numbers the
 * same operation gives on that feature alone, a small batch that is not split (so no block is
 * skipped or run twice).
 */
class LayerOpsParallelTest {
    static final int FEATURES = 300, SAMPLES = 701; // 210300 elements: blocks of 46 rows, the last one short

    /**
     * The value of {@code op} and its inputs' gradients for sum(out × W), on the given threads;
     * W's numbers depend on the row (of the whole batch: a part's first row is row {@code from}).
     */
    private static List<double[]> run(int threads, List<DMatrixRMaj> inputs, Function<List<Node>, Node> op) {
        return run(threads, 0, inputs, op);
    }

    private static List<double[]> run(int threads, int from, List<DMatrixRMaj> inputs, Function<List<Node>, Node> op) {
        return Budget.DEFAULT.withThreads(threads).during(() -> {
            List<Node> leaves = new ArrayList<>();
            for (DMatrixRMaj m : inputs) leaves.add(Node.variable(m.copy()));
            Node out = op.apply(leaves);
            DMatrixRMaj w = new DMatrixRMaj(out.rows(), out.cols());
            for (int r = 0; r < w.numRows; r++)
                for (int c = 0; c < w.numCols; c++) w.set(r, c, Math.sin(1 + 0.37 * (r + from) + 0.11 * c));
            Node scalar = Ops.sum(Ops.mul(out, Node.constant(w)), -1);
            Plan plan = new Plan(scalar);
            plan.forward();
            plan.backward();
            plan.forward(); // a second step: gradients lazily cleared, then claimed
            plan.backward();
            List<double[]> result = new ArrayList<>();
            result.add(out.value.data.clone());
            for (Node leaf : leaves) result.add(leaf.grad().data.clone());
            return result;
        });
    }

    private static List<double[]> sameOnOneAndTwoThreads(String what, List<DMatrixRMaj> inputs, Function<List<Node>, Node> op) {
        List<double[]> one = run(1, inputs, op), two = run(2, inputs, op);
        for (int i = 0; i < one.size(); i++) assertArrayEquals(one.get(i), two.get(i), what + " result " + i);
        return one;
    }

    /** Rows [from, to) of a features×cols matrix. */
    private static DMatrixRMaj rows(DMatrixRMaj m, int from, int to) {
        DMatrixRMaj r = new DMatrixRMaj(to - from, m.numCols);
        System.arraycopy(m.data, from * m.numCols, r.data, 0, r.data.length);
        return r;
    }

    private static void assertRowsClose(double[] whole, int cols, int from, double[] part, String what) {
        for (int i = 0; i < part.length; i++)
            assertEquals(part[i], whole[from * cols + i], 1e-12 * (1 + Math.abs(part[i])), what + " at " + i);
    }

    @Test
    void theBatchIsSplit() {
        assertTrue(Parallel.splits((long) FEATURES * SAMPLES));
    }

    @Test
    void batchNormInTrainingModeSplitsOverFeatures() {
        DMatrixRMaj x = GradCheck.random(FEATURES, SAMPLES, 1), gamma = GradCheck.random(1, FEATURES, 2), beta = GradCheck.random(1, FEATURES, 3);
        DMatrixRMaj mean = new DMatrixRMaj(1, FEATURES), variance = new DMatrixRMaj(1, FEATURES);
        List<double[]> whole = sameOnOneAndTwoThreads("batchnorm", List.of(x, gamma, beta),
                in -> LayerOps.batchNormTrain(in.get(0), in.get(1), in.get(2), mean.copy(), variance.copy(), 0.1, 1e-5));
        for (int from : new int[]{0, 137, FEATURES - 3}) { // the first, a middle and the last block
            int to = from + 3;
            List<double[]> part = run(1, from, List.of(rows(x, from, to), slice(gamma, from, to), slice(beta, from, to)),
                    in -> LayerOps.batchNormTrain(in.get(0), in.get(1), in.get(2), new DMatrixRMaj(1, 3), new DMatrixRMaj(1, 3), 0.1, 1e-5));
            assertRowsClose(whole.get(0), SAMPLES, from, part.get(0), "value, features " + from);
            assertRowsClose(whole.get(1), SAMPLES, from, part.get(1), "x's gradient, features " + from);
            assertRowsClose(whole.get(2), 1, from, part.get(2), "gamma's gradient, features " + from);
            assertRowsClose(whole.get(3), 1, from, part.get(3), "beta's gradient, features " + from);
        }
    }

    @Test
    void batchNormInInferenceModeSplitsOverFeatures() {
        DMatrixRMaj x = GradCheck.random(FEATURES, SAMPLES, 4), gamma = GradCheck.random(1, FEATURES, 5), beta = GradCheck.random(1, FEATURES, 6);
        DMatrixRMaj mean = GradCheck.random(1, FEATURES, 7), variance = GradCheck.positive(1, FEATURES, 8);
        List<double[]> whole = sameOnOneAndTwoThreads("batchnorm (inference)", List.of(x, gamma, beta),
                in -> LayerOps.batchNormInfer(in.get(0), in.get(1), in.get(2), mean, variance, 1e-5));
        for (int from : new int[]{0, 137, FEATURES - 3}) {
            int to = from + 3;
            List<double[]> part = run(1, from, List.of(rows(x, from, to), slice(gamma, from, to), slice(beta, from, to)),
                    in -> LayerOps.batchNormInfer(in.get(0), in.get(1), in.get(2), slice(mean, from, to), slice(variance, from, to), 1e-5));
            for (int i = 0; i < 4; i++)
                assertRowsClose(whole.get(i), i == 0 || i == 1 ? SAMPLES : 1, from, part.get(i), "result " + i + ", features " + from);
        }
    }

    @Test
    void aLinearLayersBiasRowsSplit() { // its product is split by the product's own bands; its bias rows here
        DMatrixRMaj x = GradCheck.random(40, SAMPLES, 9), w = GradCheck.random(FEATURES, 40, 10), b = GradCheck.random(1, FEATURES, 11);
        List<double[]> whole = sameOnOneAndTwoThreads("linear", List.of(x, w, b), in -> LayerOps.linearThroughProducts(in.get(0), in.get(1), in.get(2)));
        for (int from : new int[]{0, 137, FEATURES - 3}) {
            int to = from + 3;
            List<double[]> part = run(1, from, List.of(x, rows(w, from, to), slice(b, from, to)),
                    in -> LayerOps.linearThroughProducts(in.get(0), in.get(1), in.get(2)));
            assertRowsClose(whole.get(0), SAMPLES, from, part.get(0), "value, rows " + from);
            assertRowsClose(whole.get(3), 1, from, part.get(3), "bias's gradient, rows " + from);
        }
    }

    @Test
    void leakyReluIsThePlainFunctionInBlocks() {
        DMatrixRMaj x = GradCheck.random(FEATURES, SAMPLES, 12);
        List<double[]> whole = sameOnOneAndTwoThreads("leaky_relu", List.of(x), in -> LayerOps.leakyRelu(in.get(0), 0.1));
        for (int i = 0; i < x.data.length; i++) assertEquals(x.data[i] > 0 ? x.data[i] : 0.1 * x.data[i], whole.get(0)[i]);
    }

    /** Elements [from, to) of a 1×c row, as a 1×(to-from) row. */
    private static DMatrixRMaj slice(DMatrixRMaj row, int from, int to) {
        DMatrixRMaj r = new DMatrixRMaj(1, to - from);
        System.arraycopy(row.data, from, r.data, 0, to - from);
        return r;
    }
}
