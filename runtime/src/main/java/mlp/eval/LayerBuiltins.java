package mlp.eval;

import mlp.nn.Summary;
import mlp.nn.Residual;
import mlp.nn.LeastSquares;
import mlp.nn.Stack;
import mlp.nn.Linear;
import mlp.nn.Layer;
import mlp.nn.LayerNorm;
import mlp.nn.Init;
import mlp.nn.Dropout;
import mlp.nn.BatchNorm;
import mlp.nn.Activation;
import mlp.nn.Activations;
import mlp.MlpError;
import mlp.tensor.Shapes;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;

import java.util.ArrayList;
import java.util.List;

/** The layers (linear, the activations, residual, batchnorm, dropout, mlp), the inits, summary and lstsq. */
public final class LayerBuiltins implements Builtins.Module {
    // the signatures, and a handle for each parameter the bodies read: checked when this class initialises (see Param)
    private static final Signature LINEAR = Signature.of("linear(in, out=, init=default, bias=true)");
    private static final Signature RESIDUAL = Signature.of("residual(width=, init=default)");
    private static final Signature BATCHNORM = Signature.of("batchnorm(width=)");
    private static final Signature LAYERNORM = Signature.of("layernorm(width=)");
    private static final Signature DROPOUT = Signature.of("dropout(p=0.5)");
    private static final Signature MLP = Signature.of("mlp(in, out, ..., init=default)");
    private static final Signature SUMMARY = Signature.of("summary(model)");
    private static final Signature COPY = Signature.of("copy(model)");
    private static final Signature LSTSQ = Signature.of("lstsq(X, y)");
    private static final Param BIAS = Param.of("bias", LINEAR);
    private static final Param IN = Param.of("in", LINEAR, MLP);
    private static final Param INIT = Param.of("init", LINEAR, RESIDUAL, MLP);
    private static final Param MODEL = Param.of("model", SUMMARY, COPY);
    private static final Param OUT = Param.of("out", LINEAR, MLP);
    private static final Param P = Param.of("p", DROPOUT);
    private static final Param WIDTH = Param.of("width", RESIDUAL, BATCHNORM, LAYERNORM);
    private static final Param X = Param.of("X", LSTSQ);
    private static final Param Y = Param.of("y", LSTSQ);

    private static final String LAYERS = "Layers";

