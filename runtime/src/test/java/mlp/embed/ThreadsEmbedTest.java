package mlp.embed;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The builder's threads setting: a training run large enough for the product interface gives the same bits on 1 and 2 threads. */
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

    @Test
    void threadsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> MlpInterpreter.builder().threads(0));
    }
}
