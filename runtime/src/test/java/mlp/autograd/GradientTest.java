package mlp.autograd;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

import static mlp.autograd.GradCheck.check;
import static mlp.autograd.GradCheck.positive;
import static mlp.autograd.GradCheck.random;
import static mlp.autograd.GradCheck.var;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every differentiable operation's backward against central finite differences (relative error < 1e-6, float64). */
class GradientTest {

    // the shapes an operand can broadcast from onto 4×3
    private static final int[][] SHAPES = {{4, 3}, {1, 3}, {4, 1}, {1, 1}};

    private static void binary(String name, BinaryOperator<Node> op, boolean positiveRight) {
        for (int[] sa : SHAPES)
            for (int[] sb : SHAPES) {
                Node a = var(name.equals("^") ? positive(sa[0], sa[1], 1) : random(sa[0], sa[1], 1));
                Node b = var(positiveRight ? positive(sb[0], sb[1], 2) : random(sb[0], sb[1], 2));
                check(name + " " + sa[0] + "×" + sa[1] + " with " + sb[0] + "×" + sb[1], List.of(a, b), () -> op.apply(a, b));
            }
    }

    @Test
    void add() {
        binary("+", Ops::add, false);
    }

    @Test
    void sub() {
        binary("-", Ops::sub, false);
    }

    @Test
    void mul() {
        binary("*", Ops::mul, false);
    }

    @Test
    void div() {
        binary("/", Ops::div, true);
    }

    @Test
    void pow() {
        binary("^", Ops::pow, false);
    }

    @Test
    void powWithAConstantExponentGivesOnlyTheBaseAGradient() {
        Node a = var(random(3, 2, 5));
        check("x^2", List.of(a), () -> Ops.pow(a, Ops.scalar(2)));
        check("x^3", List.of(a), () -> Ops.pow(a, Ops.scalar(3)));
    }

    @Test
    void matmulAndTranspose() {
        Node a = var(random(5, 3, 1)), b = var(random(3, 4, 2));
        check("@", List.of(a, b), () -> Ops.matmul(a, b));
        check("'", List.of(a), () -> Ops.transpose(a));
        Node w = var(random(4, 3, 9));
        check("x @ w'", List.of(a, w), () -> Ops.matmul(a, Ops.transpose(w)));
        Node big1 = var(random(40, 40, 3)), big2 = var(random(40, 30, 4)); // EJML's path
        check("@ large", List.of(big1, big2), () -> Ops.matmul(big1, big2));
    }

