package mlp.spark;

import mlp.MlpError;
import mlp.autograd.Node;
import mlp.autograd.Plan;
import mlp.io.ModelFiles;
import mlp.nn.Graph;
import mlp.nn.Layer;
import mlp.nn.Param;
import mlp.train.Loss;
import mlp.value.Str;
import org.ejml.data.DMatrixRMaj;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One partition's training rows, packed once into feature-major blocks (x in×n, y out×n, as
 * mlp's compiled graphs take them) and cached by Spark. On its executor a shard compiles the
 * model and the loss into mlp's own autograd plan, once per batch size, and each step runs its
 * forward and backward with the parameters the driver broadcast.
 */
final class Shard implements Serializable {
    final int partition, in, out, n;
    final double[] x, y; // feature-major: x[f * n + i] is feature f of row i

    // the compiled graphs, kept with the cached shard between steps (rebuilt after an executor is lost)
    private transient String compiledFor;
    private transient Map<Integer, Compiled> compiled;

    private Shard(int partition, int in, int out, int n, double[] x, double[] y) {
        this.partition = partition;
        this.in = in;
        this.out = out;
        this.n = n;
        this.x = x;
        this.y = y;
    }

    /**
     * Packs columns [xf, xt) and [yf, yt) of a partition's rows; non-finite numbers and targets
     * the loss cannot use are refused here, once.
     */
    static Shard pack(int partition, Iterator<double[]> xs, int xf, int xt, Iterator<double[]> ys, int yf, int yt,
                      LossSpec lossKind, int modelOut) {
        List<double[]> xr = Predict.drain(xs), yr = xs == ys ? xr : Predict.drain(ys);
        int n = xr.size(), in = xt - xf, out = yt - yf;
        double[] x = new double[in * n], y = new double[out * n];
        for (int i = 0; i < n; i++) {
            double[] a = xr.get(i), b = yr.get(i);
            for (int f = 0; f < in; f++) x[f * n + i] = finite(a[xf + f], "X");
            for (int f = 0; f < out; f++) y[f * n + i] = finite(b[yf + f], "y");
        }
        if (n > 0) {
            String why = lossKind.loss().mismatch(n, modelOut, Predict.rowMajor(yr, yf, yt), "the model's output");
            if (why != null) throw new MlpError(why);
        }
        return new Shard(partition, in, out, n, x, y);
    }

    private static double finite(double v, String name) {
        if (!Double.isFinite(v)) throw new MlpError(name + " contains " + mlp.value.Format.number(v) + " (train needs finite numbers)");
        return v;
    }

    /** The graph of model + loss over a batch of {@code rows} rows. */
    private static final class Compiled {
        final DMatrixRMaj x, y;
        final Node loss;
        final Plan plan;
        final Node[] params;

        Compiled(Layer model, Loss lossFn, int in, int out, int rows, Random random) {
            x = new DMatrixRMaj(in, rows);
            y = new DMatrixRMaj(out, rows);
            Graph graph = Graph.training(random);
            Node prediction = model.forward(Node.constant(x), graph);
            loss = lossFn.build(prediction, Node.constant(y));
            plan = new Plan(loss);
            List<Param> ps = model.params();
            params = new Node[ps.size()];
            for (int i = 0; i < ps.size(); i++) {
                Node p = graph.nodeOf(ps.get(i));
                params[i] = p != null ? p : Node.variable(ps.get(i).value);
                params[i].grad();
            }
        }
    }

    private transient Layer model;

    /**
     * Adds this shard's part of one step to {@code acc} = {loss × rows, rows, gradients × rows...}:
     * all its rows (steps == 1), or its share of a synchronous mini-batch step (rows
     * [n·step/steps, n·(step+1)/steps) of this epoch's shuffle of them).
     */
    double[] add(double[] acc, String modelJson, LossSpec lossKind, double[][] values, int epoch, int step, int steps, long seed) {
        int from = (int) ((long) n * step / steps), to = (int) ((long) n * (step + 1) / steps), rows = to - from;
        if (rows == 0) return acc;
        if (modelJson != compiledFor && !modelJson.equals(compiledFor)) { // the same broadcast value: no comparison of its text
            model = ModelFiles.fromJson(modelJson);
            compiled = new HashMap<>();
            compiledFor = modelJson;
        }
        Loss loss = lossKind.loss();
        Compiled c = compiled.computeIfAbsent(rows, r -> new Compiled(model, loss, in, out, r, new Random(seed * 31 + partition)));
        List<Param> ps = model.params();
        for (int i = 0; i < ps.size(); i++) System.arraycopy(values[i], 0, ps.get(i).value.data, 0, values[i].length);
        if (steps == 1) {
            System.arraycopy(x, 0, c.x.data, 0, x.length);
            System.arraycopy(y, 0, c.y.data, 0, y.length);
        } else {
            int[] order = shuffle(seed, epoch);
            gather(x, in, order, from, rows, c.x.data);
            gather(y, out, order, from, rows, c.y.data);
        }
        c.plan.forward();
        double l = c.loss.value.data[0];
        c.plan.backward();
        acc[0] += l * rows;
        acc[1] += rows;
        int k = 2;
        for (Node p : c.params) {
            double[] g = p.grad().data;
            int size = p.value.getNumElements();
            for (int j = 0; j < size; j++) acc[k++] += g[j] * rows;
        }
        return acc;
    }

    /** This epoch's order of the shard's rows (the same on any executor: seeded by run, epoch and partition). */
    private int[] shuffle(long seed, int epoch) {
        Random r = new Random(seed ^ (epoch * 0x9E3779B97F4A7C15L) ^ ((long) partition << 32));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private void gather(double[] src, int features, int[] order, int from, int rows, double[] dst) {
        for (int f = 0; f < features; f++)
            for (int i = 0; i < rows; i++) dst[f * rows + i] = src[f * n + order[from + i]];
    }
}
