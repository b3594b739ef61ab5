package mlp.train;

import mlp.value.HasMembers;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What {@code train} returns: the trained model, the loss of every epoch, and up to
 * {@code frames} snapshots of the predictions (evenly spaced, first and last included) for
 * animations. Frame 0 is the input X when it has y's width (as in the tutorial), else the
 * untrained predictions.
 *
 * <p>Members: {@code .loss} (epochs×1), {@code .model}, {@code .epochs}, {@code .seconds},
 * {@code .frames} (how many snapshots are kept).
 */
public final class Run implements Value, HasMembers {
    private final Value model;
    private final DMatrixRMaj x;
    private final DMatrixRMaj y;
    private final int plannedEpochs;
    private double[] losses;        // grows as epochs finish: a cancelled huge run never holds its plan
    private int epochs;
    private boolean cancelled;
    private double seconds;
    private final List<DMatrixRMaj> frames = new ArrayList<>();
    private final List<Integer> frameEpochs = new ArrayList<>();

    /** A run about to train {@code epochs} epochs of {@code model} on (x, y). */
    public Run(Value model, DMatrixRMaj x, DMatrixRMaj y, int plannedEpochs) {
        this.model = model;
        this.x = x;
        this.y = y;
        this.plannedEpochs = plannedEpochs;
        this.losses = new double[Math.min(plannedEpochs, 1 << 16)];
    }

    /** Records one finished epoch's loss. */
    public void addLoss(double loss) {
        if (epochs == losses.length) losses = java.util.Arrays.copyOf(losses, Math.max(16, losses.length * 2));
        losses[epochs++] = loss;
    }

    /** Marks the run as stopped early (Ctrl-C, a host's cancel): it holds the epochs finished so far. */
    public void markCancelled() {
        cancelled = true;
    }

    /** True when training was stopped before its planned epochs. */
    public boolean cancelled() {
        return cancelled;
    }

    /** Keeps a snapshot (the caller hands over a copy it will not touch again). */
    public void addFrame(int epoch, DMatrixRMaj predictions) {
        frames.add(predictions);
        frameEpochs.add(epoch);
    }

    public void seconds(double s) {
        seconds = s;
    }

    public Value model() {
        return model;
    }

    public DMatrixRMaj x() {
        return x;
    }

    public DMatrixRMaj y() {
        return y;
    }

    /** Epochs finished (fewer than planned when the run was cancelled). */
    public int epochs() {
        return epochs;
    }

    public int plannedEpochs() {
        return plannedEpochs;
    }

    /** The loss of epoch {@code epoch + 1}: 0-based, computed before that epoch's step. */
    public double loss(int epoch) {
        if (epoch < 0 || epoch >= epochs) throw new IndexOutOfBoundsException(epoch);
        return losses[epoch];
    }

    public double seconds() {
        return seconds;
    }

    /** The kept snapshots of the predictions, oldest first. */
    public List<DMatrixRMaj> frames() {
        return Collections.unmodifiableList(frames);
    }

    /** For each frame, the epoch it shows (0 for the starting frame, then epoch numbers from 1). */
    public List<Integer> frameEpochs() {
        return Collections.unmodifiableList(frameEpochs);
    }

    @Override
    public String kind() {
        return "run";
    }

    @Override
    public Value member(String name) {
        return switch (name) {
            case "loss" -> {
                DMatrixRMaj m = new DMatrixRMaj(epochs, 1);
                System.arraycopy(losses, 0, m.data, 0, epochs);
                yield new Tensor(m);
            }
            case "model" -> model;
            case "epochs" -> new Num(epochs);
            case "seconds" -> new Num(seconds);
            case "frames" -> new Num(frames.size());
            default -> null;
        };
    }

    @Override
    public List<String> memberNames() {
        return List.of("loss", "model", "epochs", "seconds", "frames");
    }

    @Override
    public String toString() {
        double last = epochs == 0 ? Double.NaN : losses[epochs - 1];
        return String.format(Locale.ROOT, "run: %d epochs%s, final loss %s, %.2f s, %.1f it/s", epochs,
                cancelled ? " (cancelled, of " + plannedEpochs + ")" : "",
                mlp.value.Format.number(last), seconds, seconds > 0 ? epochs / seconds : 0.0);
    }
}
