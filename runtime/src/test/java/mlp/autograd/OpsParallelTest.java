package mlp.autograd;

import mlp.tensor.Budget;
import mlp.tensor.Parallel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The autograd ops on large tensors (above the split, not a whole number of blocks): value and
 * gradients bit for bit the same on 1 and 2 threads, elementwise values those of the plain
 * function, and a sum over every element (sum, mean, the losses) the sum of fixed blocks.
 */
class OpsParallelTest {
    static final int ROWS = 397, COLS = 521; // 206837 elements

    /** The value of {@code op}, then the gradients of its inputs for sum(out × W), on the given threads. */
    private static List<double[]> run(int threads, List<DMatrixRMaj> inputs, Function<List<Node>, Node> op) {
        return Budget.DEFAULT.withThreads(threads).during(() -> {
            List<Node> leaves = new ArrayList<>();
            for (DMatrixRMaj m : inputs) leaves.add(Node.variable(m.copy()));
            Node out = op.apply(leaves);
            Node scalar = Ops.sum(Ops.mul(out, Node.constant(GradCheck.random(out.rows(), out.cols(), 99))), -1);
            Plan plan = new Plan(scalar);
            plan.forward();
            plan.backward();
            List<double[]> result = new ArrayList<>();
            result.add(out.value.data.clone());
            for (Node leaf : leaves) result.add(leaf.grad().data.clone());
            return result;
        });
    }

