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
    private double[] valLosses;     // null without val=
    private double[] rates;         // the learning rate of every epoch
    private int bestEpoch;          // 1-based; 0 when there is no val= (or no epoch)
    private boolean stoppedEarly;
    private DecisionGrid grid;      // classification runs: the grid the regions are drawn on, else null
    private final List<double[]> regions = new ArrayList<>(); // per frame, the grid's classes or probabilities
    private java.util.function.Supplier<double[]> regionsNow; // while training: the regions of the model as it is

    /** A run about to train {@code epochs} epochs of {@code model} on (x, y). */
    public Run(Value model, DMatrixRMaj x, DMatrixRMaj y, int plannedEpochs) {
        this.model = model;
        this.x = x;
        this.y = y;
        this.plannedEpochs = plannedEpochs;
        this.losses = new double[Math.min(plannedEpochs, 1 << 16)];
        this.rates = new double[losses.length];
    }

    /** This run records a validation loss every epoch. */
    void withValidation() {
        valLosses = new double[losses.length];
    }

    /** This run records decision regions on {@code grid} with every frame. */
    void withRegions(DecisionGrid grid, java.util.function.Supplier<double[]> now) {
        this.grid = grid;
        this.regionsNow = now;
    }

    /** Records one finished epoch's loss. */
    public void addLoss(double loss) {
        addEpoch(loss, Double.NaN, Double.NaN);
    }

    /** Records one finished epoch: its loss, its validation loss (NaN without val=) and its learning rate. */
    void addEpoch(double loss, double valLoss, double rate) {
        if (epochs == losses.length) {
            int n = Math.max(16, losses.length * 2);
            losses = java.util.Arrays.copyOf(losses, n);
            rates = java.util.Arrays.copyOf(rates, n);
            if (valLosses != null) valLosses = java.util.Arrays.copyOf(valLosses, n);
        }
        rates[epochs] = rate;
        if (valLosses != null) valLosses[epochs] = valLoss;
        losses[epochs++] = loss;
    }

    void bestEpoch(int epoch) {
        bestEpoch = epoch;
    }

    void markStoppedEarly() {
        stoppedEarly = true;
    }

    /** True when patience= stopped the run before its planned epochs. */
    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    /** True when the run has a validation loss (train(..., val=...)). */
    public boolean hasValidation() {
        return valLosses != null;
    }

    /** The validation loss after epoch {@code epoch + 1}'s step (0-based), in inference mode. */
    public double valLoss(int epoch) {
        if (valLosses == null || epoch < 0 || epoch >= epochs) throw new IndexOutOfBoundsException(epoch);
        return valLosses[epoch];
    }

    /** The epoch (1-based) of the lowest validation loss; 0 without val=. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The grid of a classification run's decision regions, or null. */
    public DecisionGrid grid() {
        return grid;
    }

    /** For each frame, the decision regions (see {@link DecisionGrid}); empty when {@link #grid()} is null. */
    public List<double[]> regions() {
        return Collections.unmodifiableList(regions);
    }

    /** While training (on the training thread): the regions of the model as it is now, or null. */
    public double[] regionsNow() {
        return regionsNow == null ? null : regionsNow.get();
    }

    void addRegions(double[] cells) {
        regions.add(cells);
    }

    /** Training is over: nothing more is evaluated on demand. */
    void trainingEnded() {
        regionsNow = null;
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
            case "loss" -> column(losses, epochs);
            case "model" -> model;
            case "epochs" -> new Num(epochs);
            case "seconds" -> new Num(seconds);
            case "frames" -> new Num(frames.size());
            case "val_loss" -> {
                if (valLosses == null) throw new mlp.MlpError("this run has no validation loss: train with val=[Xv, yv]");
                yield column(valLosses, epochs);
            }
            case "best_epoch" -> {
                if (valLosses == null) throw new mlp.MlpError("this run has no best epoch: train with val=[Xv, yv]");
                yield new Num(bestEpoch);
            }
            case "lr" -> column(rates, epochs);
            case "predictions" -> {
                List<Value> items = new ArrayList<>();
                for (DMatrixRMaj f : frames) items.add(new Tensor(f.copy()));
                yield new mlp.value.ListValue(items);
            }
            case "frame_epochs" -> {
                DMatrixRMaj m = new DMatrixRMaj(frameEpochs.size(), 1);
                for (int i = 0; i < frameEpochs.size(); i++) m.data[i] = frameEpochs.get(i);
                yield new Tensor(m);
            }
            default -> null;
        };
    }

    private static Tensor column(double[] values, int n) {
        DMatrixRMaj m = new DMatrixRMaj(n, 1);
        System.arraycopy(values, 0, m.data, 0, n);
        return new Tensor(m);
    }

    @Override
    public List<String> memberNames() {
        return List.of("loss", "val_loss", "best_epoch", "lr", "model", "epochs", "seconds", "frames", "predictions", "frame_epochs");
    }

    @Override
    public String toString() {
        double last = epochs == 0 ? Double.NaN : losses[epochs - 1];
        String val = valLosses == null || epochs == 0 ? ""
                : ", final val " + mlp.value.Format.number(valLosses[epochs - 1]) + ", best epoch " + bestEpoch;
        return String.format(Locale.ROOT, "run: %d epochs%s, final loss %s%s, %.2f s, %.1f it/s", epochs,
                cancelled ? " (cancelled, of " + plannedEpochs + ")" : stoppedEarly ? " (stopped early, of " + plannedEpochs + ")" : "",
                mlp.value.Format.number(last), val, seconds, seconds > 0 ? epochs / seconds : 0.0);
    }
}
