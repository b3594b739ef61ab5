package mlp.train;

import mlp.Mlp;
import mlp.MlpError;
import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.nn.Layer;
import mlp.syntax.Source;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train(...) as LANGUAGE.md describes it: the loop, the run, the options, the errors. */
class TrainTest {
    private static final String ROTATION = """
            seed(20)
            X = randn(100, 2) * 5
            theta = 30 * pi / 180
            R = [[cos(theta), -sin(theta)], [sin(theta), cos(theta)]]
            y = X @ R + [5, 5] + 0.01 * randn(100, 2)
            """;

    static Run run(String code) {
        return (Run) Mlp.eval(code);
    }

    static double number(String code) {
        Value v = Mlp.eval(code);
        return v instanceof Num n ? n.value() : ((Tensor) v).get(0, 0);
    }

    static DMatrixRMaj tensor(String code) {
        return ((Tensor) Mlp.eval(code)).data();
    }

    @Test
    void theRunHoldsEveryLossTheModelAndTheFrames() {
        Run run = run(ROTATION + "m = linear(2, 2, init=identity)\nrun = train(m, X, y, lr=0.01, epochs=1000)\nrun");
        assertEquals(1000, run.epochs());
        assertEquals(100, run.frames().size());
        assertTrue(run.seconds() > 0);
        assertTrue(run.loss(999) < run.loss(0) / 100, "the rotation is learnt");
        assertEquals(1000, tensor(ROTATION + "run = train(linear(2, 2), X, y, epochs=1000)\nrun.loss").numRows);
        assertEquals(1000, number(ROTATION + "run = train(linear(2, 2), X, y, epochs=1000)\nrun.epochs"));
        assertEquals(100, number(ROTATION + "run = train(linear(2, 2), X, y, epochs=1000)\nrun.frames"));
        Interpreter it = Mlp.interpreter(new StringWriter());
        it.run(new Source("t.mlp", ROTATION + "m = linear(2, 2)\nrun = train(m, X, y, epochs=3)"));
        assertSame(it.globals().lookup("m"), it.globals().lookup("run") instanceof Run r ? r.model() : null);
        assertSame(it.globals().lookup("m"), ((Run) it.globals().lookup("run")).member("model"));
    }

    @Test
    void theLossOfAnEpochIsComputedBeforeItsStep() {
        // an identity model predicts X: the first loss is mse(X, y), the second already moved
        String code = ROTATION + "run = train(linear(2, 2, init=identity), X, y, lr=0.01, epochs=2)\n";
        assertEquals(number(ROTATION + "mse(X, y)"), number(code + "run.loss[0]"), 1e-12);
        assertTrue(number(code + "run.loss[1]") < number(code + "run.loss[0]"));
        // and the recorded loss is the loss of the recorded predictions
        Run run = run(code + "run");
        DMatrixRMaj y = tensor(ROTATION + "y");
        for (int k = 1; k < run.frames().size(); k++) {
            DMatrixRMaj p = run.frames().get(k);
            double s = 0;
            for (int i = 0; i < p.getNumElements(); i++) s += (p.data[i] - y.data[i]) * (p.data[i] - y.data[i]);
            assertEquals(s / p.getNumElements(), run.loss(run.frameEpochs().get(k) - 1), 1e-12);
        }
    }

    @Test
    void framesAreEvenlySpacedFirstAndLastIncluded() {
        Run run = run(ROTATION + "train(linear(2, 2, init=identity), X, y, epochs=1000)");
        List<Integer> at = run.frameEpochs();
        assertEquals(100, at.size());
        assertEquals(0, at.get(0));
        assertEquals(1000, at.get(99));
        for (int i = 1; i < at.size(); i++) {
            int step = at.get(i) - at.get(i - 1);
            assertTrue(step == 10 || step == 11, "evenly spaced: " + at);
        }
        // frame 0 is X itself when X has y's width, as in the tutorial
        assertEquals(tensor(ROTATION + "X").data[7], run.frames().get(0).data[7]);
        assertEquals(List.of(0, 1, 2, 3), run(ROTATION + "train(linear(2, 2), X, y, epochs=3, frames=10)").frameEpochs());
        assertEquals(List.of(), run(ROTATION + "train(linear(2, 2), X, y, epochs=3, frames=0)").frameEpochs());
        assertEquals(List.of(50), run(ROTATION + "train(linear(2, 2), X, y, epochs=50, frames=1)").frameEpochs());
        assertEquals(List.of(0, 25, 50), run(ROTATION + "train(linear(2, 2), X, y, epochs=50, frames=3)").frameEpochs());
    }

