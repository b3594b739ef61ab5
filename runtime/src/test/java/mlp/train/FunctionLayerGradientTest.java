package mlp.train;

import mlp.MlpError;
import mlp.autograd.Node;
import mlp.autograd.Plan;
import mlp.eval.Callable;
import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.nn.Graph;
import mlp.nn.Layer;
import mlp.nn.Param;
import mlp.syntax.Pos;
import mlp.syntax.Source;
import mlp.value.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Function layers and function losses inside the compiled training graph, built exactly as
 * {@link Trainer} builds it (training-mode graph, feature-major data, one {@link Plan}):
 * <ul>
 *   <li>the gradient of the loss with respect to every parameter matches central finite
 *       differences taken by re-running the same plan — which also shows that the function is
 *       part of the plan (a value computed once at build time would not move when a parameter
 *       moves, and the difference quotient would disagree);</li>
 *   <li>forward and backward passes over the plan allocate nothing (the thread's allocation
 *       counter, {@code com.sun.management.ThreadMXBean}, over 200 passes).</li>
 * </ul>
 */
class FunctionLayerGradientTest {
    private static final double H = 1e-6;

    /** A model written with function layers that use (between them) every differentiable built-in. */
    @ParameterizedTest
    @ValueSource(strings = {
            "x -> x * sigmoid(x)",
            "x -> tanh(x) + sin(x) * cos(x) - exp(-x ^ 2)",
            "x -> sqrt(x ^ 2 + 1) + log(abs(x) + 1) + tan(x / 4)",
            "x -> x / (1 + abs(x)) + relu(x) - max(x) + min(x, dim=0) + mean(x, dim=1)",
            "x -> x - mean(x, dim=1) + sum(x, dim=0) / 10 + std(x) * var(x, dim=1)",
            "x -> where(x > 0, x, 0.1 * x) + clip(x, -0.5, 0.5)",
            "x -> cat(x[:, 0:1] * 2, x[:, 1:] + 1, dim=1) + x[:, [2, 1, 0]]",
            "x -> reshape(reshape(x, 1, x.rows * 3), x.rows, 3) @ inv(eye(3) + 0.1 * ones(3, 3))",
            "x -> { h = x; for k in range(2) { h += 0.5 * tanh(h) }; h }",
            "x -> if 1 > 0 { softmax(x) * 3 } else { x }",
            "x -> stack(x[:, 0], x[:, 1], x[:, 2]) * leaky_relu(0.2)(x)"
    })
    void functionLayerGradientsMatchFiniteDifferences(String fn) {
        check("model = linear(2, 3) |> (" + fn + ") |> linear(3, 2)", "mse");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "(p, t) -> mean(abs(p - t) ^ 3)",
            "(p, t) -> mse(p, t) + 0.1 * mae(p, t)",
            "(p, t) -> sum((p - t) ^ 2) / p.rows + max(abs(p - t))",
            "(p, t) -> mean(where(abs(p - t) < 1, 0.5 * (p - t) ^ 2, abs(p - t) - 0.5))",
            "(p, t) -> { d = p - t; s = 0; for c in range(2) { s += mean(d[:, c] ^ 2) }; s }",
            "(p, t) -> mean(log(1 + exp(-p * t)))"
    })
    void functionLossGradientsMatchFiniteDifferences(String loss) {
        check("model = linear(2, 3) |> (x -> x * sigmoid(x)) |> linear(3, 2)", loss);
    }

    @Test
    void aUsedBuiltinWithoutAGradientIsAnErrorNamingIt() {
        MlpError e = assertThrows(MlpError.class, () -> check("model = linear(2, 2) |> (x -> floor(x))", "mse"));
        assertTrue(e.plainMessage().startsWith("floor has no gradient"), e.plainMessage());
        e = assertThrows(MlpError.class, () -> check("model = linear(2, 2)", "(p, t) -> mean(argmax(p, dim=1) - t)"));
        assertTrue(e.plainMessage().startsWith("argmax has no gradient"), e.plainMessage());
    }

    /**
     * Mini-batches write each batch's rows into the same input buffers and re-run the plan: a
     * function layer first in the model, and a loss computing from the targets alone, must see
     * the new rows (not the values of the batch the graph was built on).
     */
    @Test
    void theFunctionsRunAgainOnEachBatchData() {
        String model = "model = (x -> x ^ 2 + 1) |> linear(2, 2)";
        String loss = "(p, t) -> mean((p - t * 2) ^ 2) + mean(t)";
        Compiled c = compile(model, loss);
        DMatrixRMaj x = c.xBuffer, y = c.yBuffer;
        for (int i = 0; i < x.data.length; i++) x.data[i] = Math.sin(i);
        for (int i = 0; i < y.data.length; i++) y.data[i] = Math.cos(i);
        c.plan.forward();
        Compiled fresh = compile(model, loss, x, y);
        fresh.plan.forward();
        assertEquals(fresh.loss.value.data[0], c.loss.value.data[0], 1e-12);
    }

    @Test
    void theCompiledGraphAllocatesNothingPerEpoch() {
        Compiled c = compile("model = linear(2, 16) |> (x -> x * sigmoid(x)) |> (x -> where(x > 0, x, 0.1 * x)) |> linear(16, 2)",
                "(p, t) -> mean(abs(p - t) ^ 3) + 0.5 * mse(p, t)");
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 50; i++) pass(c); // warm up: class loading, JIT
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 200; i++) pass(c);
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;
        // the counter itself allocates a little; 200 passes over a graph of ~40 nodes allocating
        // even one small matrix each would be far above this
        assertTrue(allocated < 4096, "200 forward+backward passes allocated " + allocated + " bytes");
    }

    private static void pass(Compiled c) {
        c.plan.forward();
        c.plan.backward();
    }

    private record Compiled(Plan plan, Node loss, List<Param> params, Graph graph, DMatrixRMaj xBuffer, DMatrixRMaj yBuffer) {
    }

    private static Compiled compile(String modelCode, String lossCode) {
        return compile(modelCode, lossCode, null, null);
    }

    /** The graph Trainer builds for this model (defined by {@code modelCode}) and loss, over fixed data. */
    private static Compiled compile(String modelCode, String lossCode, DMatrixRMaj xGiven, DMatrixRMaj yGiven) {
        Interpreter in = new Interpreter(new Settings().progress(null).pictures(Settings.Pictures.OFF));
        in.run(new Source("model.mlp", "seed(3)\n" + modelCode + "\nloss = " + lossCode
                + "\nX = randn(7, 2)\ny = randn(7, 2)\nmodel(X)"));
        Layer model = (Layer) in.globals().lookup("model");
        Loss loss = Losses.of(in.globals().lookup("loss"));
        if (loss == null) loss = mlp.eval.TrainBuiltins.functionLoss(in, (Callable) in.globals().lookup("loss"), new Pos(new Source("t", ""), 1, 1));
        DMatrixRMaj x = xGiven != null ? xGiven.copy() : CommonOps_DDRM.transpose(((Tensor) in.globals().lookup("X")).data(), null);
        DMatrixRMaj y = yGiven != null ? yGiven.copy() : CommonOps_DDRM.transpose(((Tensor) in.globals().lookup("y")).data(), null);
        Graph graph = Graph.training(in.random());
        Node prediction = model.forward(Node.constant(x), graph);
        Node out = loss.build(prediction, Node.constant(y));
        return new Compiled(new Plan(out), out, model.params(), graph, x, y);
    }

    private static void check(String modelCode, String lossCode) {
        Compiled c = compile(modelCode, lossCode);
        c.plan.forward();
        c.plan.backward();
        int checked = 0;
        for (Param p : c.params) {
            DMatrixRMaj analytic = c.graph.nodeOf(p).grad().copy();
            double maxErr = 0, scale = 0;
            for (int i = 0; i < p.size(); i++) {
                double keep = p.value.data[i];
                p.value.data[i] = keep + H;
                c.plan.forward();
                double up = c.loss.value.data[0];
                p.value.data[i] = keep - H;
                c.plan.forward();
                double down = c.loss.value.data[0];
                p.value.data[i] = keep;
                double numeric = (up - down) / (2 * H);
                maxErr = Math.max(maxErr, Math.abs(numeric - analytic.data[i]));
                scale = Math.max(scale, Math.max(Math.abs(numeric), Math.abs(analytic.data[i])));
            }
            assertTrue(scale > 1e-8, p.name + " has a zero gradient: the check would prove nothing");
            assertTrue(maxErr / scale < 1e-5, modelCode + " / " + lossCode + ": " + p.name + " relative error " + maxErr / scale);
            checked++;
        }
        assertEquals(c.params.size(), checked);
    }
}