    @Override
    public void register(Builtins b) {
        b.function(LAYERS, LINEAR,
                "A fully connected layer: x @ W' + b, with W out×in and b a 1×out row.\n"
                        + "linear(in, out) takes in columns and gives out; linear(out) takes its input width from the\n"
                        + "layer before it in a |> stack (or from the first tensor it is applied to).\n"
                        + "init= how W and b start: default (PyTorch's: uniform in ±1/sqrt(in), weight and bias),\n"
                        + "identity (ones on the diagonal, b = 0), zeros, xavier (uniform ±sqrt(6/(in+out)), b = 0),\n"
                        + "kaiming (uniform ±sqrt(6/in), b = 0). bias=false leaves b out.\n"
                        + "Members: .weight, .bias. Example: linear(2, 2, init=identity)",
                LayerBuiltins::linear);

        for (Activation act : Activations.ALL) b.value(LAYERS, act.name(), act.signature(), act.help(), act);

        Builtin residual = new Builtin(RESIDUAL, LayerBuiltins::residual);
        b.value(LAYERS, "residual", residual.signature(),
                "A residual block: x + block(x), so that gradients have a path around the block.\n"
                        + "residual or residual(width): the tutorial's block, x + linear(relu(linear(x))), both linears\n"
                        + "width×width (a bare residual takes its width from the layer before); init= as linear's.\n"
                        + "residual(stack): x + stack(x), for any stack that keeps the width,\n"
                        + "e.g. residual(linear(8) |> tanh |> linear(8)).",
                new LayerMaker(residual, () -> Residual.block(-1, Init.DEFAULT, null)));

        Builtin batchnorm = new Builtin(BATCHNORM, a -> {
            if (!a.has(WIDTH)) return new BatchNorm(-1);
            return new BatchNorm(positive(a, WIDTH));
        });
        b.value(LAYERS, "batchnorm", batchnorm.signature(),
                "Batch normalisation, as PyTorch's BatchNorm1d.\n"
                        + "While training, each column is normalised by the batch's mean and variance (biased), and\n"
                        + "running statistics follow them (momentum 0.1, unbiased variance); outside train the running\n"
                        + "statistics are used. Then a learnable scale (.weight, from 1) and shift (.bias, from 0); eps 1e-5.\n"
                        + "A bare batchnorm takes its width from the layer before. Members: .weight, .bias,\n"
                        + ".running_mean, .running_var.",
                new LayerMaker(batchnorm, () -> new BatchNorm(-1)));

        Builtin layernorm = new Builtin(LAYERNORM, a -> new LayerNorm(a.has(WIDTH) ? positive(a, WIDTH) : -1));
        b.value(LAYERS, "layernorm", layernorm.signature(),
                "Layer normalisation, as PyTorch's LayerNorm over the features.\n"
                        + "Each row is normalised by the mean and (biased) variance of its own columns, in training\n"
                        + "and inference alike; eps 1e-5.\n"
                        + "Then a learnable scale (.weight, from 1) and shift (.bias, from 0). A bare layernorm takes\n"
                        + "its width from the layer before. Members: .weight, .bias.",
                new LayerMaker(layernorm, () -> new LayerNorm(-1)));

        Builtin dropout = new Builtin(DROPOUT, a -> new Dropout(a.number(P)));
        b.value(LAYERS, "dropout", dropout.signature(),
                "Dropout: while training, zeroes each element with probability p and scales the others by 1/(1-p).\n"
                        + "Outside train it passes its input through. A bare dropout has PyTorch's p = 0.5.",
                new LayerMaker(dropout, () -> new Dropout(0.5)));

        b.function(LAYERS, MLP,
                "A multi-layer perceptron: linear layers of the given widths with relu between them.\n"
                        + "mlp(2, 16, 16, 2) is linear(2, 16) |> relu |> linear(16, 16) |> relu |> linear(16, 2).\n"
                        + "init= as linear's, for every linear.",
                LayerBuiltins::mlp);

        b.value(LAYERS, "default", "default",
                "The default init (init=default): PyTorch's nn.Linear, weight and bias uniform in ±1/sqrt(in).", Init.DEFAULT);
        b.value(LAYERS, "xavier", "xavier",
                "The Xavier/Glorot init (init=xavier): weight uniform in ±sqrt(6/(in+out)), bias 0.", Init.XAVIER);
        b.value(LAYERS, "kaiming", "kaiming",
                "The Kaiming/He init for ReLU nets (init=kaiming): weight uniform in ±sqrt(6/in), bias 0.", Init.KAIMING);

        b.function("Output", SUMMARY,
                "Prints a model as a table: each layer, its output shape and its parameter count, and the total.",
                a -> {
                    Layer model = model(a, MODEL);
                    a.interpreter().settings().out().println(Summary.table(model));
                    a.interpreter().settings().out().flush();
                    return null;
                });

        b.function("Layers", COPY,
                "A deep copy of a model (or a layer), so that training the copy leaves the original alone.\n"
                        + "The copy has the same weights and running statistics, in tensors of its own.\n"
                        + "Example: before = copy(model); train(model, X, y); print(mse(before(X), y), mse(model(X), y))",
                a -> mlp.io.ModelFiles.copy(model(a, MODEL)));

        b.function("Linear algebra", LSTSQ,
                "The least-squares fit of y on X with a bias, returned as a linear layer.\n"
                        + "lstsq(X, y)(X) are its predictions: the baseline a linear model can reach at best.\n"
                        + "Rank-deficient X gives the minimum-norm solution (as NumPy's lstsq).",
                LayerBuiltins::lstsq);
    }