    @Test
    void withoutAnXFrameTheFirstFrameIsTheUntrainedPredictions() {
        Run run = run(ROTATION + "train(linear(2, 1, init=identity), X, y[:, 0], epochs=20, frames=3)");
        assertEquals(List.of(0, 10, 20), run.frameEpochs());
        DMatrixRMaj first = run.frames().get(0), x = tensor(ROTATION + "X");
        assertEquals(1, first.numCols);
        for (int i = 0; i < first.numRows; i++) assertEquals(x.get(i, 0), first.get(i, 0), 0, "identity: the first column of X");
    }

    @Test
    void sgdStepsAsWorkedByHand() {
        // y = 2x on two points, w = b = 0: dL/dw = -10, dL/db = -6, so one step of lr 0.1 gives w 1, b 0.6
        String data = "X = [[1], [2]]\ny = [[2], [4]]\n";
        String one = data + "m = linear(1, 1, init=zeros)\nrun = train(m, X, y, optimizer=sgd, lr=0.1, epochs=1)\n";
        assertEquals(1.0, number(one + "m.weight"), 1e-12);
        assertEquals(0.6, number(one + "m.bias"), 1e-12);
        // with momentum 0.9 the second step is 0.1 × (0.9 × -10 + -3.2) for w and 0.1 × (0.9 × -6 + -1.8) for b
        String two = data + "m = linear(1, 1, init=zeros)\nrun = train(m, X, y, optimizer=sgd(momentum=0.9), lr=0.1, epochs=2)\n";
        assertEquals(2.22, number(two + "m.weight"), 1e-12);
        assertEquals(1.32, number(two + "m.bias"), 1e-12);
        // a bare sgd has lr 0.01
        assertEquals(0.1, number(data + "m = linear(1, 1, init=zeros)\nrun = train(m, X, y, optimizer=sgd, epochs=1)\nm.weight"), 1e-12);
    }

    @Test
    void adamsFirstStepMovesEachParameterByTheRate() {
        // bias-corrected first step: m̂ / (sqrt(v̂) + eps) = g / (|g| + eps)
        String code = "X = [[1], [2]]\ny = [[2], [4]]\nm = linear(1, 1, init=zeros)\n";
        assertEquals(0.1, number(code + "run = train(m, X, y, lr=0.1, epochs=1)\nm.weight"), 1e-9);
        assertEquals(0.001, number(code + "run = train(m, X, y, epochs=1)\nm.weight"), 1e-9, "a bare adam has lr 0.001");
        assertEquals(0.25, number(code + "run = train(m, X, y, optimizer=adam(lr=0.25), epochs=1)\nm.weight"), 1e-9);
    }

    @Test
    void lrOverridesTheOptimizersRate() {
        String a = ROTATION + "run = train(linear(2, 2, init=identity), X, y, optimizer=adam(lr=0.5), lr=0.01, epochs=20)\nrun.loss";
        String b = ROTATION + "run = train(linear(2, 2, init=identity), X, y, lr=0.01, epochs=20)\nrun.loss";
        assertTrue(java.util.Arrays.equals(tensor(a).data, tensor(b).data));
    }

    @Test
    void optimizersAndLossesAreValuesAndFunctions() {
        assertEquals("<optimizer adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08, weight_decay=0)>", Mlp.eval("adam").toString());
        assertEquals("<optimizer sgd(lr=0.5, momentum=0.9)>", Mlp.eval("sgd(lr=0.5, momentum=0.9)").toString());
        assertEquals("<optimizer adam(lr=0.1, beta1=0.8, beta2=0.999, eps=1e-08, weight_decay=0)>",
                Mlp.eval("a = adam(lr=0.1)\na(beta1=0.8)").toString());
        assertEquals(2.25, number("mse([[1, 2], [3, 4]], [[2, 0], [3, 6]])"), 1e-15);
        assertEquals(1.25, number("mae([[1, 2], [3, 4]], [[2, 0], [3, 6]])"), 1e-15);
        assertEquals(Math.log(Math.exp(2) + Math.exp(1) + 1) - 2, number("cross_entropy([[2, 1, 0]], [[0]])"), 1e-15);
        assertEquals(-(Math.log(0.6) + Math.log(0.4)) / 2, number("bce([[0.6], [0.6]], [[1], [0]])"), 1e-15);
        assertEquals("mse(pred, y): pred has 2 columns but y has 3 (mse compares them element by element)",
                Mlp.fail("mse(zeros(4, 2), zeros(4, 3))").plainMessage());
        assertEquals("bce(pred, y): pred must hold probabilities between 0 and 1 (apply sigmoid first), but it contains 2",
                Mlp.fail("bce([[2]], [[1]])").plainMessage());
        assertEquals("sgd: momentum must be in [0, 1), not 1.5", Mlp.fail("o = sgd(momentum=1.5)").plainMessage());
    }