    private static void assertBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++)
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i]))
                assertEquals(expected[i], actual[i], what + " at " + i + " (bits differ)");
    }

    /** Value and gradients of op the same on 1 and 2 threads; returns the value. */
    private static double[] same(String what, List<DMatrixRMaj> inputs, Function<List<Node>, Node> op) {
        List<double[]> one = run(1, inputs, op), two = run(2, inputs, op);
        for (int i = 0; i < one.size(); i++) assertBits(one.get(i), two.get(i), what + (i == 0 ? " value" : " gradient " + i));
        return two.get(0);
    }

    private static final DMatrixRMaj X = GradCheck.random(ROWS, COLS, 1), Y = GradCheck.random(ROWS, COLS, 2);

    @Test
    void theSizeIsSplit() {
        assertTrue(Parallel.splits((long) ROWS * COLS) && ROWS * COLS % Parallel.BLOCK != 0);
    }

    @Test
    void unaryOpsGiveTheSameBitsOnOneAndTwoThreads() {
        Map<String, Function<Node, Node>> ops = Map.ofEntries(
                Map.entry("relu", Ops::relu), Map.entry("sigmoid", Ops::sigmoid), Map.entry("tanh", Ops::tanh),
                Map.entry("exp", Ops::exp), Map.entry("abs", Ops::abs), Map.entry("sin", Ops::sin),
                Map.entry("cos", Ops::cos), Map.entry("tan", Ops::tan), Map.entry("neg", Ops::neg),
                Map.entry("transpose", Ops::transpose));
        Map<String, DoubleUnaryOperator> plain = Map.of("relu", x -> Math.max(x, 0), "sigmoid", Ops::sigmoid,
                "tanh", Math::tanh, "exp", Math::exp, "sin", Math::sin);
        ops.forEach((name, op) -> {
            double[] value = same(name, List.of(X), in -> op.apply(in.get(0)));
            if (plain.containsKey(name)) {
                double[] expected = X.data.clone();
                for (int i = 0; i < expected.length; i++) expected[i] = plain.get(name).applyAsDouble(expected[i]);
                assertBits(expected, value, name + " against the plain function");
            }
        });
        DMatrixRMaj positive = GradCheck.positive(ROWS, COLS, 3);
        same("log", List.of(positive), in -> Ops.log(in.get(0)));
        same("sqrt", List.of(positive), in -> Ops.sqrt(in.get(0)));
    }

    @Test
    void binaryOpsGiveTheSameBitsOnOneAndTwoThreads() {
        Map<String, BiFunction<Node, Node, Node>> ops = Map.of("+", Ops::add, "-", Ops::sub, "*", Ops::mul, "/", Ops::div);
        DMatrixRMaj row = GradCheck.random(1, COLS, 4), col = GradCheck.random(ROWS, 1, 5), one = GradCheck.random(1, 1, 6);
        ops.forEach((name, op) -> {
            for (DMatrixRMaj b : List.of(Y, row, col, one)) {
                String what = name + " with a " + b.numRows + "×" + b.numCols;
                double[] value = same(what, List.of(X, b), in -> op.apply(in.get(0), in.get(1)));
                if (name.equals("+") && b == Y) {
                    double[] expected = new double[value.length];
                    for (int i = 0; i < expected.length; i++) expected[i] = X.data[i] + Y.data[i];
                    assertBits(expected, value, "+ against the plain loop");
                }
            }
        });
        same("^", List.of(GradCheck.positive(ROWS, COLS, 7), GradCheck.random(1, COLS, 8)), in -> Ops.pow(in.get(0), in.get(1)));
    }

    @Test
    void lossesGiveTheSameBitsOnOneAndTwoThreads() {
        DMatrixRMaj probabilities = GradCheck.positive(ROWS, COLS, 9), targets = GradCheck.positive(ROWS, COLS, 10);
        for (int i = 0; i < probabilities.data.length; i++) {
            probabilities.data[i] = probabilities.data[i] / 2;    // in (0.15, 0.75)
            targets.data[i] = targets.data[i] > 0.9 ? 1 : 0;
        }
        double[] mse = same("mse", List.of(X, Y), in -> LossOps.mse(in.get(0), in.get(1)));
        same("mae", List.of(X, Y), in -> LossOps.mae(in.get(0), in.get(1)));
        same("bce", List.of(probabilities, targets), in -> LossOps.bce(in.get(0), in.get(1)));
        double[] squares = new double[X.data.length];
        for (int i = 0; i < squares.length; i++) squares[i] = (X.data[i] - Y.data[i]) * (X.data[i] - Y.data[i]);
        assertBits(new double[]{blockSum(squares) / squares.length}, mse, "mse: the fixed blocks' sum of squares over n");
    }

    /** The sum the reductions promise: each block of {@link Parallel#BLOCK} in order, then the blocks' sums in order. */
    private static double blockSum(double[] x) {
        double total = 0;
        for (int from = 0; from < x.length; from += Parallel.BLOCK) {
            double s = 0;
            for (int i = from; i < Math.min(x.length, from + Parallel.BLOCK); i++) s += x[i];
            total += s;
        }
        return total;
    }

    @Test
    void sumsAndMeansGiveTheSameBitsOnOneAndTwoThreads() {
        for (int dim : new int[]{-1, 0, 1}) {
            same("sum dim " + dim, List.of(X), in -> Ops.sum(in.get(0), dim));
            same("mean dim " + dim, List.of(X), in -> Ops.mean(in.get(0), dim));
        }
        // every element: the sum of fixed blocks, added in block order
        int n = ROWS * COLS;
        double blocks = blockSum(X.data);
        assertBits(new double[]{blocks}, same("sum", List.of(X), in -> Ops.sum(in.get(0), -1)), "sum of fixed blocks");
        assertBits(new double[]{blocks / n}, same("mean", List.of(X), in -> Ops.mean(in.get(0), -1)), "mean of fixed blocks");
        // down the columns and across the rows: each output added in index order, as one loop does
        double[] down = new double[COLS], across = new double[ROWS];
        for (int r = 0; r < ROWS; r++)
            for (int c = 0; c < COLS; c++) {
                down[c] += X.data[r * COLS + c];
                across[r] += X.data[r * COLS + c];
            }
        assertBits(down, same("sum dim 0", List.of(X), in -> Ops.sum(in.get(0), 0)), "column sums");
        assertBits(across, same("sum dim 1", List.of(X), in -> Ops.sum(in.get(0), 1)), "row sums");
    }
}
