package mlp.train;

import mlp.Mlp;
import mlp.MlpError;
import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.nn.Layer;
import mlp.nn.Param;
import mlp.syntax.Source;
import mlp.value.ListValue;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Watching and steering a run (LANGUAGE.md, "More of training"): validation loss, early stopping,
 * schedules, optimizer state across calls, the kept frames, decision regions.
 */
class SteerTest {
    /** A small noisy problem, its held-out part, and a model with batch norm (so inference mode shows). */
    private static final String DATA = """
            seed(3)
            X = randn(60, 2)
            y = sin(2 * X[:, 0]) + X[:, 1] ^ 2 + 0.2 * randn(60, 1)
            Xv = randn(30, 2)
            yv = sin(2 * Xv[:, 0]) + Xv[:, 1] ^ 2 + 0.2 * randn(30, 1)
            """ + model("m0");

    /** The same model each time (seed(4) then its layers), under a name: what copy(m0) would give. */
    private static String model(String name) {
        return "seed(4)\n" + name + " = linear(2, 16) |> batchnorm |> relu |> linear(16, 1)\n";
    }

    private static Interpreter session(String code) {
        Interpreter it = Mlp.interpreter(new StringWriter());
        it.run(new Source("steer.mlp", code));
        return it;
    }

    private static double num(Interpreter it, String code) {
        Value v = it.run(new Source("q.mlp", code));
        return v instanceof Num n ? n.value() : ((Tensor) v).get(0, 0);
    }

    private static double[] params(Interpreter it, String name) {
        List<Param> ps = ((Layer) it.globals().lookup(name)).params();
        int n = 0;
        for (Param p : ps) n += p.size();
        double[] out = new double[n];
        int k = 0;
        for (Param p : ps) for (int i = 0; i < p.size(); i++) out[k++] = p.value.data[i];
        return out;
    }

    @Test
    void theValidationLossIsTheLossOfTheModelInInferenceModeAfterEachStep() {
        // plain sgd keeps no state: one call of 6 epochs steps exactly as six calls of one epoch, so
        // the model after each epoch can be rebuilt and its validation loss computed by hand
        Interpreter it = session(DATA + """
                """ + model("m") + model("h") + """
                run = train(m, X, y, epochs=6, optimizer=sgd, lr=0.05, val=[Xv, yv])
                """);
        Run run = (Run) it.globals().lookup("run");
        assertTrue(run.hasValidation());
        assertEquals(6, ((Tensor) run.member("val_loss")).rows());
        for (int e = 0; e < 6; e++) {
            it.run(new Source("e.mlp", "r = train(h, X, y, epochs=1, optimizer=sgd, lr=0.05)"));
            double byHand = num(it, "mse(h(Xv), yv)");
            assertEquals(byHand, run.valLoss(e), 1e-12 * byHand, "epoch " + (e + 1));
            // and the training loss of the next epoch is the loss before its step, in training mode: not the same number
            assertEquals(num(it, "r.loss[0]"), run.loss(e), 1e-12 * run.loss(e));
        }
        assertNotEquals(run.loss(1), run.valLoss(0));
        // without val= there is none, and saying so is an error a user can read
        MlpError err = Mlp.fail(DATA + "r = train(m0, X, y, epochs=2)\nr.val_loss");
        assertTrue(err.getMessage().contains("no validation loss: train with val=[Xv, yv]"), err.getMessage());
        assertTrue(err.getMessage().contains(":3: this run has no validation loss"), err.getMessage());
    }

    @Test
    void patienceStopsAndPutsBackTheBestEpochsExactParameters() {
        Interpreter it = session(DATA + """
                """ + model("m") + """
                run = train(m, X, y, epochs=3000, lr=0.02, val=[Xv, yv], patience=25)
                """);
        Run run = (Run) it.globals().lookup("run");
        int best = run.bestEpoch();
        assertTrue(run.stoppedEarly(), "a large model on 60 noisy points overfits: " + run);
        assertEquals(best + 25, run.epochs(), "stops 25 epochs after the best");
        double[] vals = new double[run.epochs()];
        for (int e = 0; e < vals.length; e++) vals[e] = run.valLoss(e);
        for (int e = 0; e < vals.length; e++) assertTrue(vals[best - 1] <= vals[e]);
        assertEquals(best, num(it, "run.best_epoch"));
        // the same training for exactly best epochs (full batch, fresh adam: deterministic) ends with the same parameters
        it.run(new Source("b.mlp", model("b") + "train(b, X, y, epochs=" + best + ", lr=0.02)"));
        assertArrayEquals(params(it, "b"), params(it, "m"), 0.0);
        // and the model's validation loss is the best one
        assertEquals(vals[best - 1], num(it, "mse(m(Xv), yv)"), 1e-12 * vals[best - 1]);
        assertTrue(run.toString().contains("stopped early, of 3000"), run.toString());
        MlpError err = Mlp.fail(DATA + "train(m0, X, y, patience=5)");
        assertTrue(err.getMessage().contains("patience= watches the validation loss: give val=[Xv, yv] too"), err.getMessage());
    }

