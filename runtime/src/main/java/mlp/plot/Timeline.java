package mlp.plot;

import mlp.MlpError;
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

    private Timeline(Projection projection, DMatrixRMaj targets, int totalEpochs) {
        this.projection = projection;
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
        Timeline t = new Timeline(Projection.of(run.x(), run.y()), run.y(), run.plannedEpochs());
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
        return caption(epoch(frame), totalEpochs, loss(frame));
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
