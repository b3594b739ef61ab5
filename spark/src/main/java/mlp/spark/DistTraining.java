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

import java.util.List;

/**
 * Data-parallel, synchronous training on a cluster: the rows are packed once into cached
 * {@link Shard}s; each step the driver broadcasts the parameters, every shard runs mlp's forward
 * and backward over its rows, {@code treeAggregate} sums the losses and gradients (weighted by
 * rows), and the trainer on the driver takes the optimizer step with their means. Full batch is
 * thus the local full-batch training, up to the order of the sums.
 */
final class DistTraining implements GradientSource {
    private final Cluster cluster;
    private final JavaRDD<Shard> shards;
    private final Broadcast<String> modelJson; // the model's structure, sent once (the parameters go each step)
    private final LossSpec lossKind;
    private final List<Param> params;
    private final int steps, size;
    private final long seed;
    private final Trainer.Host host;

    DistTraining(DistTensor x, DistTensor y, Layer model, Loss loss, int batch, Trainer.Host host) {
        this.cluster = x.cluster();
        if (holdsBatchNorm(model))
            throw new MlpError("batchnorm cannot train on a cluster yet: each partition would normalise with its own "
                    + "batch statistics, and the running statistics would stay on the executors");
        this.host = host;
        this.params = model.params();
        this.modelJson = cluster.context().broadcast(ModelFiles.toJson(model));
        this.lossKind = LossSpec.of(loss);
        this.seed = host.random().nextLong();
        long rows = x.rows();
        this.steps = batch <= 0 || batch >= rows ? 1 : (int) Math.min(Integer.MAX_VALUE, (rows + batch - 1) / batch);
        int s = 0;
        for (Param p : params) s += p.size();
        this.size = s;
        int xf = x.from(), xt = x.to(), yf = y.from(), yt = y.to(), modelOut = model.outWidth(x.cols());
        LossSpec kind = lossKind;
        JavaRDD<Shard> packed = x.sameRows(y)
                ? x.base().mapPartitions(it -> List.of(Shard.pack(TaskContext.getPartitionId(), it, xf, xt, it, yf, yt, kind, modelOut)).iterator(), true)
                : x.base().zipPartitions(y.base(), (ix, iy) -> List.of(Shard.pack(TaskContext.getPartitionId(), ix, xf, xt, iy, yf, yt, kind, modelOut)).iterator());
        shards = packed.persist(StorageLevel.MEMORY_ONLY());
        Jobs.run(cluster, host.stopRequested(), "train", shards::count); // packs now: bad rows are refused before epoch 1
    }

    private static boolean holdsBatchNorm(Layer l) {
        if (l instanceof BatchNorm) return true;
        for (Layer c : l.children()) if (holdsBatchNorm(c)) return true;
        return false;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public double gradients(int epoch, int step, DMatrixRMaj[] grads) {
        double[][] values = new double[params.size()][];
        for (int i = 0; i < values.length; i++) values[i] = params.get(i).value.data.clone();
        Broadcast<double[][]> now = cluster.context().broadcast(values);
        Broadcast<String> json = modelJson;
        LossSpec kind = lossKind;
        long sd = seed;
        int st = steps, width = size + 2;
        try {
            // the zero is empty and grows on the executor: a zero of every parameter would travel with each task
            double[] sum = Jobs.run(cluster, host.stopRequested(), "train", () -> shards.treeAggregate(new double[0],
                    (acc, shard) -> shard.add(acc.length == 0 ? new double[width] : acc, json.value(), kind, now.value(), epoch, step, st, sd),
                    DistTraining::sum, 2));
            if (sum.length == 0) throw new MlpError("X has no rows");
            double n = sum[1];
            int k = 2;
            for (DMatrixRMaj g : grads) for (int j = 0; j < g.getNumElements(); j++) g.data[j] = sum[k++] / n;
            return sum[0] / n;
        } finally {
            now.destroy(false);
        }
    }

    private static double[] sum(double[] a, double[] b) {
        if (a.length == 0) return b;
        if (b.length == 0) return a;
        for (int i = 0; i < a.length; i++) a[i] += b[i];
        return a;
    }

    @Override
    public void close() {
        shards.unpersist(false);
        modelJson.destroy(false);
    }
}