    @Test
    void valMustBeAListOfInputsAndTargetsThatFit() {
        assertTrue(Mlp.fail(DATA + "train(m0, X, y, val=Xv)").getMessage().contains("val= takes the validation data as a list [Xv, yv]"));
        assertTrue(Mlp.fail(DATA + "train(m0, X, y, val=[Xv[:, 0], yv])").getMessage().contains("Xv has 1 columns but X has 2"));
        assertTrue(Mlp.fail(DATA + "train(m0, X, y, val=[Xv, yv[0:3]])").getMessage().contains("must have Xv's 30 rows"));
    }

    @Test
    void theRateOfEveryEpochIsRecordedAndAFunctionOfTheEpochIsOne() {
        Interpreter it = session(DATA + model("m1") + model("m2") + """
                a = train(m1, X, y, epochs=5, lr=e -> 0.1 * 0.5 ^ e)
                b = train(m2, X, y, epochs=5, lr=exp_lr(0.1, gamma=0.5))
                c = train(m0, X, y, epochs=5)
                d = train(linear(2, 1), X, y, epochs=5, optimizer=sgd(lr=0.3))
                """);
        assertArrayEquals(new double[]{0.1, 0.05, 0.025, 0.0125, 0.00625}, ((Tensor) it.run(new Source("q", "a.lr"))).data().data, 1e-15);
        assertArrayEquals(((Run) it.globals().lookup("a")).member("lr") instanceof Tensor t ? t.data().data : null,
                ((Tensor) it.run(new Source("q", "b.lr"))).data().data, 1e-15);
        assertEquals(num(it, "a.loss[4]"), num(it, "b.loss[4]"), 1e-12, "the same rates train the same way");
        assertEquals(0.001, num(it, "c.lr[4]"), 0, "a bare adam: PyTorch's 0.001");
        assertEquals(0.3, num(it, "d.lr[0]"), 0);
        assertEquals(0.05 * 0.1, num(it, "train(m0, X, y, epochs=4, lr=step_lr(0.05, every=3)).lr[3]"), 1e-18);
        assertEquals(0.0, num(it, "train(m0, X, y, epochs=4, lr=cosine_lr(0.05)).lr[0]") - 0.05, 0);
        MlpError err = Mlp.fail(DATA + "train(m0, X, y, epochs=3, lr=e -> 0.5 - 0.5 * e)");
        assertTrue(err.getMessage().contains("for epoch 2 it gave -0.5"), err.getMessage());
        assertTrue(Mlp.fail("step_lr(0.1)").getMessage().contains("every= (how many epochs between steps) is missing"));
        assertTrue(Mlp.fail("exp_lr(0.1)").getMessage().contains("gamma= (the factor of each epoch) is missing"));
        assertTrue(Mlp.fail("cosine_lr(0.1, min=0.5)").getMessage().contains("min must be between 0 and lr"));
    }

