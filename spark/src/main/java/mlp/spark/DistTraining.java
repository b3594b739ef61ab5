package mlp.spark;

import mlp.io.ModelFiles;
import mlp.MlpError;
import mlp.nn.BatchNorm;
import mlp.nn.Layer;
import mlp.nn.Param;
import mlp.train.GradientSource;
import mlp.train.Loss;
import mlp.train.Trainer;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Data-parallel, synchronous training on a cluster: the rows are packed once into cached
 * {@link Shard}s; each step the driver broadcasts the parameters, every shard runs mlp's forward
 * and backward over its rows, {@code treeAggregate} sums the losses and gradients (each shard's
 * gradient is of its share of the step's mean loss), and the trainer on the driver takes the
 * optimizer step. Batch norms are synchronous: the driver gathers the whole batch's statistics
 * and sums between the phases of a {@link Step}, and moves the running statistics as a local
 * run does. Full batch is thus the local full-batch training, up to the order of the sums.
 */
final class DistTraining implements GradientSource {
    private final Cluster cluster;
    private final JavaRDD<Shard> shards;
    private final Broadcast<String> modelJson; // the model's structure, sent once (the parameters go each step)
    private final LossSpec lossKind;
    private final List<Param> params;
    private final List<BatchNorm> norms; // the model's batch norms, in the order the steps meet them
    private final long[] counts;         // rows per partition
    private final int steps;
    private final long seed;
    private final int chunk; // rows a partition runs through one graph at a time
    private final Trainer.Host host;

    DistTraining(DistTensor x, DistTensor y, Layer model, Loss loss, int batch, Trainer.Host host) {
        this.cluster = x.cluster();
        this.host = host;
        this.params = model.params();
        this.lossKind = LossSpec.of(loss);
        this.counts = x.counts();
        this.seed = host.random().nextLong();
        long rows = x.rows();
        this.steps = batch <= 0 || batch >= rows ? 1 : (int) Math.min(Integer.MAX_VALUE, (rows + batch - 1) / batch);
        int modelOut = model.outWidth(x.cols());
        this.modelJson = cluster.context().broadcast(ModelFiles.toJson(model));
        int xf = x.from(), xt = x.to(), yf = y.from(), yt = y.to();
        LossSpec kind = lossKind;
        JavaRDD<Shard> packed = x.sameRows(y)
                ? x.base().mapPartitions(it -> List.of(Shard.pack(TaskContext.getPartitionId(), it, xf, xt, it, yf, yt, kind, modelOut)).iterator(), true)
                : x.base().zipPartitions(y.base(), (ix, iy) -> List.of(Shard.pack(TaskContext.getPartitionId(), ix, xf, xt, iy, yf, yt, kind, modelOut)).iterator());
        shards = packed.persist(StorageLevel.MEMORY_ONLY());
        Jobs.run(cluster, host.stopRequested(), "train", shards::count); // packs now: bad rows are refused before epoch 1
        // the same graph the shards build, on two rows: which batch norms a step meets, in which order
        norms = new ArrayList<>();
        Shard.Compiled two = new Shard.Compiled(model, loss, x.cols(), y.cols(), 2, new Random(0));
        for (SyncBatchNorm s : two.norms) norms.add(s.layer);
        long perRow = 8 * (new Shard.Compiled(model, loss, x.cols(), y.cols(), 3, new Random(0)).doubles() - two.doubles());
        this.chunk = chunkRows(cluster.context().getConf().getSizeAsBytes(CHUNK, System.getProperty(CHUNK, DEFAULT_CHUNK)), perRow);
        for (int s = 0; s < steps && !norms.isEmpty(); s++)
            if (rows(s) < 2) {
                close();
                throw new MlpError(norms.get(0).describe() + " needs more than one row per batch while training (the batch's variance of one row is undefined)");
            }
    }

    /**
     * The Spark setting of the memory a partition's graph may take for its activations and their
     * gradients (or the JVM's system property of that name, read when training starts).
     */
    static final String CHUNK = "spark.mlp.chunk";
    static final String DEFAULT_CHUNK = "256m";

    /** Rows per chunk: as many as {@code bytes} hold at {@code perRow} bytes of activations and gradients a row. */
    static int chunkRows(long bytes, long perRow) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes / Math.max(1, perRow)));
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public long rows(int step) {
        long r = 0;
        for (long n : counts) r += Shard.rowsOf(n, step, steps);
        return r;
    }

    @Override
    public double gradients(int epoch, int step, DMatrixRMaj[] grads) {
        double[][] values = new double[params.size()][];
        for (int i = 0; i < values.length; i++) values[i] = params.get(i).value.data.clone();
        Broadcast<double[][]> now = cluster.context().broadcast(values);
        int k = norms.size();
        Step s = new Step(modelJson, now, lossKind, epoch, step, steps, seed, rows(step), chunk, k);
        try {
            for (int q = 0; q < k; q++) statistics(s, q, gather(s, q));
            for (int q = k; q < 2 * k; q++) { // the sums of dy of the batch norm whose backward step comes next
                double[] sums = new double[2 * norms.get(2 * k - 1 - q).width()];
                for (double[] p : gather(s, q)) for (int i = 0; i < sums.length; i++) sums[i] += p[i];
                int j = 2 * k - 1 - q, c = sums.length / 2;
                s.total[j] = java.util.Arrays.copyOfRange(sums, 0, c);
                s.dot[j] = java.util.Arrays.copyOfRange(sums, c, 2 * c);
            }
            int last = 2 * k;
            // the zero is empty and grows on the executor: a zero of every parameter would travel with each task
            double[] sum = Jobs.run(cluster, host.stopRequested(), "train", () -> shards.treeAggregate(new double[0],
                    (acc, shard) -> add(acc, shard.phase(s, last)), DistTraining::add, 2));
            if (sum.length == 0) throw new MlpError("X has no rows");
            int i = 2;
            for (DMatrixRMaj g : grads) for (int j = 0; j < g.getNumElements(); j++) g.data[j] = sum[i++];
            return sum[0] / sum[1];
        } finally {
            now.destroy(false);
        }
    }

    /** Every partition's result of phase q, in partition order, the partitions that have no rows in this step left out. */
    private List<double[]> gather(Step s, int q) {
        List<double[]> all = Jobs.run(cluster, host.stopRequested(), "train", () -> shards.map(shard -> shard.phase(s, q)).collect());
        List<double[]> out = new ArrayList<>();
        for (double[] p : all) if (p != null) out.add(p);
        return out;
    }

    /** Batch norm q's statistics over the whole step, and its running statistics moved as a local step moves them. */
    private void statistics(Step s, int q, List<double[]> parts) {
        BatchNorm bn = norms.get(q);
        int c = bn.width();
        List<Long> rows = new ArrayList<>();
        for (long n : counts) {
            long r = Shard.rowsOf(n, s.step, s.steps);
            if (r > 0) rows.add(r);
        }
        double[] ms = SyncBatchNorm.combine(parts, rows, c);
        long n = s.rows;
        s.mean[q] = new double[c];
        s.invStd[q] = new double[c];
        double m = bn.momentum();
        double[] rm = bn.runningMean().data, rv = bn.runningVar().data;
        for (int j = 0; j < c; j++) {
            double mu = ms[j], squares = ms[c + j];
            s.mean[q][j] = mu;
            s.invStd[q][j] = 1 / Math.sqrt(squares / n + bn.eps());
            rm[j] = (1 - m) * rm[j] + m * mu;
            rv[j] = (1 - m) * rv[j] + m * (squares / (n - 1));
        }
    }

    private static double[] add(double[] a, double[] b) {
        if (b == null || b.length == 0) return a;
        if (a.length == 0) return b;
        for (int i = 0; i < a.length; i++) a[i] += b[i];
        return a;
    }

    @Override
    public void close() {
        shards.unpersist(false);
        modelJson.destroy(false);
        Shard.POOL.clear();
    }
}
