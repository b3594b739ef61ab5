package mlp.plot;

import mlp.MlpError;
import mlp.train.DecisionGrid;
import mlp.train.Run;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run's animation, ready to draw: each kept snapshot projected to (x, y) points, the epoch it
 * shows and that epoch's loss, the targets, and axis ranges that hold every frame and the targets
 * (fixed for the whole animation, so the points move and the axes do not).
 */
public final class Timeline {
    final Projection projection;
    final double[] targetXs;
    final double[] targetYs;
    private final List<double[]> xs = new ArrayList<>();
    private final List<double[]> ys = new ArrayList<>();
    private final List<Integer> epochs = new ArrayList<>();
    private final List<Double> losses = new ArrayList<>();
    final int totalEpochs;
    private Range xRange;
    private Range yRange;
    /** The loss of every epoch (and the validation loss, or null), for the loss panel. */
    final double[] epochLosses;
    final double[] epochValLosses;
    /** A classification run's decision regions: the grid, each frame's cells, each point's class; else null. */
    final DecisionGrid grid;
    private final List<double[]> regions = new ArrayList<>();
    final int[] labels;

    private Timeline(Projection projection, DMatrixRMaj targets, int totalEpochs, Run run) {
        this.projection = projection;
        int n = run.epochs();
        epochLosses = new double[n];
        for (int e = 0; e < n; e++) epochLosses[e] = run.loss(e);
        if (run.hasValidation()) {
            epochValLosses = new double[n];
            for (int e = 0; e < n; e++) epochValLosses[e] = run.valLoss(e);
        } else {
            epochValLosses = null;
        }
        grid = run.grid();
        labels = grid == null ? null : labels(run.y());
        this.targetXs = projection.xs(targets);
        this.targetYs = projection.ys(targets);
        this.totalEpochs = totalEpochs;
        this.xRange = Range.EMPTY.include(targetXs);
        this.yRange = Range.EMPTY.include(targetYs);
    }

    /** The frames a finished (or cancelled) run kept. */
    public static Timeline of(Run run) {
        if (run.frames().isEmpty())
            throw new MlpError("this run kept no frames to animate (train with frames= above 0)");
        Projection p = Projection.of(run);
        Timeline t = new Timeline(p, p.plane() ? run.x() : run.y(), run.plannedEpochs(), run);
        if (t.grid != null) t.regions.addAll(run.regions());
        List<DMatrixRMaj> frames = run.frames();
        List<Integer> frameEpochs = run.frameEpochs();
        for (int k = 0; k < frames.size(); k++) {
            int epoch = frameEpochs.get(k);
            double loss = epoch >= 1 && epoch <= run.epochs() ? run.loss(epoch - 1) : Double.NaN;
            t.add(frames.get(k), epoch, loss);
        }
        return t;
    }

    private void add(DMatrixRMaj predictions, int epoch, double loss) {
        double[] x = projection.xs(predictions), y = projection.ys(predictions);
        xs.add(x);
        ys.add(y);
        epochs.add(epoch);
        losses.add(loss);
        xRange = xRange.include(x);
        yRange = yRange.include(y);
    }

    /**
     * The class of each target row: its value rounded (class indices, or bce's 0/1 targets) for
     * one column, the largest column (one-hot or probabilities) for several.
     */
    static int[] labels(DMatrixRMaj y) {
        int[] c = new int[y.numRows];
        for (int r = 0; r < c.length; r++) {
            if (y.numCols == 1) {
                c[r] = (int) Math.max(0, Math.min(1000, Math.round(y.data[r])));
                continue;
            }
            int best = 0;
            for (int k = 1; k < y.numCols; k++) if (y.unsafe_get(r, k) > y.unsafe_get(r, best)) best = k;
            c[r] = best;
        }
        return c;
    }

    /** Frame k's decision regions (see {@link DecisionGrid}), or null for a run without them. */
    double[] regions(int frame) {
        return grid == null || frame >= regions.size() ? null : regions.get(frame);
    }

    int size() {
        return xs.size();
    }

    double[] xs(int frame) {
        return xs.get(frame);
    }

    double[] ys(int frame) {
        return ys.get(frame);
    }

    int epoch(int frame) {
        return epochs.get(frame);
    }

    double loss(int frame) {
        return losses.get(frame);
    }

    Range xRange() {
        return xRange;
    }

    Range yRange() {
        return yRange;
    }

    /** What the chart says about frame k: "epoch 120 / 1000   loss 0.02131". */
    String caption(int frame) {
        int e = epoch(frame);
        double val = epochValLosses != null && e >= 1 && e <= epochValLosses.length ? epochValLosses[e - 1] : Double.NaN;
        return caption(e, totalEpochs, loss(frame), val);
    }

    /** The same with the validation loss after the epoch (NaN: none): "... loss 0.02131   val 0.03012". */
    static String caption(int epoch, int totalEpochs, double loss, double val) {
        String text = caption(epoch, totalEpochs, loss);
        return Double.isNaN(val) ? text : text + "    val " + formatLoss(val);
    }

    static String caption(int epoch, int totalEpochs, double loss) {
        String text = "epoch " + epoch + " / " + totalEpochs;
        return Double.isNaN(loss) && epoch == 0 ? text : text + "    loss " + formatLoss(loss);
    }

    static String formatLoss(double loss) {
        if (!Double.isFinite(loss)) return Double.isNaN(loss) ? "nan" : loss > 0 ? "inf" : "-inf";
        double a = Math.abs(loss);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) return String.format(Locale.ROOT, "%.3e", loss);
        return String.format(Locale.ROOT, "%.4g", loss);
    }
}
