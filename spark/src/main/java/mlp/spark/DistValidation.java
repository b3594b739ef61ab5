package mlp.spark;

import mlp.io.ModelFiles;
import mlp.MlpError;
import mlp.nn.Layer;
import mlp.train.Loss;
import mlp.train.Trainer;
import mlp.train.ValidationSource;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * A validation set on the cluster ({@code val=[Xv, yv]} of distributed tensors): packed once into
 * cached {@link Shard}s; each epoch the driver broadcasts the model's state (parameters and
 * running statistics) and the shards sum their losses in inference mode.
 */
final class DistValidation implements ValidationSource {
    private final Cluster cluster;
    private final JavaRDD<Shard> shards;
    private final Broadcast<String> modelJson;
    private final LossSpec lossKind;
    private final Layer model;
    private final Trainer.Host host;

    DistValidation(DistTensor x, DistTensor y, Layer model, Loss loss, Trainer.Host host) {
        this.cluster = x.cluster();
        this.model = model;
        this.host = host;
        this.lossKind = LossSpec.of(loss);
        this.modelJson = cluster.context().broadcast(ModelFiles.toJson(model));
        int xf = x.from(), xt = x.to(), yf = y.from(), yt = y.to(), modelOut = model.outWidth(x.cols());
        LossSpec kind = lossKind;
        JavaRDD<Shard> packed = x.sameRows(y)
                ? x.base().mapPartitions(it -> List.of(Shard.pack(TaskContext.getPartitionId(), it, xf, xt, it, yf, yt, kind, modelOut)).iterator(), true)
                : x.base().zipPartitions(y.base(), (ix, iy) -> List.of(Shard.pack(TaskContext.getPartitionId(), ix, xf, xt, iy, yf, yt, kind, modelOut)).iterator());
        shards = packed.persist(StorageLevel.MEMORY_ONLY());
        Jobs.run(cluster, host.stopRequested(), "train", shards::count);
    }

    @Override
    public double loss() {
        List<DMatrixRMaj> state = model.state();
        double[][] values = new double[state.size()][];
        for (int i = 0; i < values.length; i++) values[i] = state.get(i).data.clone();
        Broadcast<double[][]> now = cluster.context().broadcast(values);
        Broadcast<String> json = modelJson;
        LossSpec kind = lossKind;
        try {
            double[] sum = Jobs.run(cluster, host.stopRequested(), "train", () -> shards.treeAggregate(new double[2],
                    (acc, shard) -> {
                        double[] r = shard.validate(json.value(), kind, now.value());
                        acc[0] += r[0];
                        acc[1] += r[1];
                        return acc;
                    }, (a, b) -> new double[]{a[0] + b[0], a[1] + b[1]}, 2));
            if (sum[1] == 0) throw new MlpError("Xv has no rows");
            return sum[0] / sum[1];
        } finally {
            now.destroy(false);
        }
    }

    @Override
    public void close() {
        shards.unpersist(false);
        modelJson.destroy(false);
    }
}
