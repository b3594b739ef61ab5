package mlp.spark;

import mlp.MlpError;
import mlp.autograd.Node;
import mlp.nn.Layer;
import mlp.io.ModelFiles;
import mlp.train.Loss;
import mlp.value.Str;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/** What executors run for predictions and metrics: mlp's own layers and losses over a partition's rows. */
final class Predict {
    private static final int CHUNK = 4096; // rows per product: bounded memory, large enough products

    private Predict() {
    }

    /** The model's predictions (inference mode) for the columns [f, t) of a partition's rows. */
    static Iterator<double[]> rows(String modelJson, Iterator<double[]> it, int f, int t) {
        Shard.oneTaskOneCore();
        Layer model = ModelFiles.fromJson(modelJson);
        List<double[]> out = new ArrayList<>();
        List<double[]> chunk = new ArrayList<>(CHUNK);
        while (it.hasNext()) {
            chunk.add(it.next());
            if (chunk.size() == CHUNK || !it.hasNext()) {
                DMatrixRMaj y = model.apply(Node.constant(rowMajor(chunk, f, t)), new Random(0), Layer.Given.tensor()).value;
                for (int r = 0; r < y.numRows; r++) {
                    double[] row = new double[y.numCols];
                    System.arraycopy(y.data, r * y.numCols, row, 0, y.numCols);
                    out.add(row);
                }
                chunk.clear();
            }
        }
        return out.iterator();
    }

    /** {rows × loss, rows} of one partition's predictions (columns [pf, pt)) against its targets ([yf, yt)). */
    static Iterator<double[]> loss(LossSpec kind, Iterator<double[]> ip, int pf, int pt, Iterator<double[]> iy, int yf, int yt) {
        List<double[]> p = drain(ip), y = drain(iy);
        if (p.isEmpty()) return List.of(new double[2]).iterator();
        Loss loss = kind.loss();
        DMatrixRMaj pm = rowMajor(p, pf, pt), ym = rowMajor(y, yf, yt);
        String why = loss.mismatch(pm.numRows, pm.numCols, ym, "pred");
        if (why != null) throw new MlpError(why);
        double v = loss.build(Node.constant(CommonOps_DDRM.transpose(pm, null)), Node.constant(CommonOps_DDRM.transpose(ym, null))).value.data[0];
        return List.of(new double[]{v * p.size(), p.size()}).iterator();
    }

    /** {rows whose predicted class is their label, rows} of one partition. */
    static Iterator<double[]> right(Iterator<double[]> ip, int pf, int pt, Iterator<double[]> il, int lf) {
        double right = 0, n = 0;
        int k = pt - pf;
        while (ip.hasNext()) {
            double[] p = ip.next();
            double label = il.next()[lf];
            int best = 0;
            if (k == 1) best = p[pf] > 0.5 ? 1 : 0;
            else for (int j = 1; j < k; j++) if (p[pf + j] > p[pf + best]) best = j;
            if (label == best) right++;
            n++;
        }
        return List.of(new double[]{right, n}).iterator();
    }

    static double[] add(double[] a, double[] b) {
        return new double[]{a[0] + b[0], a[1] + b[1]};
    }

    static List<double[]> drain(Iterator<double[]> it) {
        List<double[]> all = new ArrayList<>();
        it.forEachRemaining(all::add);
        return all;
    }

    /** Columns [f, t) of the rows, as an n×(t-f) matrix. */
    static DMatrixRMaj rowMajor(List<double[]> rows, int f, int t) {
        int w = t - f;
        DMatrixRMaj m = new DMatrixRMaj(rows.size(), w);
        for (int r = 0; r < rows.size(); r++) System.arraycopy(rows.get(r), f, m.data, r * w, w);
        return m;
    }
}
