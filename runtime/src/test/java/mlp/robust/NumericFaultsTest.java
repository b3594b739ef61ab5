package mlp.robust;

import mlp.MlpError;
import mlp.eval.Interpreter;
import mlp.syntax.Source;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;

import static mlp.robust.Host.at;
import static mlp.robust.Host.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Numbers going wrong: a run that diverges stops naming the epoch, and its model keeps the last
 * parameters that gave a finite loss (not the ones that made it blow up); nan and infinity in the
 * data are caught before training, with their row and column; a singular matrix has no inverse.
 */
class NumericFaultsTest {
    static final String DATA = "seed(1)\nX = randn(50, 2)\ny = X @ [[1, 2], [3, 4]]\n";

    private static Interpreter interpreter() {
        return new Interpreter(Host.quiet(new StringWriter()));
    }

    private static Value eval(Interpreter it, String code) {
        return it.run(new Source("faults.mlp", code));
    }

    private static DMatrixRMaj tensor(Interpreter it, String code) {
        return ((Tensor) eval(it, code)).data();
    }

    private static double number(Interpreter it, String code) {
        return ((mlp.value.Num) eval(it, code)).value();
    }

    @Test
    void aDivergingRunStopsNamingTheEpoch() {
        // plain gradient descent with lr=1e6 overflows: at epoch 27 the loss is inf
        MlpError e = run(DATA + "m = linear(2, 2)\nrun = train(m, X, y, optimizer=sgd, lr=1e6, epochs=1000)").failed();
        at(e, 5, 7, "the loss became inf at epoch 27 (try a smaller lr=, or standardize(X))");
        e = run(DATA + "m = linear(2, 2)\nrun = train(m, X, y, optimizer=sgd, lr=1e6, epochs=1000, batch=10)").failed();
        assertTrue(e.plainMessage().matches("the loss became (inf|nan) at epoch \\d+ \\(try a smaller lr=, or standardize\\(X\\)\\)"),
                e.plainMessage());
    }

    @Test
    void aftersANanTheModelKeepsTheLastParametersThatGaveAFiniteLoss() {
        // the same model, trained for the 26 good epochs only: its last loss is that of epoch 26
        Interpreter good = interpreter();
        double lastGoodLoss = number(good, DATA + "m = linear(2, 2)\nrun = train(m, X, y, optimizer=sgd, lr=1e6, epochs=26)\n"
                + "run.loss[-1, 0]");
        Interpreter it = interpreter();
        eval(it, DATA + "m = linear(2, 2)\nw = m.weight");
        assertThrows(MlpError.class, () -> eval(it, "run = train(m, X, y, optimizer=sgd, lr=1e6, epochs=1000)"));
        DMatrixRMaj w = tensor(it, "m.weight"), b = tensor(it, "m.bias");
        for (double v : w.data) assertTrue(Double.isFinite(v), "finite weights: " + w);
        for (double v : b.data) assertTrue(Double.isFinite(v), "finite bias: " + b);
        // the model now gives exactly the loss of its last finite epoch (computed before that epoch's step)
        assertEquals(lastGoodLoss, number(it, "mse(m(X), y)"), Math.abs(lastGoodLoss) * 1e-12);
        // and it trains on from there, with a sensible rate
        assertTrue(number(it, "run = train(m, X, y, optimizer=sgd, lr=0.1, epochs=200)\nrun.loss[-1, 0]") < lastGoodLoss);
    }

    @Test
    void aNanAtTheFirstEpochLeavesTheModelAsItWas() {
        Interpreter it = interpreter();
        // the first forward pass already overflows: (1e200)^2 is inf
        eval(it, "X = [[1e200], [2e200]]\ny = [[0], [1]]\nm = linear(1, 1)\nbefore = m.weight");
        MlpError e = assertThrows(MlpError.class, () -> eval(it, "run = train(m, X, y, epochs=5)"));
        assertEquals("the loss became inf at epoch 1 (try a smaller lr=, or standardize(X))", e.plainMessage());
        assertArrayEquals(tensor(it, "before").data, tensor(it, "m.weight").data);
    }