    @Test
    void miniBatchesShuffleAndStepOncePerBatch() {
        // four identical rows: every batch of one row has the same gradient, so an epoch is 4 sgd steps
        String code = "X = [[1], [1], [1], [1]]\ny = [[3], [3], [3], [3]]\nm = linear(1, 1, init=zeros, bias=false)\n"
                + "run = train(m, X, y, optimizer=sgd, lr=0.1, batch=1, epochs=1)\n";
        double w = 0;
        for (int step = 0; step < 4; step++) w -= 0.1 * 2 * (w - 3);
        assertEquals(w, number(code + "m.weight"), 1e-12);
        // a real run: the predictions of every row are recorded, whatever batch they fell in
        Run run = run(ROTATION + "train(linear(2, 2, init=identity), X, y, lr=0.05, batch=32, epochs=200)");
        assertTrue(run.loss(199) < run.loss(0) / 50);
        DMatrixRMaj last = run.frames().get(run.frames().size() - 1), y = tensor(ROTATION + "y");
        for (int i = 0; i < last.getNumElements(); i++) assertEquals(y.data[i], last.data[i], 1.0, "row " + i / 2);
    }

    @Test
    void theSameSeedTrainsTheSameMiniBatches() {
        String code = ROTATION + "run = train(linear(2, 2, init=identity), X, y, batch=16, epochs=5)\nrun.loss";
        assertTrue(java.util.Arrays.equals(tensor(code).data, tensor(code).data));
        assertFalse(java.util.Arrays.equals(tensor(code).data, tensor(code.replace("seed(20)", "seed(21)")).data));
    }

    @Test
    void batchNormNeedsTwoRowsPerBatch() {
        MlpError e = Mlp.fail("X = randn(5, 2)\nrun = train(linear(2, 2) |> batchnorm, X, X, batch=2, epochs=1)");
        assertEquals("batchnorm(2) needs more than one row per batch while training (the batch's variance of one row is undefined)"
                + " — with batch=2 the last batch of the 5 rows has 1 row", e.plainMessage());
        assertEquals(2, e.line());
    }

    @Test
    void outsideTrainingABatchNormModelUsesItsRunningStatistics() {
        String code = ROTATION + "m = linear(2, 2, init=identity) |> batchnorm\nrun = train(m, X, y, lr=0.01, epochs=30)\n"
                + "bn = m[1]\nz = X @ m[0].weight' + m[0].bias\n"
                + "manual = (z - bn.running_mean) / sqrt(bn.running_var + 0.00001) * bn.weight + bn.bias\n";
        DMatrixRMaj manual = tensor(code + "manual"), model = tensor(code + "m(X)");
        for (int i = 0; i < manual.getNumElements(); i++) assertEquals(manual.data[i], model.data[i], 1e-12);
        // and the running statistics moved away from their start (0 and 1)
        assertNotEquals(0.0, tensor(code + "bn.running_mean").data[0]);
    }

    @Test
    void aLossThatBlowsUpStopsWithTheEpoch() {
        MlpError e = Mlp.fail(ROTATION + "m = linear(2, 2)\nrun = train(m, X, y, optimizer=sgd, lr=100, epochs=1000)");
        assertTrue(e.plainMessage().matches("the loss became (inf|nan) at epoch \\d+ \\(try a smaller lr=, or standardize\\(X\\)\\)"),
                e.plainMessage());
        assertEquals(7, e.line());
        assertEquals(7, e.column());
    }

