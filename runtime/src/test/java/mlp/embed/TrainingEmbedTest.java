package mlp.embed;

import mlp.MlpError;
import org.junit.jupiter.api.Test;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training inside a host: stopping it from outside, following it, capping it. */
class TrainingEmbedTest {
    /** The host's own data: y = X @ [[2], [-1]] + 0.5, 200 rows. */
    static double[][] features(long seed) {
        Random r = new Random(seed);
        double[][] x = new double[200][2];
        for (double[] row : x) {
            row[0] = r.nextGaussian();
            row[1] = r.nextGaussian();
        }
        return x;
    }

    static double[][] targets(double[][] x) {
        double[][] y = new double[x.length][1];
        for (int i = 0; i < x.length; i++) y[i][0] = 2 * x[i][0] - x[i][1] + 0.5;
        return y;
    }

    private static final String TRAIN_LONG = "seed(3)\nmodel = linear(2, 1)\nrun = train(model, X, y, epochs=1000000, lr=0.01, progress=false)";

    @Test
    void cancelFromAnotherThreadWhileTrainingKeepsTheLastEpoch() throws Exception {
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("mlp");
        double[][] x = features(1);
        engine.put("X", x);
        engine.put("y", targets(x));
        ExecutorService host = Executors.newSingleThreadExecutor();
        try {
            Future<Object> training = host.submit(() -> engine.eval(TRAIN_LONG));
            Thread.sleep(500);
            long start = System.nanoTime();
            ((MlpScriptEngine) engine).cancel();
            ExecutionException e = assertThrows(ExecutionException.class, () -> training.get(1, TimeUnit.SECONDS));
            double waited = (System.nanoTime() - start) / 1e9;
            assertTrue(waited < 1.0, "cancel took " + waited + " s");
            ScriptException se = assertInstanceOf(ScriptException.class, e.getCause());
            assertFalse(assertInstanceOf(MlpStopped.class, se.getCause()).timedOut());
        } finally {
            host.shutdownNow();
        }
        // the run so far was returned and bound; the model holds exactly the parameters of its last epoch
        double epochs = (Double) engine.eval("run.epochs");
        assertTrue(epochs >= 1 && epochs < 1_000_000, "epochs " + epochs);
        ScriptEngine again = new ScriptEngineManager().getEngineByName("mlp");
        again.put("X", engine.get("X"));
        again.put("y", engine.get("y"));
        again.put("n", epochs);
        again.eval("seed(3)\nmodel = linear(2, 1)\nrun = train(model, X, y, epochs=n, lr=0.01, progress=false)");
        assertArrayEquals((double[][]) again.eval("model.weight"), (double[][]) engine.eval("model.weight"));
        assertArrayEquals((double[][]) again.eval("model.bias"), (double[][]) engine.eval("model.bias"));
        assertArrayEquals((double[][]) again.eval("run.loss"), (double[][]) engine.eval("run.loss"));
    }

    @Test
    void aListenerFollowsEveryEpochAndCanStopTraining() {
        List<double[]> seen = new ArrayList<>();
        MlpInterpreter[] self = new MlpInterpreter[1];
        try (MlpInterpreter mlp = MlpInterpreter.builder().outputOff().progress((epoch, epochs, loss) -> {
            seen.add(new double[]{epoch, epochs, loss});
            if (epoch == 7) self[0].cancel(); // a "stop" button pressed during epoch 7
        }).build()) {
            self[0] = mlp;
            double[][] x = features(2);
            mlp.set("X", x);
            mlp.set("y", targets(x));
            MlpStopped stopped = assertThrows(MlpStopped.class, () -> mlp.eval("model = linear(2, 1)\nrun = train(model, X, y, epochs=50, lr=0.05)\nafter = 1"));
            assertFalse(stopped.timedOut());
            assertEquals(7, seen.size(), "training stops after the epoch in which cancel() was called");
            for (int i = 0; i < 7; i++) {
                assertEquals(i + 1, seen.get(i)[0]);
                assertEquals(50, seen.get(i)[1]);
            }
            assertEquals(7.0, mlp.eval("run.epochs").asDouble());
            double[][] losses = mlp.eval("run.loss").asArray();
            for (int i = 0; i < 7; i++) assertEquals(losses[i][0], seen.get(i)[2], "the listener saw the run's losses");
            assertFalse(mlp.has("after"));
        }
    }

    @Test
    void aListenerThatThrowsStopsTrainingAndItsExceptionReachesTheHost() {
        IllegalStateException boom = new IllegalStateException("host bug");
        try (MlpInterpreter mlp = MlpInterpreter.builder().outputOff().progress((epoch, epochs, loss) -> {
            if (epoch == 3) throw boom;
        }).build()) {
            double[][] x = features(3);
            mlp.set("X", x);
            mlp.set("y", targets(x));
            RuntimeException e = assertThrows(RuntimeException.class, () -> mlp.eval("run = train(linear(2, 1), X, y, epochs=100)"));
            assertSame(boom, e);
            assertEquals(3.0, mlp.eval("run.epochs").asDouble());
        }
    }

    @Test
    void progressTextGoesToTheHostsWriter() {
        StringWriter progress = new StringWriter();
        try (MlpInterpreter mlp = MlpInterpreter.builder().outputOff().progress(progress).build()) {
            double[][] x = features(4);
            mlp.set("X", x);
            mlp.set("y", targets(x));
            mlp.eval("run = train(linear(2, 1), X, y, epochs=40)");
        }
        assertTrue(progress.toString().contains("40/40"), progress.toString());
        assertTrue(progress.toString().contains("loss="), progress.toString());
    }

    @Test
    void theHostCapsEpochs() {
        try (MlpInterpreter mlp = MlpInterpreter.builder().outputOff().maxEpochs(100).build()) {
            double[][] x = features(5);
            mlp.set("X", x);
            mlp.set("y", targets(x));
            assertEquals(100.0, mlp.eval("run = train(linear(2, 1), X, y, epochs=100)\nrun.epochs").asDouble());
            MlpError e = assertThrows(MlpError.class, () -> mlp.eval("run = train(linear(2, 1), X, y, epochs=101)"));
            assertEquals("train: epochs=101 is more than this session allows (at most 100)", e.plainMessage());
            assertEquals(1, e.line());
            assertEquals(40, e.column()); // at the value 101
        }
    }

    @Test
    void theTimeLimitStopsTrainingCleanly() {
        try (MlpInterpreter mlp = MlpInterpreter.builder().outputOff().timeLimit(Duration.ofMillis(400)).build()) {
            double[][] x = features(6);
            mlp.set("X", x);
            mlp.set("y", targets(x));
            long start = System.nanoTime();
            MlpStopped e = assertThrows(MlpStopped.class, () -> mlp.eval(TRAIN_LONG));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(e.timedOut());
            assertTrue(seconds < 1.4, seconds + " s");
            double epochs = mlp.eval("run.epochs").asDouble();
            assertTrue(epochs >= 1 && epochs < 1_000_000, "epochs " + epochs);
        }
    }
}
