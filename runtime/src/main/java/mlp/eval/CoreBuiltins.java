package mlp.eval;

import mlp.MlpError;
import mlp.autograd.Node;
import mlp.autograd.Plan;
import mlp.value.Format;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

import java.io.PrintWriter;

/** Output, randomness, constants and autograd's {@code grad}. */
final class CoreBuiltins implements Builtins.Module {
    // the signatures, and a handle for each parameter the bodies read: checked when this class initialises (see Param)
    private static final Signature PRINT = Signature.of("print(...)");
    private static final Signature SEED = Signature.of("seed(n)");
    private static final Signature GRAD = Signature.of("grad(f, x)");
    private static final Param F = Param.of("f", GRAD);
    private static final Param N = Param.of("n", SEED);
    private static final Param X = Param.of("x", GRAD);

    @Override
    public void register(Builtins b) {
        b.value("Constants", "pi", "pi", "π, the ratio of a circle's circumference to its diameter (3.1416).", new Num(Math.PI));
        b.value("Constants", "e", "e", "e, the base of the natural logarithm (2.7183).", new Num(Math.E));

        b.function("Output", PRINT,
                "Prints its arguments on one line, separated by spaces (an empty line for none).\n"
                        + "Tensors print like NumPy arrays with 4 decimals, columns aligned, and more than 1000\n"
                        + "elements shortened with ... and followed by the shape. A number prints as the shortest\n"
                        + "decimal that reads back to the same double (0.1 + 0.2 prints 0.30000000000000004; use\n"
                        + "format(x, 4) for fewer digits), a whole number without a decimal point (print(1 + 1)\n"
                        + "prints 2); strings print without quotes; a layer prints as its summary table.\n"
                        + "Example: print(\"loss:\", mse(model(X), y))",
                a -> {
                    PrintWriter out = a.interpreter().settings().out();
                    StringBuilder line = new StringBuilder();
                    for (int i = 0; i < a.rest().size(); i++) line.append(i > 0 ? " " : "").append(Format.print(a.rest().get(i)));
                    out.println(line);
                    out.flush();
                    return null;
                }).differentiable(); // gives no tensor: printing a tracked value is fine

        b.function("Data", SEED,
                "Seeds the random generator, so that every random draw after it repeats run after run.\n"
                        + "The draws: randn, rand, split, the initial weights of layers, the shuffles of training.\n"
                        + "Example: seed(20)",
                a -> {
                    a.interpreter().seed(a.integer(N));
                    return null;
                });

        b.function("Autograd", GRAD,
                "The gradient of sum(f(x)) with respect to the tensor x, as a tensor of x's shape.\n"
                        + "f is a function of one tensor, e.g. grad(x -> relu(x @ w' + b), [[1, 1]]).\n"
                        + "With a model for x: the list of the gradients of sum(f(model)) with respect to each of\n"
                        + "model.params, in that order: grad(m -> mse(m(X), y), model).",
                a -> {
                    if (a.interpreter().compiling() && Operators.tracked(a.get(X)))
                        throw a.error(X, "grad has no gradient: it cannot be used on the input of a function layer or of a loss");
                    if (a.get(X) instanceof mlp.nn.Layer model)
                        return ModelGradient.of(a.interpreter(), a.get(F), model, a.pos(F));
                    Tensor x = a.tensor(X);
                    Node variable = Node.variable(x.data().copy());
                    Value y = a.interpreter().call(a.get(F), a.pos(F), new Tensor(variable));
                    if (y instanceof Num) return new Tensor(new DMatrixRMaj(x.rows(), x.cols())); // constant in x
                    if (!(y instanceof Tensor t))
                        throw a.error(F, "grad(f, x): f must return a tensor or a number, not " + Interpreter.describe(y));
                    if (t.node().requiresGrad()) new Plan(t.node()).backward();
                    return new Tensor(variable.grad().copy());
                }).differentiable(); // a grad inside grad's f differentiates its own copy of x
    }
}
