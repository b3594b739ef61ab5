package mlp.nn;

import mlp.autograd.Ops;
import mlp.eval.Builtins;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;

/** The layers: linear, the activations, residual, batchnorm, dropout, mlp. */
public final class LayerBuiltins implements Builtins.Module {
    @Override
    public void register(Builtins b) {
        // Placeholders until the layers land: relu, sigmoid and tanh as plain elementwise functions.
        b.function("Layers", "relu(x)", "max(x, 0) elementwise.", a -> {
            Value x = a.get("x");
            if (x instanceof Num n) return new Num(Math.max(0, n.value()));
            return new Tensor(Ops.relu(a.tensor("x").node()));
        });
        b.function("Layers", "sigmoid(x)", "1 / (1 + exp(-x)) elementwise.", a -> {
            Value x = a.get("x");
            if (x instanceof Num n) return new Num(Ops.sigmoid(n.value()));
            return new Tensor(Ops.sigmoid(a.tensor("x").node()));
        });
        b.function("Layers", "tanh(x)", "The hyperbolic tangent, elementwise.", a -> {
            Value x = a.get("x");
            if (x instanceof Num n) return new Num(Math.tanh(n.value()));
            return new Tensor(Ops.tanh(a.tensor("x").node()));
        });
    }
}
