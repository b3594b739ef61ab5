package mlp.architecture.planted.left;

import mlp.architecture.planted.right.Right;

/** Half of a planted package cycle, for ArchitectureTest.aPlantedCycleFails. */
public final class Left {
    public Right other() {
        return new Right();
    }
}
