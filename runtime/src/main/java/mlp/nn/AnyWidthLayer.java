package mlp.nn;

import java.util.Random;

/**
 * A layer without parameters that fits any width and keeps it (the activations, dropout):
 * nothing to infer, nothing to resolve.
 */
abstract class AnyWidthLayer extends Layer {
    @Override
    public final int inWidth() {
        return -1;
    }

    @Override
    public final int outWidth(int in) {
        return in;
    }

    @Override
    public final boolean keepsWidth() {
        return true;
    }

    @Override
    public final void resolve(int in, Random random, Given given) {
    }

    @Override
    public final boolean resolved() {
        return true;
    }
}