    /** 100 + 100 epochs with one optimizer value equal 200 epochs, mini-batches and their shuffles included. */
    @Test
    void anOptimizerValueResumesExactlyAndABareOneStartsFresh() {
        for (String opt : new String[]{"adam(lr=0.01)", "sgd(lr=0.02, momentum=0.9)", "adam(lr=0.005, weight_decay=0.01)",
                "adamw(lr=0.01)", "rmsprop(lr=0.002, momentum=0.5)"})
            for (String batch : new String[]{"0", "16"}) {
                Interpreter it = session(DATA + model("a") + model("b") + "seed(9)\n"
                        + "whole = train(a, X, y, epochs=200, batch=" + batch + ", optimizer=" + opt + ")\n"
                        + "seed(9)\nopt = " + opt + "\n"
                        + "one = train(b, X, y, epochs=100, batch=" + batch + ", optimizer=opt)\n"
                        + "two = train(b, X, y, epochs=100, batch=" + batch + ", optimizer=opt)\n");
                Run whole = (Run) it.globals().lookup("whole"), two = (Run) it.globals().lookup("two");
                for (int e = 0; e < 100; e++)
                    assertEquals(whole.loss(100 + e), two.loss(e), 1e-12 * whole.loss(100 + e), opt + " batch=" + batch + " epoch " + (101 + e));
                double[] pa = params(it, "a"), pb = params(it, "b");
                for (int i = 0; i < pa.length; i++) assertEquals(pa[i], pb[i], 1e-12 * Math.max(1, Math.abs(pa[i])), opt + " parameter " + i);
            }
        // a bare adam, or adam(...) written in the call, starts fresh each time: its second call
        // starts again from zero moments, so it differs from a resumed optimizer
        Interpreter it = session(DATA + model("a") + model("b") + model("c") + """
                opt = adam(lr=0.01)
                train(a, X, y, epochs=50, optimizer=adam, lr=0.01)
                bare = train(a, X, y, epochs=50, optimizer=adam, lr=0.01)
                train(b, X, y, epochs=50, optimizer=adam(lr=0.01))
                inline = train(b, X, y, epochs=50, optimizer=adam(lr=0.01))
                train(c, X, y, epochs=50, optimizer=opt)
                kept = train(c, X, y, epochs=50, optimizer=opt)
                """);
        assertArrayEquals(params(it, "a"), params(it, "b"), 0.0);
        assertEquals(num(it, "bare.loss[0]"), num(it, "inline.loss[0]"), 0);
        assertNotEquals(num(it, "bare.loss[1]"), num(it, "kept.loss[1]"));
    }

    @Test
    void theKeptFramesAndTheirEpochs() {
        Interpreter it = session(DATA + "run = train(m0, X, y, epochs=10, frames=4)");
        Run run = (Run) it.globals().lookup("run");
        ListValue predictions = (ListValue) run.member("predictions");
        assertEquals(4, predictions.length());
        DMatrixRMaj epochs = ((Tensor) run.member("frame_epochs")).data();
        assertArrayEquals(new double[]{0, 3, 7, 10}, epochs.data, 0);
        for (int k = 0; k < 4; k++)
            assertArrayEquals(run.frames().get(k).data, ((Tensor) predictions.item(k)).data().data, 0);
        // frame k's predictions are the training-mode predictions whose loss is recorded for its epoch
        it.run(new Source("q", "p = run.predictions\nl = mse(p[2], y)"));
        assertEquals(run.loss(6), num(it, "l"), 1e-12);
    }

    @Test
    void aClassificationRunRecordsItsDecisionRegionsWithEveryFrame() {
        Interpreter it = session("""
                seed(5)
                X = randn(80, 2)
                y = X[:, 0] * X[:, 1] > 0
                m = mlp(2, 16, 2)
                run = train(m, X, y, loss=cross_entropy, lr=0.02, epochs=300, frames=20, val=[X, y], patience=400)
                start = train(m, X, y, loss=cross_entropy, epochs=0)
                """);
        Run run = (Run) it.globals().lookup("run");
        DecisionGrid g = run.grid();
        assertTrue(g != null && !g.probability());
        assertEquals(run.frames().size(), run.regions().size());
        // the grid covers the data
        assertTrue(g.xMin() < -2 && g.xMax() > 2 && g.cells() == 60);
        // epochs=0 keeps one frame: the regions of the model as it is, its class at every grid point
        Run start = (Run) it.globals().lookup("start");
        double[] cells = start.regions().get(0);
        StringBuilder grid = new StringBuilder("G = [");
        for (int i = 0; i < g.cells(); i++)
            for (int j = 0; j < g.cells(); j++)
                grid.append(i + j > 0 ? ", " : "").append("[").append(g.x(i)).append(", ").append(g.y(j)).append("]");
        it.run(new Source("g.mlp", grid.append("]\nP = m(G)").toString()));
        DMatrixRMaj p = ((Tensor) it.globals().lookup("P")).data();
        int differ = 0, ones = 0;
        for (int c = 0; c < cells.length; c++) {
            int cls = p.get(c, 1) > p.get(c, 0) ? 1 : 0;
            if (cls != (int) cells[c]) differ++;
            ones += cls;
        }
        assertEquals(0, differ);
        assertTrue(ones > 200 && ones < cells.length - 200, "a trained XOR-like classifier has two regions: " + ones);
        // a single sigmoid output gives probabilities; a regression gives no regions
        Interpreter bce = session("seed(5)\nX = randn(40, 2)\ny = X[:, 0] > 0\n"
                + "run = train(mlp(2, 8, 1) |> sigmoid, X, y, loss=bce, epochs=20)\nr2 = train(linear(2, 1), X, y, epochs=2)");
        Run b = (Run) bce.globals().lookup("run");
        assertTrue(b.grid().probability());
        for (double v : b.regions().get(b.regions().size() - 1)) assertTrue(v >= 0 && v <= 1);
        // bce_logits: the single output is a logit, its regions the sigmoid of it
        Interpreter logits = session("seed(5)\nX = randn(40, 2)\ny = X[:, 0] > 0\nm = mlp(2, 8, 1)\n"
                + "run = train(m, X, y, loss=bce_logits, epochs=0)\nP = sigmoid(m([[0, 0]]))");
        Run l = (Run) logits.globals().lookup("run");
        assertTrue(l.grid().probability());
        double[] lc = l.regions().get(0);
        for (double v : lc) assertTrue(v > 0 && v < 1);
        assertEquals(null, ((Run) bce.globals().lookup("r2")).grid());
    }

