package mlp.embed;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The builder's threads setting: a training run large enough for the product interface, and large
 * elementwise work with its sums, give the same bits on 1 and 2 threads.
 */
class ThreadsEmbedTest {
    private static final String PROGRAM = """
            seed(3)
            X = randn(700, 48)
            y = randn(700, 5)
            m = linear(48, 96) |> relu |> residual |> batchnorm |> linear(5)
            r = train(m, X, y, epochs=3, batch=256, progress=false)
            """;

    private static double[][] predictions(int threads) {
        try (MlpInterpreter mlp = MlpInterpreter.builder().outputOff().progressOff().picturesOff().threads(threads).build()) {
            mlp.eval(PROGRAM);
            return mlp.eval("m(X)").asArray();
        }
    }

    @Test
    void oneAndTwoThreadsTrainToTheSameBits() {
        double[][] one = predictions(1), two = predictions(2), again = predictions(2);
        for (int i = 0; i < one.length; i++) {
            assertArrayEquals(one[i], two[i], "row " + i);
            assertArrayEquals(two[i], again[i], "row " + i);
        }
    }

    /** Large elementwise work (above the split into blocks, not a whole number of them), its gradient and sums. */
    private static final String ELEMENTWISE = """
            seed(4)
            X = randn(700, 401)
            Y = exp(-X * X) + sin(X) * 0.5 - X / 3 + X[0] * X[:, 0]
            g = grad(x -> tanh(x) * relu(x) + sigmoid(x * X), X)
            print(sum(Y), mean(Y), sum(g), mean(abs(g)))
            print(sum(sum(Y * Y, dim=0)), sum(sum(Y, dim=1)), Y[0, 0], g[699, 400])
            """;

    private static String printed(int threads) {
        java.io.StringWriter out = new java.io.StringWriter();
        try (MlpInterpreter mlp = MlpInterpreter.builder().output(out).progressOff().picturesOff().threads(threads).build()) {
            mlp.eval(ELEMENTWISE);
            if (threads == 1) { // the printed sum is the sum of fixed blocks of Y's elements, in block order
                double[][] y = mlp.eval("Y").asArray();
                double[] flat = java.util.Arrays.stream(y).flatMapToDouble(java.util.Arrays::stream).toArray();
                double total = 0;
                for (int from = 0; from < flat.length; from += 1 << 15) {
                    double s = 0;
                    for (int i = from; i < Math.min(flat.length, from + (1 << 15)); i++) s += flat[i];
                    total += s;
                }
                String first = out.toString().split("[ \\n]")[0];
                assertEquals(total, Double.parseDouble(first), "sum(Y) printed as " + first);
            }
        }
        return out.toString();
    }

    @Test
    void largeElementwiseWorkPrintsTheSameOnOneAndTwoThreads() {
        String one = printed(1), two = printed(2), again = printed(2);
        assertEquals(one, two);
        assertEquals(two, again);
        assertEquals(2, one.lines().count(), one);
    }

    @Test
    void threadsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> MlpInterpreter.builder().threads(0));
    }
}
