package mlp.spark;

import org.apache.spark.broadcast.Broadcast;

import java.io.Serializable;

/**
 * What the driver sends the shards for one optimizer step. A step without batch norm is one
 * phase (forward, backward, gradients). With k batch norms it is 2k + 1 phases, a Spark job
 * each: phases 0..k-1 run the forward up to the next batch norm and return its input's
 * statistics; phase k the rest of the forward and the backward down to the last batch norm,
 * returning its sums of dy; phases k+1..2k the backward through one more batch norm each; the
 * last returns the gradients. Between phases the driver fills in what it gathered: every batch
 * norm's whole-batch statistics and sums, so a shard can also redo the step from its start.
 */
final class Step implements Serializable {
    final Broadcast<String> json;       // the model's structure
    final Broadcast<double[][]> values; // its parameters now
    final LossSpec lossKind;
    final long id;                      // the parameters' broadcast: unique to this step
    final int epoch, step, steps;
    final long seed, rows;              // rows: of the whole step, over every partition
    final int chunk;                    // the most rows a partition runs through one graph (see Shard)
    final double[][] mean, invStd, total, dot; // per batch norm, filled in as the phases go

    Step(Broadcast<String> json, Broadcast<double[][]> values, LossSpec lossKind, int epoch, int step, int steps, long seed,
         long rows, int chunk, int norms) {
        this.json = json;
        this.values = values;
        this.lossKind = lossKind;
        this.id = values.id();
        this.epoch = epoch;
        this.step = step;
        this.steps = steps;
        this.seed = seed;
        this.rows = rows;
        this.chunk = chunk;
        mean = new double[norms][];
        invStd = new double[norms][];
        total = new double[norms][];
        dot = new double[norms][];
    }

    void statsInto(SyncBatchNorm b, int j) {
        System.arraycopy(mean[j], 0, b.mean, 0, b.c);
        System.arraycopy(invStd[j], 0, b.invStd, 0, b.c);
        b.rows = rows;
    }

    void sumsInto(SyncBatchNorm b, int j) {
        System.arraycopy(total[j], 0, b.total, 0, b.c);
        System.arraycopy(dot[j], 0, b.dot, 0, b.c);
    }
}
