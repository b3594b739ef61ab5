package mlp.plot;

import mlp.eval.Builtins;

/** animate, scatter, plot, boundary. */
public final class PlotBuiltins implements Builtins.Module {
    @Override
    public void register(Builtins b) {
    }
}
