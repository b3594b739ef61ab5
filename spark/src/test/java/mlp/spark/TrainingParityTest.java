package mlp.spark;

import mlp.MlpError;
import mlp.train.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A full-batch run on Spark local[*] is the local run, epoch by epoch: the tutorial's residual
 * model on its "linear by parts" data (300 rows), in 1, 2 and 8 partitions.
 */
class TrainingParityTest {
    @TempDir
    static Path dir;

    static final int EPOCHS = 25;
    static final String MODEL = "linear(2, 2, init=identity) |> residual(init=identity) |> residual(init=identity) |> linear(2, 2, init=identity)";

    /** The tutorial's data, written once as parts.csv (x1, x2, y1, y2): CSV numbers read back exactly. */
    @BeforeAll
    static void data() {
        Scripts.run(dir, """
                seed(20)
                X1 = randn(100, 2) + [3, -3]
                y1 = 3 * X1 + 0.01 * randn(100, 2)
                X2 = randn(100, 2)
                theta = 150 * pi / 180
                R2 = [[cos(theta), -sin(theta)], [sin(theta), cos(theta)]]
                y2 = X2 @ R2 + [-3, 3] + 0.01 * randn(100, 2)
                X3 = randn(100, 2) + [3, 3]
                y3 = -5 * X3 - 0.01 * randn(100, 2)
                save(cat(cat(X1, X2, X3), cat(y1, y2, y3), dim=1), "parts.csv")
                """);
    }

    private static Run local() {
        return (Run) Scripts.eval(dir, "D = load(\"parts.csv\")\ntrain(" + MODEL + ", D[:, 0:2], D[:, 2:4], lr=0.01, epochs=" + EPOCHS + ")");
    }

    private static Run spark(int partitions, String more) {
        return (Run) Scripts.eval(dir, "c = spark()\nD = c.load(\"parts.csv\", partitions=" + partitions + ")\ntrain(" + MODEL
                + ", D[:, 0:2], D[:, 2:4], lr=0.01, epochs=" + EPOCHS + more + ")");
    }

    @Test
    void fullBatchEqualsTheLocalRunEpochByEpochIn1And2And8Partitions() {
        Run local = local();
        for (int partitions : new int[]{1, 2, 8}) {
            Run cluster = spark(partitions, "");
            assertEquals(EPOCHS, cluster.epochs());
            for (int e = 0; e < EPOCHS; e++) {
                double l = local.loss(e), s = cluster.loss(e);
                assertEquals(l, s, 1e-9 * Math.abs(l), partitions + " partitions, epoch " + (e + 1));
            }
            // and the trained weights, which later epochs build on
            assertEquals(weights(local), weights(cluster), 1e-9, partitions + " partitions: weights");
        }
    }

    /** The largest relative difference from the local model's first layer is compared through its weight sum. */
    private static double weights(Run run) {
        mlp.nn.Layer m = (mlp.nn.Layer) run.model();
        double s = 0;
        for (mlp.nn.Param p : m.params()) for (double v : p.value.data) s += v * 1.000001;
        return s;
    }

    @Test
    void miniBatchesTakeSynchronousStepsAndLearn() {
        Run cluster = spark(4, ", batch=100");
        assertEquals(EPOCHS, cluster.epochs());
        assertTrue(cluster.loss(EPOCHS - 1) < 0.5 * cluster.loss(0), "loss " + cluster.loss(0) + " -> " + cluster.loss(EPOCHS - 1));
        // three steps an epoch: it goes further than full batch in as many epochs
        assertTrue(cluster.loss(EPOCHS - 1) < local().loss(EPOCHS - 1));
    }

    @Test
    void aNanLossStopsWithTheLocalErrorAndTargetsMustMatch() {
        MlpError e = Scripts.fail(dir, "c = spark()\nD = c.load(\"parts.csv\", partitions=2)\nm = " + MODEL
                + "\nrun = train(m, D[:, 0:2], D[:, 2:4], optimizer=sgd, lr=1e10, epochs=20)");
        MlpError local = Scripts.fail(dir, "c = 0\nD = load(\"parts.csv\")\nm = " + MODEL
                + "\nrun = train(m, D[:, 0:2], D[:, 2:4], optimizer=sgd, lr=1e10, epochs=20)");
        assertTrue(e.getMessage().contains("the loss became"), e.getMessage());
        assertEquals(local.getMessage(), e.getMessage()); // the same epoch, the same words, the same place
        e = Scripts.fail(dir, "c = spark()\nD = c.load(\"parts.csv\")\ntrain(" + MODEL + ", D[:, 0:2], D[:, 2:3], epochs=2)");
        assertTrue(e.getMessage().startsWith("test.mlp:3:") && e.getMessage().contains("train: the model's output has 2 columns but y has 1"), e.getMessage());
        e = Scripts.fail(dir, "c = spark()\nD = c.load(\"parts.csv\")\ntrain(linear(2, 2) |> batchnorm, D[:, 0:2], D[:, 2:4], epochs=2)");
        assertTrue(e.getMessage().contains("train: batchnorm cannot train on a cluster yet"), e.getMessage());
    }
}
