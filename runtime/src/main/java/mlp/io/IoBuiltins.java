package mlp.io;

import mlp.eval.Builtins;

/** load and save: CSV files and models. */
public final class IoBuiltins implements Builtins.Module {
    @Override
    public void register(Builtins b) {
    }
}
