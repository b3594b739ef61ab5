package mlp.train;

/**
 * A validation set a module holds (a cluster's distributed rows): the loss of the model as it is
 * now, in inference mode, computed where the rows are. The trainer asks it once per epoch.
 */
public interface ValidationSource extends AutoCloseable {
    double loss();

    /** The training is over: release what the source holds. */
    @Override
    void close();
}
