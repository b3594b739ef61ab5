package mlp.eval;

import mlp.MlpError;
import mlp.autograd.Node;
import mlp.autograd.Ops;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/** Elementwise math and reductions. Numbers in give numbers out; tensors give tensors. */
final class MathBuiltins implements Builtins.Module {
    @Override
    public void register(Builtins b) {
        elementwise(b, "sin", "The sine of each element (radians).", Math::sin, Ops::sin);
        elementwise(b, "cos", "The cosine of each element (radians).", Math::cos, Ops::cos);
        elementwise(b, "tan", "The tangent of each element (radians).", Math::tan, Ops::tan);
        elementwise(b, "exp", "e raised to each element.", Math::exp, Ops::exp);
        elementwise(b, "log", "The natural logarithm of each element.", Math::log, Ops::log);
        elementwise(b, "sqrt", "The square root of each element.", Math::sqrt, Ops::sqrt);
        elementwise(b, "abs", "The absolute value of each element.", Math::abs, Ops::abs);

        reduction(b, "sum", "The sum of all elements (a number), or along dim=0 (down each column: 1×c) or dim=1 (across each row: r×1).",
                Ops::sum);
        reduction(b, "mean", "The mean of all elements (a number), or along dim=0 (1×c) or dim=1 (r×1).", Ops::mean);
        reduction(b, "min", "The smallest element (a number), or the smallest along dim=0 (1×c) or dim=1 (r×1).",
                (n, d) -> Ops.extreme(n, d, true));
        reduction(b, "max", "The largest element (a number), or the largest along dim=0 (1×c) or dim=1 (r×1).",
                (n, d) -> Ops.extreme(n, d, false));
    }

    /** Registers a function that maps each element; numbers map to numbers. */
    static void elementwise(Builtins b, String name, String help, DoubleUnaryOperator onNumber, UnaryOperator<Node> onTensor) {
        b.function("Math", name + "(x)", help, a -> apply(a, onNumber, onTensor));
    }

    static Value apply(Args a, DoubleUnaryOperator onNumber, UnaryOperator<Node> onTensor) {
        Value x = a.get("x");
        if (x instanceof Num n) return new Num(onNumber.applyAsDouble(n.value()));
        return new Tensor(onTensor.apply(a.tensor("x").node()));
    }

    interface Reduce {
        Node apply(Node n, int dim);
    }

    private static void reduction(Builtins b, String name, String help, Reduce op) {
        b.function("Math", name + "(x, dim=)", help, a -> {
            Tensor x = a.tensor("x");
            int dim = DataBuiltins.dim(a);
            if (dim == -2) throw a.error("dim", name + "(x, dim=): dim must be 0 or 1");
            if (x.rows() * x.cols() == 0 && !name.equals("sum"))
                throw a.error("x", name + " of an empty tensor " + mlp.tensor.Shapes.of(x.data()));
            Node out = op.apply(x.node(), dim);
            if (dim == -1 && !out.requiresGrad()) return new Num(out.value.data[0]);
            return new Tensor(out);
        });
    }
}