    @Test
    void cancellingStopsAfterAnEpochAndKeepsThatEpochsModel() throws Exception {
        Interpreter it = Mlp.interpreter(new StringWriter());
        it.run(new Source("t.mlp", ROTATION + "m = linear(2, 2, init=identity)"));
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                return;
            }
            it.cancellation().request();
        });
        canceller.start();
        it.run(new Source("t.mlp", "run = train(m, X, y, lr=0.001, epochs=100000000)"));
        canceller.join();
        it.cancellation().clear();
        Run run = (Run) it.globals().lookup("run");
        assertTrue(run.cancelled());
        assertTrue(run.epochs() > 0 && run.epochs() < 100_000_000, "stopped early: " + run.epochs());
        assertEquals(run.epochs(), run.frameEpochs().get(run.frameEpochs().size() - 1), "the last frame is the last epoch");
        // the model holds the parameters after exactly run.epochs steps: the same training, uncancelled, agrees
        it.run(new Source("t.mlp", "m2 = linear(2, 2, init=identity)\nrun2 = train(m2, X, y, lr=0.001, epochs=" + run.epochs() + ")"));
        DMatrixRMaj w1 = ((Tensor) ((Layer) it.globals().lookup("m")).member("weight")).data();
        DMatrixRMaj w2 = ((Tensor) ((Layer) it.globals().lookup("m2")).member("weight")).data();
        assertTrue(java.util.Arrays.equals(w1.data, w2.data));
        assertTrue(run.toString().contains("cancelled"), run.toString());
    }

    @Test
    void theSessionCanCapTheEpochs() {
        Interpreter it = new Interpreter(new Settings().progress(null).maxEpochs(1000));
        MlpError e = org.junit.jupiter.api.Assertions.assertThrows(MlpError.class,
                () -> it.run(new Source("t.mlp", "X = zeros(4, 2)\nrun = train(linear(2, 2), X, X, epochs=2000)")));
        assertEquals("train: epochs=2000 is more than this session allows (at most 1000)", e.plainMessage());
        assertEquals(40, e.column()); // at the value 2000
    }

    @Test
    void badArgumentsAreClearErrorsAtTheArgument() {
        String data = "X = zeros(10, 3)\ny = zeros(10, 2)\n";
        MlpError e = Mlp.fail(data + "run = train(linear(2, 2), X, y)");
        assertEquals("linear(2, 2) expects 2 inputs but X has 3 columns", e.plainMessage());
        assertEquals(27, e.column());
        e = Mlp.fail(data + "run = train(linear(3, 4), X, y)");
        assertEquals("train: the model's output has 4 columns but y has 2 (mse compares them element by element)", e.plainMessage());
        assertEquals(30, e.column());
        e = Mlp.fail(data + "run = train(linear(3, 2), X, y[0:5])");
        assertEquals("train: X has 10 rows but y has 5 (one target row per sample)", e.plainMessage());
        e = Mlp.fail(data + "run = train(linear(3, 2), X, y, optimizer=adagrad)");
        assertEquals("unknown name 'adagrad'", e.plainMessage().replaceAll(" — did you mean.*", ""));
        e = Mlp.fail(data + "run = train(linear(3, 2), X, y, optimizer=relu)");
        assertEquals("train: optimizer must be adam, sgd, adamw or rmsprop (or adam(...), sgd(...), adamw(...), rmsprop(...)), not a layer", e.plainMessage());
        e = Mlp.fail(data + "run = train(linear(3, 2), X, y, loss=adam)");
        assertEquals("train: loss must be mse, mae, bce, cross_entropy, huber or bce_logits, or a function (pred, y) -> number, not an optimizer", e.plainMessage());
        e = Mlp.fail(data + "run = train(linear(3, 2), X, y, lr=-1)");
        assertEquals("train: lr must be a number >= 0, not -1", e.plainMessage());
        e = Mlp.fail(data + "run = train(relu, X, y)");
        assertEquals("train: relu has no parameters to train", e.plainMessage());
        e = Mlp.fail(data + "run = train(linear(3, 2), X, y, epoch=10)");
        assertEquals("unknown argument 'epoch' — did you mean 'epochs'?", e.plainMessage());
        e = Mlp.fail("X = [[1, 2], [0, 1]] / 0\nrun = train(linear(2, 2), X, X)");
        assertTrue(e.plainMessage().startsWith("train: X contains inf"), e.plainMessage());
        e = Mlp.fail(data + "run = train(linear(3, 3), X, [[0], [1], [2], [3], [0], [1], [2], [3], [4], [0]], loss=cross_entropy)");
        assertEquals("train: cross_entropy needs y to hold class indices 0 to 2 (one per row, for 3 output columns), but row 3 of y is 3",
                e.plainMessage());
    }

    @Test
    void aClassifierLearnsIris() throws Exception {
        // iris: 4 features, 3 classes; standardised in Java (standardize is another area's built-in)
        List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("../data/iris.csv"));
        int n = lines.size() - 1;
        DMatrixRMaj x = new DMatrixRMaj(n, 4), labels = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            String[] cells = lines.get(i + 1).split(",");
            for (int j = 0; j < 4; j++) x.set(i, j, Double.parseDouble(cells[j]));
            labels.data[i] = Double.parseDouble(cells[4]);
        }
        for (int j = 0; j < 4; j++) {
            double mean = 0, var = 0;
            for (int i = 0; i < n; i++) mean += x.get(i, j) / n;
            for (int i = 0; i < n; i++) var += Math.pow(x.get(i, j) - mean, 2) / n;
            for (int i = 0; i < n; i++) x.set(i, j, (x.get(i, j) - mean) / Math.sqrt(var));
        }
        Interpreter it = Mlp.interpreter(new StringWriter());
        it.globals().define("X", new Tensor(x));
        it.globals().define("labels", new Tensor(labels));
        Value acc = it.run(new Source("iris.mlp", """
                seed(1)
                model = mlp(4, 16, 3)
                run = train(model, X, labels, loss=cross_entropy, lr=0.05, epochs=200)
                accuracy(model(X), labels)
                """));
        assertTrue(((Num) acc).value() > 0.95, "accuracy " + acc);
    }

    @Test
    void accuracyCountsTheRowsWhoseLargestScoreIsTheLabel() {
        assertEquals(2.0 / 3, number("accuracy([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]], [[1], [0], [0]])"), 1e-15);
        assertEquals(0.5, number("accuracy([[0.9], [0.2], [0.6], [0.4]], [[1], [1], [0], [0]])"), 1e-15);
        assertEquals("accuracy(pred, labels): labels must be an n×1 column of class indices for the 3 rows of pred, not (3×2)",
                Mlp.fail("accuracy(zeros(3, 2), zeros(3, 2))").plainMessage());
    }

    @Test
    void liveTrainingFeedsAListener() {
        Run run = run(ROTATION + "train(linear(2, 2), X, y, epochs=10, live=true)");
        assertEquals(10, run.epochs());
    }

    @Test
    void zeroEpochsKeepTheStart() {
        Run run = run(ROTATION + "train(linear(2, 2), X, y, epochs=0)");
        assertEquals(0, run.epochs());
        assertEquals(List.of(0), run.frameEpochs());
        assertEquals(0, tensor(ROTATION + "run = train(linear(2, 2), X, y, epochs=0)\nrun.loss").numRows);
    }

    @Test
    void gradThroughAModelMatchesFiniteDifferences() {
        Interpreter it = Mlp.interpreter(new StringWriter());
        it.run(new Source("t.mlp", "seed(5)\nX = randn(6, 2)\ny = randn(6, 2)\nm = linear(2, 3) |> tanh |> batchnorm |> linear(2)\n"
                + "g = grad(x -> mse(m(x), y), X)"));
        DMatrixRMaj g = ((Tensor) it.globals().lookup("g")).data(), x = ((Tensor) it.globals().lookup("X")).data();
        double h = 1e-6;
        for (int i = 0; i < x.getNumElements(); i++) {
            DMatrixRMaj up = x.copy(), down = x.copy();
            up.data[i] += h;
            down.data[i] -= h;
            it.globals().define("Xu", new Tensor(up));
            it.globals().define("Xd", new Tensor(down));
            double fu = ((Num) it.run(new Source("t.mlp", "mse(m(Xu), y)"))).value();
            double fd = ((Num) it.run(new Source("t.mlp", "mse(m(Xd), y)"))).value();
            assertEquals((fu - fd) / (2 * h), g.data[i], 1e-6 * Math.max(1, Math.abs(g.data[i])));
        }
    }

    @Test
    void gradOfTheTutorialsExercises() {
        assertEquals("[[0 0]]\n", Mlp.run("w = [[1, 1]]\nb = -5\nprint(grad(x -> relu(x @ w' + b), [[1, 1]]))"));
        assertEquals("[[2 4 6]]\n", Mlp.run("print(grad(x -> x ^ 2, [[1, 2, 3]]))"));
        assertEquals("[[1 1]]\n", Mlp.run("w = [[1, 1]]\nprint(grad(x -> relu(x @ w' + 1), [[1, 1]]))"));
    }
}
