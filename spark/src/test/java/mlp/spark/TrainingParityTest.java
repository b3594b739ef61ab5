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
 * model on its "linear by parts" data (300 rows), and the scaled workload's shape with its batch
 * norm, in 1, 2 and 8 partitions.
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
                Xs = randn(1000, 32)
                W = randn(32, 8) / 4
                save(cat(Xs, tanh(Xs @ W) + 0.01 * randn(1000, 8), dim=1), "scaled.csv")
                Xv = randn(30, 2) + [3, 3]
                save(cat(Xv, 4 * Xv + 0.01 * randn(30, 2), dim=1), "val.csv")
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

    /**
     * The scaled workload's shape (32 inputs, 256 wide, two residual blocks, a batch norm, 8
     * outputs) on 1000 rows: its batch norm is synchronous (the whole batch's statistics), so
     * each epoch's loss, the trained weights and the running statistics are the local run's.
     */
    @Test
    void theScaledWorkloadWithBatchNormEqualsTheLocalRunIn1And2And8Partitions() {
        String model = "seed(7)\nm = linear(32, 256) |> relu |> residual |> residual |> batchnorm |> linear(8)\n";
        String fit = "train(m, D[:, 0:32], D[:, 32:40], lr=0.001, epochs=10)";
        Run local = (Run) Scripts.eval(dir, "D = load(\"scaled.csv\")\n" + model + fit);
        long redone = Shard.REDONE.get();
        for (int partitions : new int[]{1, 2, 8}) {
            Run cluster = (Run) Scripts.eval(dir, "c = spark()\nD = c.load(\"scaled.csv\", partitions=" + partitions + ")\n" + model + fit);
            for (int e = 0; e < 10; e++)
                assertEquals(local.loss(e), cluster.loss(e), 1e-9 * Math.abs(local.loss(e)), partitions + " partitions, epoch " + (e + 1));
            assertEquals(weights(local), weights(cluster), 1e-9 * Math.abs(weights(local)), partitions + " partitions: weights");
            assertEquals(runningStats(local), runningStats(cluster), 1e-9 * Math.abs(runningStats(local)), partitions + " partitions: running statistics");
        }
        assertTrue(local.loss(9) < 0.8 * local.loss(0), "it learns: " + local.loss(0) + " -> " + local.loss(9));
        assertEquals(redone, Shard.REDONE.get(), "each phase of a step went on from the last one, kept with its cached shard");
    }

    /**
     * Partitions of more rows than a chunk (spark.mlp.chunk of 3 MB: 67 rows of this model) run
     * chunk by chunk, each phase of a step computing its chunks' forward again: still the local
     * run, batch norm included, in 1 and 3 partitions (chunks of unequal rows).
     */
    @Test
    void partitionsOfManyChunksEqualTheLocalRunWithBatchNorm() {
        String model = "seed(7)\nm = linear(32, 256) |> relu |> residual |> residual |> batchnorm |> linear(8)\n";
        String fit = "train(m, D[:, 0:32], D[:, 32:40], lr=0.001, epochs=3)";
        Run local = (Run) Scripts.eval(dir, "D = load(\"scaled.csv\")\n" + model + fit);
        System.setProperty(DistTraining.CHUNK, "3m");
        try {
            for (int partitions : new int[]{1, 3}) {
                long chunks = Shard.CHUNKS.get();
                Run cluster = (Run) Scripts.eval(dir, "c = spark()\nD = c.load(\"scaled.csv\", partitions=" + partitions + ")\n" + model + fit);
                // 3 epochs of 3 phases, each over ceil(rows / 67) chunks per partition
                long perPass = partitions == 1 ? 15 : 3 * 5;
                assertEquals(3 * 3 * perPass, Shard.CHUNKS.get() - chunks, partitions + " partitions: chunks run");
                for (int e = 0; e < 3; e++)
                    assertEquals(local.loss(e), cluster.loss(e), 1e-9 * Math.abs(local.loss(e)), partitions + " partitions, epoch " + (e + 1));
                assertEquals(weights(local), weights(cluster), 1e-9 * Math.abs(weights(local)), partitions + " partitions: weights");
                assertEquals(runningStats(local), runningStats(cluster), 1e-9 * Math.abs(runningStats(local)), partitions + " partitions: running statistics");
            }
        } finally {
            System.clearProperty(DistTraining.CHUNK);
        }
    }

    private static double runningStats(Run run) {
        double s = 0;
        for (org.ejml.data.DMatrixRMaj m : ((mlp.nn.Layer) run.model()).state()) s += java.util.Arrays.stream(m.data).sum();
        return s;
    }

    /**
     * val= and patience= as locally: the validation set distributed too, or a local tensor; the
     * same validation losses, the same early stop and the same best model restored.
     */
    @Test
    void validationAndPatienceStopAtTheLocalRunsEpoch() {
        String fit = "train(" + MODEL + ", D[:, 0:2], D[:, 2:4], lr=0.01, epochs=" + EPOCHS + ", val=[V[:, 0:2], V[:, 2:4]], patience=3)";
        Run local = (Run) Scripts.eval(dir, "D = load(\"parts.csv\")\nV = load(\"val.csv\")\n" + fit);
        assertTrue(local.stoppedEarly() && local.epochs() < EPOCHS, "the local run stops early: " + local.epochs() + " epochs");
        Run distributed = (Run) Scripts.eval(dir, "c = spark()\nD = c.load(\"parts.csv\", partitions=2)\nV = c.load(\"val.csv\", partitions=3)\n" + fit);
        Run localVal = (Run) Scripts.eval(dir, "c = spark()\nD = c.load(\"parts.csv\", partitions=2)\nV = load(\"val.csv\")\n" + fit);
        for (Run cluster : new Run[]{distributed, localVal}) {
            assertTrue(cluster.stoppedEarly());
            assertEquals(local.epochs(), cluster.epochs(), "the stop epoch");
            assertEquals(local.bestEpoch(), cluster.bestEpoch(), "the best epoch");
            for (int e = 0; e < local.epochs(); e++)
                assertEquals(local.valLoss(e), cluster.valLoss(e), 1e-9 * Math.abs(local.valLoss(e)), "val loss, epoch " + (e + 1));
            assertEquals(weights(local), weights(cluster), 1e-9, "the best model, restored");
        }
        MlpError e = Scripts.fail(dir, "c = spark()\nD = c.load(\"parts.csv\")\ntrain(" + MODEL + ", D[:, 0:2], D[:, 2:4], patience=2)");
        assertTrue(e.getMessage().contains("train: patience= watches the validation loss: give val=[Xv, yv] too"), e.getMessage());
        e = Scripts.fail(dir, "c = spark()\nD = c.load(\"parts.csv\")\nV = load(\"val.csv\")\ntrain(" + MODEL + ", D[:, 0:2], D[:, 2:4], val=[V[:, 0:2], V[:, 2:3]])");
        assertTrue(e.getMessage().startsWith("test.mlp:4:") && e.getMessage().contains("train: val=[Xv, yv]: "), e.getMessage());
    }

    /**
     * A mini-batch epoch's loss is the mean of its batches' losses weighted by their rows, as
     * locally: with lr=0 every step sees the same model, so the epoch's loss is the full-batch
     * loss. (8 partitions of 37 or 38 rows in 3 steps: steps of unequal rows, so an unweighted
     * mean of the batch losses would differ.)
     */
    @Test
    void aMiniBatchEpochsLossWeighsItsBatchesByTheirRows() {
        Run full = (Run) Scripts.eval(dir, "D = load(\"parts.csv\")\ntrain(" + MODEL + ", D[:, 0:2], D[:, 2:4], lr=0, epochs=2)");
        Run cluster = (Run) Scripts.eval(dir, "c = spark()\nD = c.load(\"parts.csv\", partitions=8)\ntrain(" + MODEL
                + ", D[:, 0:2], D[:, 2:4], lr=0, epochs=2, batch=100)");
        for (int e = 0; e < 2; e++) assertEquals(full.loss(e), cluster.loss(e), 1e-12 * full.loss(e), "epoch " + (e + 1));
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
        e = Scripts.fail(dir, "c = spark()\nD = c.load(\"parts.csv\")\ntrain(linear(2, 2) |> batchnorm, D[:, 0:2], D[:, 2:4], epochs=2, batch=1)");
        assertTrue(e.getMessage().startsWith("test.mlp:3:") && e.getMessage().contains("batchnorm(2) needs more than one row per batch"), e.getMessage());
    }
}
