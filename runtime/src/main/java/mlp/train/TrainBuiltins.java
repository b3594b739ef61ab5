package mlp.train;

import mlp.eval.Builtins;

/** train, the losses, the optimizers. */
public final class TrainBuiltins implements Builtins.Module {
    @Override
    public void register(Builtins b) {
    }
}
