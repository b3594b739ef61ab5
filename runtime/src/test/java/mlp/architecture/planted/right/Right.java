package mlp.architecture.planted.right;

import mlp.architecture.planted.left.Left;

/** The other half of the planted package cycle. */
public final class Right {
    public Left other() {
        return new Left();
    }
}
