package mlp.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mlp.Mlp;
import mlp.eval.Interpreter;
import mlp.nn.Layer;
import mlp.syntax.Source;
import mlp.value.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tutorial's five runs against PyTorch (float64, see src/test/resources/parity/README.md):
 * every epoch's loss before the run's stable_epochs within 1e-6 relative, the last epoch within
 * max(1e-3, 30 × perturbed_final_rel_dev), and the trained model's inference-mode predictions
 * where the run is stable (within 1e-6 of their largest magnitude). Each run is trained by .mlp
 * source, as a user would.
 */
class ParityTest {
    static final Path DIR = Path.of("src/test/resources/parity");

    static DMatrixRMaj csv(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) continue;
            String[] cells = line.split(",");
            double[] row = new double[cells.length];
            for (int i = 0; i < cells.length; i++) row[i] = Double.parseDouble(cells[i].trim());
            rows.add(row);
        }
        return new DMatrixRMaj(rows.toArray(new double[0][]));
    }

    @TestFactory
    List<DynamicTest> tutorialRunsMatchPyTorch() throws IOException {
        JsonNode runs = new ObjectMapper().readTree(DIR.resolve("reference.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode ref : runs) tests.add(DynamicTest.dynamicTest(ref.get("name").asText(), () -> check(ref)));
        return tests;
    }

    /**
     * Options the tutorial does not use, against PyTorch float64 (extra.json, made by extra.py
     * beside it): every epoch within 1e-6 relative, and the inference-mode predictions and
     * batch-norm running statistics of the trained model.
     */
    @TestFactory
    List<DynamicTest> moreOptionsMatchPyTorch() throws IOException {
        JsonNode runs = new ObjectMapper().readTree(DIR.resolve("extra.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode ref : runs) tests.add(DynamicTest.dynamicTest(ref.get("name").asText(), () -> checkExtra(ref, 1e-6)));
        return tests;
    }

    /**
     * The parts added to show the runtime is open (newparts.json, made by newparts.py beside it):
     * huber, bce_logits, gelu, elu, softplus, silu, layernorm, adamw, rmsprop. Every epoch of at
     * least 200 within 1e-9 relative, and the trained model's predictions.
     */
    @TestFactory
    List<DynamicTest> addedPartsMatchPyTorch() throws IOException {
        JsonNode runs = new ObjectMapper().readTree(DIR.resolve("newparts.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode ref : runs) {
            assertTrue(ref.get("epochs").asInt() >= 200);
            tests.add(DynamicTest.dynamicTest(ref.get("name").asText(), () -> checkExtra(ref, 1e-9)));
        }
        return tests;
    }

    private static void checkExtra(JsonNode ref, double tolerance) throws IOException {
        String data = ref.get("data").asText();
        DMatrixRMaj x = csv(DIR.resolve(data + "-X.csv")), y = csv(DIR.resolve(data + "-y.csv"));
        int n = x.numRows;
        DMatrixRMaj target = switch (ref.get("target").asText()) {
            case "y" -> y;
            case "cluster" -> { // the class index of each row's cluster of 100
                DMatrixRMaj t = new DMatrixRMaj(n, 1);
                for (int i = 0; i < n; i++) t.data[i] = i / 100;
                yield t;
            }
            default -> { // "first": 1 for the first cluster
                DMatrixRMaj t = new DMatrixRMaj(n, 1);
                for (int i = 0; i < n; i++) t.data[i] = i < 100 ? 1 : 0;
                yield t;
            }
        };
        Interpreter it = Mlp.interpreter(new StringWriter());
        it.globals().define("X", new Tensor(x));
        it.globals().define("y", new Tensor(target));
        it.run(new Source("parity.mlp", "run = train(" + ref.get("model").asText() + ", X, y, optimizer=" + ref.get("optimizer").asText()
                + ", loss=" + ref.get("loss").asText() + ", lr=" + ref.get("lr").asText() + ", epochs=" + ref.get("epochs").asText() + ")\n"
                + "pred = run.model(X)"));
        Run run = (Run) it.globals().lookup("run");
        JsonNode losses = ref.get("losses");
        assertEquals(losses.size(), run.epochs());
        double worst = 0;
        int firstOff = -1; // the first epoch beyond the tolerance, for the message
        for (int e = 0; e < losses.size(); e++) {
            double dev = Math.abs(run.loss(e) - losses.get(e).asDouble()) / Math.abs(losses.get(e).asDouble());
            if (dev >= tolerance && firstOff < 0) firstOff = e;
            worst = Math.max(worst, dev);
        }
        double worstPred = predictionDeviation(((Tensor) it.globals().lookup("pred")).data(), ref.get("eval_pred"));
        double worstStats = 0;
        List<mlp.nn.BatchNorm> norms = new ArrayList<>();
        collectNorms((Layer) run.model(), norms);
        assertEquals(ref.get("running_mean").size(), norms.size());
        for (int k = 0; k < norms.size(); k++)
            for (int j = 0; j < norms.get(k).width(); j++) {
                worstStats = Math.max(worstStats, rel(norms.get(k).runningMean().data[j], ref.get("running_mean").get(k).get(j).asDouble()));
                worstStats = Math.max(worstStats, rel(norms.get(k).runningVar().data[j], ref.get("running_var").get(k).get(j).asDouble()));
            }
        System.out.printf("parity %-22s %4d epochs: max rel dev %.2e; eval_pred %.2e; running stats %.2e%n",
                ref.get("name").asText(), losses.size(), worst, worstPred, worstStats);
        assertTrue(worst < tolerance, "loss deviates " + worst + ", first at epoch " + firstOff + ": "
                + (firstOff < 0 ? "" : run.loss(firstOff) + " against " + losses.get(firstOff).asDouble()));
        assertTrue(worstPred < tolerance, "eval predictions deviate " + worstPred);
        assertTrue(worstStats < tolerance, "running statistics deviate " + worstStats);
    }

    /** The largest difference from PyTorch's predictions, relative to their largest magnitude. */
    private static double predictionDeviation(DMatrixRMaj pred, JsonNode want) {
        assertEquals(want.size(), pred.numRows);
        double diff = 0, scale = 0;
        for (int r = 0; r < pred.numRows; r++)
            for (int c = 0; c < pred.numCols; c++) {
                double w = want.get(r).get(c).asDouble();
                diff = Math.max(diff, Math.abs(pred.get(r, c) - w));
                scale = Math.max(scale, Math.abs(w));
            }
        return diff / scale;
    }

    private static double rel(double got, double want) {
        return Math.abs(got - want) / Math.max(1e-12, Math.abs(want));
    }

    private static void collectNorms(Layer l, List<mlp.nn.BatchNorm> out) {
        if (l instanceof mlp.nn.BatchNorm b) out.add(b);
        for (Layer c : l.children()) collectNorms(c, out);
    }

    private static void check(JsonNode ref) throws IOException {
        String data = ref.get("data").asText();
        Interpreter it = Mlp.interpreter(new StringWriter());
        it.globals().define("X", new Tensor(csv(DIR.resolve(data + "-X.csv"))));
        it.globals().define("y", new Tensor(csv(DIR.resolve(data + "-y.csv"))));
        String code = "run = train(" + ref.get("model").asText() + ", X, y, optimizer=" + ref.get("optimizer").asText()
                + ", loss=" + ref.get("loss").asText() + ", lr=" + ref.get("lr").asText() + ", epochs=" + ref.get("epochs").asText() + ")";
        it.run(new Source("parity.mlp", code));
        Run run = (Run) it.globals().lookup("run");
        JsonNode losses = ref.get("losses");
        int epochs = losses.size(), stable = ref.get("stable_epochs").asInt();
        assertEquals(epochs, run.epochs());
        double worstStable = 0;
        int worstAt = -1;
        for (int e = 0; e < stable; e++) {
            double want = losses.get(e).asDouble(), dev = Math.abs(run.loss(e) - want) / Math.abs(want);
            if (dev > worstStable) {
                worstStable = dev;
                worstAt = e;
            }
        }
        double wantLast = losses.get(epochs - 1).asDouble();
        double lastDev = Math.abs(run.loss(epochs - 1) - wantLast) / Math.abs(wantLast);
        double lastTol = Math.max(1e-3, 30 * ref.get("perturbed_final_rel_dev").asDouble());

        double worstPred = Double.NaN;
        if (stable == epochs) {
            DMatrixRMaj pred = ((Tensor) mlp.eval.Calls.callable(run.model()).call(mlp.eval.Args.of(it, null, it.globals().lookup("X")))).data();
            worstPred = predictionDeviation(pred, ref.get("eval_pred"));
        }
        System.out.printf("parity %-16s stable epochs %4d/%d: max rel dev %.2e (epoch %d); last epoch rel dev %.2e (tol %.1e); eval_pred max rel dev %s%n",
                ref.get("name").asText(), stable, epochs, worstStable, worstAt + 1, lastDev, lastTol,
                Double.isNaN(worstPred) ? "n/a (chaotic run)" : String.format("%.2e", worstPred));
        assertTrue(worstStable < 1e-6, "epoch " + (worstAt + 1) + " deviates " + worstStable);
        assertTrue(lastDev < lastTol, "last epoch deviates " + lastDev);
        if (!Double.isNaN(worstPred)) assertTrue(worstPred < 1e-6, "eval predictions deviate " + worstPred);
    }
}