    /**
     * A function layer in a run's validation and region graphs is re-run after every step like
     * the rest of the model (it was once worked out when the graph was built, so the validation
     * loss and the regions stayed those of the untrained model).
     */
    @Test
    void aFunctionLayersValidationLossAndRegionsFollowTheTraining() {
        Interpreter it = session("""
                seed(5)
                X = randn(80, 2)
                y = X[:, 0] * X[:, 1] > 0
                m = linear(2, 16) |> relu |> (x -> x * sigmoid(x)) |> linear(2)
                run = train(m, X, y, loss=cross_entropy, lr=0.02, epochs=300, frames=20, val=[X, y], progress=false)
                byHand = cross_entropy(m(X), y)
                last = train(m, X, y, loss=cross_entropy, epochs=0)
                """);
        Run run = (Run) it.globals().lookup("run");
        double byHand = num(it, "byHand");
        assertEquals(byHand, run.valLoss(299), 1e-12 * byHand, "the validation loss after the last step");
        assertTrue(run.valLoss(299) < 0.5 * run.valLoss(0), run.valLoss(0) + " then " + run.valLoss(299));
        // the regions of the trained model: its class at every grid point, and not the first frame's
        DecisionGrid g = run.grid();
        double[] first = run.regions().get(0), trained = ((Run) it.globals().lookup("last")).regions().get(0);
        StringBuilder grid = new StringBuilder("G = [");
        for (int i = 0; i < g.cells(); i++)
            for (int j = 0; j < g.cells(); j++)
                grid.append(i + j > 0 ? ", " : "").append("[").append(g.x(i)).append(", ").append(g.y(j)).append("]");
        it.run(new Source("g.mlp", grid.append("]\nP = m(G)").toString()));
        DMatrixRMaj p = ((Tensor) it.globals().lookup("P")).data();
        int differ = 0, changed = 0;
        double[] lastFrame = run.regions().get(run.regions().size() - 1);
        for (int c = 0; c < trained.length; c++) {
            int cls = p.get(c, 1) > p.get(c, 0) ? 1 : 0;
            if (cls != (int) trained[c]) differ++;
            if (lastFrame[c] != first[c]) changed++;
        }
        assertEquals(0, differ);
        assertTrue(changed > 100, "the regions moved while it trained: " + changed + " cells");
    }

    @Test
    void theProgressBarShowsTheValidationLoss() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Interpreter it = new Interpreter(new Settings().out(new PrintWriter(new StringWriter()))
                .progress(new PrintStream(bytes, true, StandardCharsets.UTF_8)).progressIsTerminal(false)
                .pictures(Settings.Pictures.OFF));
        it.run(new Source("t.mlp", DATA + "run = train(m0, X, y, epochs=30, val=[Xv, yv])"));
        Run run = (Run) it.globals().lookup("run");
        String line = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(line.matches("100%\\|██████████\\| 30/30 \\[.*, loss=[0-9.e+-]+, val=[0-9.e+-]+]\n"), line);
        assertTrue(line.contains("val=" + mlp.value.Format.significant(run.valLoss(29), 4) + "]"), line);
    }
}