    private static Value lstsq(Args a) {
        Tensor x = a.tensor(X), y = a.tensor(Y);
        int n = x.rows();
        if (n != y.rows())
            throw a.error(Y, "lstsq(X, y): X has " + n + " rows but y has " + y.rows() + " (one target row per sample)");
        if (n == 0 || x.cols() == 0 || y.cols() == 0)
            throw a.error(X, "lstsq(X, y): X and y must not be empty, got X " + Shapes.of(x.data()) + " and y " + Shapes.of(y.data()));
        for (double v : x.data().data) if (!Double.isFinite(v)) throw a.error(X, "lstsq(X, y): X contains nan or inf");
        for (double v : y.data().data) if (!Double.isFinite(v)) throw a.error(Y, "lstsq(X, y): y contains nan or inf");
        return LeastSquares.fit(x, y);
    }

    private static Value linear(Args a) {
        int first = positive(a, IN);
        int in = a.has(OUT) ? first : -1;
        int out = a.has(OUT) ? positive(a, OUT) : first;
        return new Linear(in, out, a.bool(BIAS), init(a), a.interpreter().random());
    }

    private static Value residual(Args a) {
        if (!a.has(WIDTH)) return Residual.block(-1, init(a), a.interpreter().random());
        Value w = a.get(WIDTH);
        if (w instanceof Layer || w instanceof LayerMaker) {
            if (a.namedNames().contains("init"))
                throw a.error(INIT, "init= is for residual(width); the layers of residual(stack) have their own inits");
            try {
                return Residual.around(Pipelines.layer(w, a.pos(WIDTH)));
            } catch (MlpError e) {
                throw e.at(a.pos(WIDTH));
            }
        }
        if (!(w instanceof Num) && !(w instanceof Tensor))
            throw a.error(WIDTH, "residual(width): width must be a whole number or a stack of layers, not " + Interpreter.describe(w));
        return Residual.block(positive(a, WIDTH), init(a), a.interpreter().random());
    }

    private static Value mlp(Args a) {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(positive(a, IN));
        sizes.add(positive(a, OUT));
        for (int i = 0; i < a.rest().size(); i++) {
            Value v = a.rest().get(i);
            if (!(v instanceof Num n) || n.value() != Math.rint(n.value()) || n.value() < 1 || n.value() > Integer.MAX_VALUE)
                throw new MlpError("mlp(in, out, ...): every width must be a whole number of at least 1, not "
                        + Interpreter.describe(v), a.restPos(i));
            sizes.add((int) n.value());
        }
        Init init = init(a);
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.size(); i++) {
            if (i > 0) layers.add(Activation.RELU);
            layers.add(new Linear(sizes.get(i), sizes.get(i + 1), true, init, a.interpreter().random()));
        }
        return new Stack(layers);
    }

    /** A width argument: a whole number of at least 1. */
    static int positive(Args a, Param param) {
        long n = a.integer(param);
        if (n < 1) throw a.error(param, a.sig() + ": " + param + " must be at least 1, not " + n);
        if (n > Integer.MAX_VALUE) throw a.error(param, a.sig() + ": " + param + " is too large: " + n);
        return (int) n;
    }

    static Init init(Args a) {
        Value v = a.get(INIT);
        Init init = v instanceof Builtin b && b.sig().name().equals("zeros") ? Init.ZEROS : Init.of(v);
        if (init == null)
            throw a.error(INIT, a.sig() + ": init must be one of " + Init.labels() + " — not "
                    + Interpreter.describe(v));
        return init;
    }

    /** A model argument: a layer or a stack (a bare maker such as batchnorm stands for a fresh layer). */
    static Layer model(Args a, Param param) {
        Value v = a.get(param);
        if (v instanceof Layer l) return l;
        if (v instanceof LayerMaker m) return m.fresh();
        throw a.error(param, a.sig() + ": " + param + " must be a layer or a model, not " + Interpreter.describe(v));
    }
}
