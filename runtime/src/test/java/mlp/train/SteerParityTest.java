package mlp.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mlp.Mlp;
import mlp.eval.Interpreter;
import mlp.nn.Layer;
import mlp.nn.Param;
import mlp.syntax.Source;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Learning-rate schedules and optimizers resumed across train calls, against PyTorch 1.13
 * float64 (src/test/resources/steer/steer.json, made by make.py beside it): the rate of every
 * epoch, the loss of every epoch, and the parameters at the end.
 */
class SteerParityTest {
    static final Path DIR = Path.of("src/test/resources/steer");
    static final JsonNode REF;

    static {
        try {
            REF = new ObjectMapper().readTree(DIR.resolve("steer.json").toFile());
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    /** A .mlp literal of a JSON array of numbers or of rows. */
    static String literal(JsonNode a) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < a.size(); i++) {
            if (i > 0) b.append(", ");
            b.append(a.get(i).isArray() ? literal(a.get(i)) : Double.toString(a.get(i).asDouble()));
        }
        return b.append("]").toString();
    }

    /** A session holding make.py's data (X, y) and model (m) with its starting weights. */
    static Interpreter setup() {
        Interpreter session = Mlp.interpreter(new StringWriter());
        session.run(new Source("setup.mlp", "X = " + literal(REF.get("X")) + "\ny = " + literal(REF.get("y")) + "\n"
                + "m = linear(2, 4) |> tanh |> linear(4, 1)\nm(X)"));
        List<Param> params = ((Layer) session.globals().lookup("m")).params();
        String[] names = {"W1", "b1", "W2", "b2"};
        for (int p = 0; p < 4; p++) {
            double[] flat = flat(REF.get(names[p]));
            assertEquals(flat.length, params.get(p).size());
            System.arraycopy(flat, 0, params.get(p).value.data, 0, flat.length);
        }
        return session;
    }

    private static double[] flat(JsonNode a) {
        List<Double> out = new ArrayList<>();
        for (JsonNode v : a) if (v.isArray()) for (JsonNode w : v) out.add(w.asDouble()); else out.add(v.asDouble());
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double rel(double got, double want) {
        return Math.abs(got - want) / Math.max(1e-300, Math.abs(want));
    }

    @TestFactory
    List<DynamicTest> schedulesMatchPyTorchsSchedulers() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = REF.get("schedules").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                Interpreter session = setup();
                session.run(new Source("steer.mlp", "run = train(m, X, y, optimizer=sgd, lr=" + e.getKey() + ", epochs=12)"));
                Run run = (Run) session.globals().lookup("run");
                JsonNode rates = e.getValue().get("lr"), losses = e.getValue().get("losses");
                double worstRate = 0, worstLoss = 0;
                org.ejml.data.DMatrixRMaj lr = ((mlp.value.Tensor) run.member("lr")).data();
                assertEquals(12, lr.numRows);
                for (int k = 0; k < 12; k++) {
                    worstRate = Math.max(worstRate, rel(lr.data[k], rates.get(k).asDouble()));
                    worstLoss = Math.max(worstLoss, rel(run.loss(k), losses.get(k).asDouble()));
                }
                System.out.printf("schedule %-34s rates %.1e, losses %.1e%n", e.getKey(), worstRate, worstLoss);
                assertTrue(worstRate < 1e-12, "rates deviate " + worstRate);
                assertTrue(worstLoss < 1e-10, "losses deviate " + worstLoss);
            }));
        }
        return tests;
    }

    /** Two train calls of 10 epochs sharing one optimizer value train as PyTorch's one optimizer over 20. */
    @TestFactory
    List<DynamicTest> resumedOptimizersMatchPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = REF.get("resumed").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                Interpreter session = setup();
                session.run(new Source("steer.mlp", "opt = " + e.getKey() + "\n"
                        + "first = train(m, X, y, optimizer=opt, epochs=10)\n"
                        + "second = train(m, X, y, optimizer=opt, epochs=10)"));
                Run first = (Run) session.globals().lookup("first"), second = (Run) session.globals().lookup("second");
                JsonNode losses = e.getValue().get("losses");
                double worst = 0;
                for (int k = 0; k < 10; k++) {
                    worst = Math.max(worst, rel(first.loss(k), losses.get(k).asDouble()));
                    worst = Math.max(worst, rel(second.loss(k), losses.get(10 + k).asDouble()));
                }
                double worstParam = 0;
                List<Param> params = ((Layer) session.globals().lookup("m")).params();
                JsonNode want = e.getValue().get("params");
                assertEquals(want.size(), params.size());
                for (int p = 0; p < params.size(); p++)
                    for (int i = 0; i < params.get(p).size(); i++)
                        worstParam = Math.max(worstParam, rel(params.get(p).value.data[i], want.get(p).get(i).asDouble()));
                System.out.printf("resumed %-34s losses %.1e, params %.1e%n", e.getKey(), worst, worstParam);
                assertTrue(worst < 1e-10, "losses deviate " + worst);
                assertTrue(worstParam < 1e-10, "parameters deviate " + worstParam);
            }));
        }
        return tests;
    }
}