    @Test
    void batchNormRunningStatisticsAreRestoredToo() {
        // lr=1e3 blows up at epoch 5: the model goes back to where epoch 4 started, which is
        // the model trained for 3 epochs, running statistics included
        String model = DATA + "m = linear(2, 2) |> batchnorm |> linear(2)\n";
        Interpreter it = interpreter();
        eval(it, model);
        MlpError e = assertThrows(MlpError.class, () -> eval(it, "run = train(m, X, y, optimizer=sgd, lr=1e3, epochs=100)"));
        assertEquals("the loss became inf at epoch 5 (try a smaller lr=, or standardize(X))", e.plainMessage());
        Interpreter three = interpreter();
        eval(three, model + "run = train(m, X, y, optimizer=sgd, lr=1e3, epochs=3)");
        for (String member : new String[]{"m[0].weight", "m[0].bias", "m[1].running_mean", "m[1].running_var", "m[1].weight", "m[2].weight"}) {
            assertArrayEquals(tensor(three, member).data, tensor(it, member).data, member);
            for (double v : tensor(it, member).data) assertTrue(Double.isFinite(v), member + " is finite");
        }
    }

    @Test
    void nanAndInfinityInTheDataAreCaughtBeforeTrainingWithRowAndColumn() {
        Interpreter it = interpreter();
        eval(it, DATA + "m = linear(2, 2)\nw = m.weight\nX[3, 1]");
        MlpError e = assertThrows(MlpError.class, () -> eval(it, "Z = cat(X[0:3], [[1, 0 / 0]], X[4:])\nrun = train(m, Z, y)"));
        assertEquals("train: X contains nan (row 3, column 1)", e.plainMessage());
        assertEquals("2:16", e.line() + ":" + e.column());
        e = assertThrows(MlpError.class, () -> eval(it, "Y = cat(y[0:7], [[-1 / 0, 0]], y[8:])\nrun = train(m, X, Y)"));
        assertEquals("train: y contains -inf (row 7, column 0)", e.plainMessage());
        assertArrayEquals(tensor(it, "w").data, tensor(it, "m.weight").data, "the model was not touched");
        // from a file: the row and column of the bad cell
        e = assertThrows(MlpError.class, () -> eval(it, "lstsq(cat(X[0:2], [[0 / 0, 1]]), y[0:3])"));
        assertEquals("lstsq(X, y): X contains nan or inf", e.plainMessage());
    }

    @Test
    void adamWithAHugeRateStaysFiniteAsInPyTorch() {
        // Adam's step is at most about lr: the loss jumps to ~1e12 and, for a linear model, comes back.
        // Nothing is infinite, so nothing stops (as in PyTorch): only nan or inf stop a run.
        Interpreter it = interpreter();
        double last = number(it, DATA + "run = train(linear(2, 2), X, y, lr=1e6, epochs=1000)\nrun.loss[-1, 0]");
        assertTrue(Double.isFinite(last));
        assertTrue(number(it, "max(run.loss)") > 1e11);
    }

    @Test
    void singularAndOddMatrices() {
        at(run("A = [[1, 2], [2, 4]]\nB = inv(A)").failed(), 2, 9, "inv(A): the matrix is singular (it has no inverse)");
        at(run("B = inv(zeros(3, 3))").failed(), 1, 9, "inv(A): the matrix is singular (it has no inverse)");
        at(run("B = inv([[1, 1], [1, 1 + 1e-17]])").failed(), 1, 9, "inv(A): the matrix is singular (it has no inverse)");
        assertEquals("[[nan nan]\n [nan nan]]\n", run("print(inv([[1, 0 / 0], [0, 1]]))").ok()); // nan spreads, as in NumPy
        assertEquals("[]\n", run("print(inv(zeros(0, 0)).shape)").ok().replace("[0, 0]", "[]"));
        assertTrue(run("print(inv([[1e-300, 0], [0, 1e-300]]))").ok().contains("1.e+300"));
    }
}
