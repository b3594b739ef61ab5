package mlp.plot;

import mlp.train.Run;
import org.ejml.data.DMatrixRMaj;

import java.util.Random;

/** Runs built by hand (training is another area): frames that move X onto y in a straight line. */
final class Runs {
    private Runs() {
    }

    /** The tutorial's first data: 100 points, rotated by 30° and moved by (5, 5). */
    static DMatrixRMaj[] rotation(long seed) {
        Random r = new Random(seed);
        DMatrixRMaj x = new DMatrixRMaj(100, 2), y = new DMatrixRMaj(100, 2);
        double c = Math.cos(Math.PI / 6), s = Math.sin(Math.PI / 6);
        for (int i = 0; i < 100; i++) {
            double a = r.nextGaussian() * 5, b = r.nextGaussian() * 5;
            x.set(i, 0, a);
            x.set(i, 1, b);
            y.set(i, 0, a * c + b * s + 5);
            y.set(i, 1, -a * s + b * c + 5);
        }
        return new DMatrixRMaj[]{x, y};
    }

    /**
     * A run of {@code epochs} epochs keeping {@code frames} frames: frame k is X moved the
     * fraction k/(frames-1) of the way to y (or to {@code end} when given), the loss falling as 1/epoch.
     */
    static Run straight(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj end, int epochs, int frames) {
        DMatrixRMaj target = end == null ? y : end;
        Run run = new Run(new mlp.value.Str("model"), x, y, epochs);
        for (int e = 1; e <= epochs; e++) run.addLoss(1.0 / e);
        for (int k = 0; k < frames; k++) {
            double t = frames == 1 ? 1 : (double) k / (frames - 1);
            DMatrixRMaj m = new DMatrixRMaj(y.numRows, y.numCols);
            for (int i = 0; i < m.data.length; i++) {
                double from = x.numCols == y.numCols ? x.data[i] : 0;
                m.data[i] = from + t * (target.data[i] - from);
            }
            run.addFrame(k == 0 ? 0 : (int) Math.round(t * epochs), m);
        }
        run.seconds(1);
        return run;
    }
}