    @Test
    void negate() {
        Node a = var(random(3, 2, 1));
        check("neg", List.of(a), () -> Ops.neg(a));
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "sigmoid", "tanh", "exp", "log", "sqrt", "abs", "sin", "cos", "tan"})
    void elementwise(String name) {
        UnaryOperator<Node> f = switch (name) {
            case "relu" -> Ops::relu;
            case "sigmoid" -> Ops::sigmoid;
            case "tanh" -> Ops::tanh;
            case "exp" -> Ops::exp;
            case "log" -> Ops::log;
            case "sqrt" -> Ops::sqrt;
            case "abs" -> Ops::abs;
            case "sin" -> Ops::sin;
            case "cos" -> Ops::cos;
            default -> Ops::tan;
        };
        boolean pos = name.equals("log") || name.equals("sqrt");
        Node a = var(pos ? positive(4, 3, 7) : random(4, 3, 7));
        check(name, List.of(a), () -> f.apply(a));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1})
    void reductions(int dim) {
        Node a = var(random(4, 3, 8));
        check("sum dim " + dim, List.of(a), () -> Ops.sum(a, dim));
        check("mean dim " + dim, List.of(a), () -> Ops.mean(a, dim));
        check("max dim " + dim, List.of(a), () -> Ops.extreme(a, dim, false));
        check("min dim " + dim, List.of(a), () -> Ops.extreme(a, dim, true));
    }

    @Test
    void slicingJoiningAndReshaping() {
        Node a = var(random(5, 4, 1)), b = var(random(2, 4, 2)), c = var(random(5, 1, 3));
        check("slice rows", List.of(a), () -> Ops.slice(a, 1, 4, 0, 4));
        check("slice block", List.of(a), () -> Ops.slice(a, 2, 5, 1, 3));
        check("cat rows", List.of(a, b), () -> Ops.cat(new Node[]{a, b}, 0));
        check("cat columns", List.of(a, c), () -> Ops.cat(new Node[]{a, c, a}, 1));
        check("stack of columns", List.of(c), () -> Ops.cat(new Node[]{c, Ops.transpose(Ops.transpose(c))}, 1));
        check("reshape", List.of(a), () -> Ops.reshape(a, 2, 10));
    }

    @Test
    void aGraphThatUsesAValueTwiceAddsBothGradients() {
        Node a = var(random(3, 3, 1));
        check("a * a + a", List.of(a), () -> Ops.add(Ops.mul(a, a), a));
    }

    // A value used by several steps: the first step to pass on a gradient sets it (Node.claimGrad),
    // the others add to it; the orders below make each kind of step the first or a later one.
    @Test
    void aValueUsedByLayersGetsEveryContribution() {
        Node x = var(random(37, 71, 1)), w = var(random(37, 37, 2)), b = var(random(1, 37, 3));
        check("x + linear(relu(linear(x))), through products", List.of(x, w, b), () ->
                Ops.add(x, LayerOps.linearThroughProducts(Ops.relu(LayerOps.linearThroughProducts(x, w, b)), w, b)));
        check("linear(x) + x, through products", List.of(x, w, b), () -> Ops.add(LayerOps.linearThroughProducts(x, w, b), x));
        Node s = var(random(3, 9, 4)), v = var(random(3, 3, 5)), c = var(random(1, 3, 6));
        check("x + linear(relu(linear(x))), small", List.of(s, v, c), () ->
                Ops.add(s, LayerOps.linear(Ops.relu(LayerOps.linear(s, v, c)), v, c)));
        check("linear(x) + x, small", List.of(s, v, c), () -> Ops.add(LayerOps.linear(s, v, c), s));
        check("relu(x) + x", List.of(s), () -> Ops.add(Ops.relu(s), s));
        Node t = var(random(3, 9, 9)); // below, relu passes x its gradient before the inner + does
        check("linear(x + t) + relu(x)", List.of(s, t, v, c), () -> Ops.add(LayerOps.linear(Ops.add(s, t), v, c), Ops.relu(s)));
        check("x + relu(x) * relu(x)", List.of(s), () -> Ops.add(s, Ops.mul(Ops.relu(s), Ops.relu(s))));
        DMatrixRMaj mean = new DMatrixRMaj(1, 3), variance = new DMatrixRMaj(1, 3);
        Node gamma = var(random(1, 3, 7)), beta = var(random(1, 3, 8));
        check("batchnorm(x) + x", List.of(s, gamma, beta), () ->
                Ops.add(LayerOps.batchNormTrain(s, gamma, beta, mean, variance, 0.1, 1e-5), s));
        check("x + batchnorm(x)", List.of(s, gamma, beta), () ->
                Ops.add(s, LayerOps.batchNormTrain(s, gamma, beta, mean, variance, 0.1, 1e-5)));
    }

    @Test
    void aGradientThatNoStepWritesIsZeroAfterEveryPass() { // a comparison passes no gradient to x
        Node x = var(random(3, 4, 1)), y = var(random(3, 4, 2));
        Plan plan = new Plan(Ops.sum(Ops.add(Ops.compare(">", x, Ops.scalar(0)), y), -1));
        plan.forward();
        plan.backward();
        java.util.Arrays.fill(x.grad().data, 42); // numbers left in the buffer from elsewhere
        java.util.Arrays.fill(y.grad().data, 42);
        plan.backward();
        for (int i = 0; i < 12; i++) {
            assertEquals(0.0, x.grad().data[i]);
            assertEquals(1.0, y.grad().data[i]);
        }
    }

    // ---- layer operations (feature-major: features × samples) ----

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 16})
    void linear(int in) {
        Node x = var(random(in, 6, 1)), w = var(random(5, in, 2)), b = var(random(1, 5, 3));
        check("linear in=" + in, List.of(x, w, b), () -> LayerOps.linear(x, w, b));
        check("linear in=" + in + " without bias", List.of(x, w), () -> LayerOps.linear(x, w, null));
    }

    @Test
    void linearOfManySamplesAndWidths() {
        Node x = var(random(20, 200, 1)), w = var(random(24, 20, 2)), b = var(random(1, 24, 3));
        check("linear 200 samples, 20 → 24", List.of(x, w, b), () -> LayerOps.linear(x, w, b));
    }

    @Test
    void linearThroughTheProductInterface() { // what a linear layer above LayerOps.LARGE_WORK multiply-adds runs
        Node x = var(random(37, 71, 4)), w = var(random(41, 37, 5)), b = var(random(1, 41, 6));
        check("linear 71 samples, 37 → 41", List.of(x, w, b), () -> LayerOps.linearThroughProducts(x, w, b));
        check("linear 71 samples, 37 → 41 without bias", List.of(x, w), () -> LayerOps.linearThroughProducts(x, w, null));
    }

    @Test
    void leakyReluAndSoftmax() {
        Node x = var(random(4, 3, 1));
        check("leaky_relu", List.of(x), () -> LayerOps.leakyRelu(x, 0.1));
        check("softmax", List.of(x), () -> LayerOps.softmax(x));
    }

    @Test
    void batchNormInTrainingMode() {
        Node x = var(random(3, 6, 1)), gamma = var(random(1, 3, 2)), beta = var(random(1, 3, 3));
        DMatrixRMaj mean = new DMatrixRMaj(1, 3), variance = new DMatrixRMaj(1, 3);
        check("batchnorm (training)", List.of(x, gamma, beta),
                () -> LayerOps.batchNormTrain(x, gamma, beta, mean, variance, 0.1, 1e-5));
    }

    @Test
    void batchNormInInferenceMode() {
        Node x = var(random(3, 6, 1)), gamma = var(random(1, 3, 2)), beta = var(random(1, 3, 3));
        DMatrixRMaj mean = random(1, 3, 4), variance = positive(1, 3, 5);
        check("batchnorm (inference)", List.of(x, gamma, beta),
                () -> LayerOps.batchNormInfer(x, gamma, beta, mean, variance, 1e-5));
    }

    @Test
    void dropoutPassesTheGradientThroughItsMask() {
        Node x = var(random(5, 4, 1));
        // a generator that repeats the same 20 draws, so every forward pass draws the same mask
        Random repeating = new Random() {
            private final double[] draws = random(1, 20, 7).data;
            private int i;

            @Override
            public double nextDouble() {
                return Math.abs(draws[i++ % draws.length]) / 1.3;
            }
        };
        check("dropout", List.of(x), () -> LayerOps.dropout(x, 0.4, repeating));
    }

    // ---- whole layers in training mode: the gradients of their parameters ----

    /** Builds a model, runs it on a batch in training mode, and checks the gradient of x and of every parameter. */
    private static void checkModel(String what, mlp.nn.Layer model, int width) {
        Random random = new Random(3);
        model.resolve(width, random, mlp.nn.Layer.Given.tensor());
        Node x = var(random(width, 7, 11)); // 7 samples, feature-major
        mlp.nn.Graph[] graph = new mlp.nn.Graph[1];
        List<mlp.nn.Param> params = model.params();
        Node out = model.forward(x, graph[0] = mlp.nn.Graph.training(random));
        List<Node> leaves = new java.util.ArrayList<>();
        leaves.add(x);
        for (mlp.nn.Param p : params) leaves.add(graph[0].nodeOf(p));
        check(what, leaves, () -> out, true); // a bias right before a batch norm has no gradient
    }

    @Test
    void layersInTrainingMode() {
        Random r = new Random(5);
        mlp.nn.Init init = mlp.nn.Init.DEFAULT;
        checkModel("linear", new mlp.nn.Linear(3, 4, true, init, r), 3);
        checkModel("residual block", mlp.nn.Residual.block(3, init, r), 3);
        checkModel("residual(stack)", mlp.nn.Residual.around(new mlp.nn.Stack(List.of(
                new mlp.nn.Linear(3, 3, true, init, r), mlp.nn.Activation.TANH, new mlp.nn.Linear(3, 3, false, init, r)))), 3);
        mlp.nn.BatchNorm bn = new mlp.nn.BatchNorm(3);
        checkModel("linear |> batchnorm |> leaky_relu |> softmax", new mlp.nn.Stack(List.of(
                new mlp.nn.Linear(2, 3, true, init, r), bn, mlp.nn.Activation.leaky(0.1), mlp.nn.Activation.SOFTMAX)), 2);
        checkModel("the tutorial's batch-norm model", new mlp.nn.Stack(List.of(
                new mlp.nn.Linear(2, 2, true, init, r), mlp.nn.Residual.block(2, init, r), new mlp.nn.BatchNorm(2),
                mlp.nn.Residual.block(2, init, r), new mlp.nn.BatchNorm(2), new mlp.nn.Linear(2, 2, true, init, r))), 2);
    }

    /** The activations and the layer added to show the runtime is open: their backward steps against finite differences. */
    @Test
    void addedActivationsAndLayerNorm() {
        for (String name : List.of("gelu", "elu", "softplus", "silu")) {
            mlp.nn.Activation a = mlp.nn.Activations.named(name);
            Node x = var(random(4, 3, 1));
            x.value.data[0] = -4.5; // the far left of gelu and elu
            x.value.data[1] = 21;   // softplus above its threshold
            check(name, List.of(x), () -> a.apply(x));
        }
        Random r = new Random(5);
        checkModel("linear |> layernorm", new mlp.nn.Stack(List.of(
                new mlp.nn.Linear(3, 4, true, mlp.nn.Init.DEFAULT, r), new mlp.nn.LayerNorm(4))), 3);
        mlp.nn.LayerNorm ln = new mlp.nn.LayerNorm(3);
        for (mlp.nn.Param p : ln.params()) p.value.setTo(random(1, 3, p.name.length())); // not the identity scale and zero shift
        checkModel("layernorm (scaled, shifted)", ln, 3);
    }

    @Test
    void addedLosses() {
        Node p = var(random(5, 3, 1)), y = var(random(5, 3, 2));
        p.value.data[0] = 3; // beyond huber's delta of 1, both ways
        p.value.data[1] = -3;
        check("huber", List.of(p, y), () -> mlp.train.Losses.named("huber").build(p, y));
        Node target = var(positive(5, 3, 4));
        for (int i = 0; i < 15; i++) target.value.data[i] = target.value.data[i] / 2.5 % 1.0;
        p.value.data[2] = 40; // a logit far out: no overflow
        check("bce_logits", List.of(p, target), () -> mlp.train.Losses.named("bce_logits").build(p, target));
    }

    // ---- losses ----

    @Test
    void losses() {
        Node p = var(random(5, 3, 1)), y = var(random(5, 3, 2));
        check("mse", List.of(p, y), () -> LossOps.mse(p, y));
        check("mae", List.of(p, y), () -> LossOps.mae(p, y));
        Node prob = var(positive(5, 3, 3)), target = var(positive(5, 3, 4));
        for (int i = 0; i < 15; i++) {
            prob.value.data[i] = prob.value.data[i] / 2.5 % 0.9 + 0.05;
            target.value.data[i] = target.value.data[i] / 2.5 % 1.0;
        }
        check("bce", List.of(prob, target), () -> LossOps.bce(prob, target));
        Node logits = var(random(3, 5, 5)); // 3 classes, 5 samples
        Node classes = Node.constant(new DMatrixRMaj(new double[][]{{0, 2, 1, 1, 0}}));
        check("cross_entropy (indices)", List.of(logits), () -> LossOps.crossEntropy(logits, classes, true));
        Node probs = var(positive(3, 5, 6));
        check("cross_entropy (probabilities)", List.of(logits, probs), () -> LossOps.crossEntropy(logits, probs, false));
    }

    @Test
    void lossValuesAreThoseOfPyTorch() {
        // worked by hand; PyTorch 1.13 (float64) gives 2.25, 1.25, 0.7136, 0.4076 for these
        Node p = Node.constant(new DMatrixRMaj(new double[][]{{1, 2}, {3, 4}}));
        Node y = Node.constant(new DMatrixRMaj(new double[][]{{2, 0}, {3, 6}}));
        assertEquals(2.25, LossOps.mse(p, y).value.data[0], 1e-15);
        assertEquals(1.25, LossOps.mae(p, y).value.data[0], 1e-15);
        Node prob = Node.constant(new DMatrixRMaj(new double[][]{{0.6}, {0.6}}));
        Node t = Node.constant(new DMatrixRMaj(new double[][]{{1}, {0}}));
        assertEquals(-(Math.log(0.6) + Math.log(0.4)) / 2, LossOps.bce(prob, t).value.data[0], 1e-15);
        Node logits = Node.constant(new DMatrixRMaj(new double[][]{{2}, {1}, {0}}));
        Node cls = Node.constant(new DMatrixRMaj(new double[][]{{0}}));
        assertEquals(Math.log(Math.exp(2) + Math.exp(1) + 1) - 2, LossOps.crossEntropy(logits, cls, true).value.data[0], 1e-15);
    }
}
