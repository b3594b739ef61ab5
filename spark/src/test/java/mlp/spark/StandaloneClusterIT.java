package mlp.spark;

import mlp.train.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real cluster on this machine: Spark's standalone master and two workers (one core each) on
 * 127.0.0.1, a script submitted through org.apache.spark.deploy.SparkSubmit with
 * target/mlp-spark.jar; the model it trains is the one local training gives. Then a worker is
 * killed in the middle of training a model with batch norms: Spark runs the lost tasks again on
 * the other one (its cached rows rebuilt from the file, a step's earlier phases redone there)
 * and the run ends with the same numbers.
 */
class StandaloneClusterIT {
    @TempDir
    static Path dir;
    static StandaloneCluster cluster;

    static final String MODEL = TrainingParityTest.MODEL;
    /**
     * A model with two batch norms (synchronous: five Spark jobs a step), trained by plain SGD:
     * the parameters in front of a batch norm have a gradient of zero up to rounding, which
     * Adam's first steps (g / (|g| + 1e-8)) would turn into moves of ~1e-9 that differ with the
     * order of the sums; SGD keeps the run at rounding level (1e-15 seen).
     */
    static final String NORMALIZED = "linear(2, 16) |> relu |> batchnorm |> residual |> batchnorm |> linear(2)";

    @BeforeAll
    static void start() throws Exception {
        TrainingParityTest.dir = dir;
        TrainingParityTest.data();
        cluster = new StandaloneCluster(dir);
        cluster.startMaster();
        cluster.startWorker(1);
        cluster.startWorker(2);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    private static Path script(String tag, String model, String optimizer, int epochs) throws Exception {
        Path script = dir.resolve(tag + ".mlp");
        Files.writeString(script, """
                c = spark()
                print(c.master)
                D = c.load("parts.csv")
                print("training")
                seed(3)
                m = %s
                run = train(m, D[:, 0:2], D[:, 2:4], optimizer=%s, lr=0.01, epochs=%d, progress=false)
                save(run.loss, "%s-losses.csv")
                save(run.model, "%s-model.json")
                """.formatted(model, optimizer, epochs, tag, tag));
        return script;
    }

    /** The losses and the trained weights equal local training's, to 1e-9 relative. */
    private static void sameAsLocal(String tag, String model, String optimizer, int epochs) throws Exception {
        Run local = (Run) Scripts.eval(dir, "D = load(\"parts.csv\")\nseed(3)\nm = " + model + "\ntrain(m, D[:, 0:2], D[:, 2:4], optimizer="
                + optimizer + ", lr=0.01, epochs=" + epochs + ")");
        String[] losses = Files.readString(dir.resolve(tag + "-losses.csv")).trim().split("\n");
        assertEquals(epochs, losses.length);
        for (int e = 0; e < epochs; e++)
            assertEquals(local.loss(e), Double.parseDouble(losses[e]), 1e-9 * local.loss(e), tag + ": epoch " + (e + 1));
        mlp.nn.Layer mine = (mlp.nn.Layer) local.model();
        mlp.nn.Layer theirs = mlp.io.ModelFiles.fromJson(Files.readString(dir.resolve(tag + "-model.json")));
        for (int i = 0; i < mine.state().size(); i++) { // the parameters, and batch norms' running statistics
            double[] a = mine.state().get(i).data, b = theirs.state().get(i).data;
            for (int j = 0; j < a.length; j++) assertEquals(a[j], b[j], 1e-9 * Math.max(1, Math.abs(a[j])), tag + ": parameter " + i);
        }
    }

    private static Path jar() {
        Path jar = Path.of("target/mlp-spark.jar");
        assertTrue(Files.exists(jar), "target/mlp-spark.jar is built by package, before this test");
        return jar;
    }

    @Test
    void aSubmittedScriptTrainsTheModelLocalTrainingGives() throws Exception {
        Path log = dir.resolve("submit.log");
        Process p = cluster.submit(log, jar(), script("submitted", MODEL, "adam", 20), dir);
        assertTrue(p.waitFor(4, TimeUnit.MINUTES), "spark-submit did not finish");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains(cluster.master), out);
        sameAsLocal("submitted", MODEL, "adam", 20);
    }

    @Test
    void aWorkerKilledInTheMiddleOfTrainingLosesNothing() throws Exception {
        Path log = dir.resolve("killed.log");
        Process p = cluster.submit(log, jar(), script("killed", NORMALIZED, "sgd", 30), dir);
        StandaloneCluster.waitFor(log, "training", Duration.ofMinutes(3));
        Thread.sleep(4000); // a few epochs in
        assertTrue(p.isAlive(), "training ended before the worker could be killed:\n" + Files.readString(log));
        Process worker = cluster.workers.get(0);
        worker.descendants().forEach(ProcessHandle::destroyForcibly); // its executor
        worker.destroyForcibly();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "spark-submit did not finish");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("Lost executor") || out.contains("lost executor") || out.contains("ExecutorLost"),
                "no executor was lost while training:\n" + out);
        sameAsLocal("killed", NORMALIZED, "sgd", 30);
    }
}
