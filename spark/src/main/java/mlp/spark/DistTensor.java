package mlp.spark;

import mlp.MlpError;
import mlp.eval.Args;
import mlp.eval.Interpreter;
import mlp.io.CsvFiles;
import mlp.io.SavesItself;
import mlp.nn.Layer;
import mlp.nn.LayerInput;
import mlp.io.ModelFiles;
import mlp.tensor.Limits;
import mlp.train.Loss;
import mlp.train.Scorable;
import mlp.train.GradientSource;
import mlp.train.Trainer;
import mlp.train.TrainingRows;
import mlp.train.ValidationSource;
import mlp.value.HasMembers;
import mlp.value.Num;
import mlp.value.Sliceable;
import mlp.value.Tensor;
import mlp.value.Value;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.ejml.data.DMatrixRMaj;
import scala.Tuple2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A distributed tensor: rows that stay on the executors (an RDD of rows, in order, each
 * partition's count known), seen through a column range. Column and row slices are views made
 * without touching the rows; {@code model(D)} gives another distributed tensor, lazily;
 * {@code collect} brings a small one home.
 */
public final class DistTensor implements Sliceable, HasMembers, LayerInput, Scorable, SavesItself, TrainingRows {
    private final Cluster cluster;
    private final JavaRDD<double[]> base; // full rows, baseCols wide
    private final long[] counts;          // rows per partition
    private final int baseCols, from, to;

    DistTensor(Cluster cluster, JavaRDD<double[]> base, long[] counts, int baseCols) {
        this(cluster, base, counts, baseCols, 0, baseCols);
    }

    private DistTensor(Cluster cluster, JavaRDD<double[]> base, long[] counts, int baseCols, int from, int to) {
        this.cluster = cluster;
        this.base = base;
        this.counts = counts;
        this.baseCols = baseCols;
        this.from = from;
        this.to = to;
    }

    /** A host's rows as a distributed tensor (counted once; cached on the executors). */
    public static DistTensor of(Cluster cluster, JavaRDD<double[]> rows) {
        JavaRDD<double[]> cached = rows.cache();
        List<long[]> stats = cached.mapPartitions(it -> {
            long n = 0;
            int cols = -1;
            while (it.hasNext()) {
                double[] r = it.next();
                if (cols < 0) cols = r.length;
                else if (r.length != cols)
                    throw new MlpError("the rows are ragged: one has " + r.length + " numbers, the ones before it " + cols);
                n++;
            }
            return List.of(new long[]{n, cols}).iterator();
        }).collect();
        long[] counts = new long[stats.size()];
        int cols = -1;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = stats.get(i)[0];
            if (stats.get(i)[1] >= 0) {
                if (cols >= 0 && cols != stats.get(i)[1])
                    throw new MlpError("the rows are ragged: some have " + cols + " numbers, others " + stats.get(i)[1]);
                cols = (int) stats.get(i)[1];
            }
        }
        if (cols < 0) throw new MlpError("there are no rows");
        return new DistTensor(cluster, cached, counts, cols);
    }

    /** The argument as a distributed tensor, or an error pointing at it. */
    static DistTensor of(Args a, mlp.eval.Param param) {
        if (a.get(param) instanceof DistTensor d) return d;
        throw a.error(param, a.sig().name() + ": " + param + " must be a distributed tensor (from c.load), not "
                + Interpreter.describe(a.get(param)));
    }

    long[] counts() {
        return counts.clone();
    }

    public Cluster cluster() {
        return cluster;
    }

    public long[] partitionRows() {
        return counts.clone();
    }

    public int partitions() {
        return counts.length;
    }

    @Override
    public long rows() {
        long n = 0;
        for (long c : counts) n += c;
        return n;
    }

    @Override
    public int cols() {
        return to - from;
    }

    /** The rows of this view's columns (the base rows themselves when it has them all). */
    public JavaRDD<double[]> rdd() {
        if (from == 0 && to == baseCols) return base;
        int f = from, t = to;
        return base.map(r -> Arrays.copyOfRange(r, f, t));
    }

    /** True when both are views of the same rows (so their partitions line up without a zip). */
    boolean sameRows(DistTensor o) {
        return o.base.id() == base.id();
    }

    JavaRDD<double[]> base() {
        return base;
    }

    int from() {
        return from;
    }

    int to() {
        return to;
    }

    @Override
    public Value slice(long r0, long r1, int c0, int c1) {
        if (r0 == 0 && r1 == rows()) return new DistTensor(cluster, base, counts, baseCols, from + c0, from + c1);
        long[] starts = new long[counts.length];
        long[] kept = new long[counts.length];
        long at = 0;
        for (int p = 0; p < counts.length; p++) {
            starts[p] = at;
            kept[p] = Math.max(0, Math.min(at + counts[p], r1) - Math.max(at, r0));
            at += counts[p];
        }
        JavaRDD<double[]> rows = base.mapPartitionsWithIndex((p, it) -> {
            List<double[]> out = new ArrayList<>();
            long i = starts[p];
            while (it.hasNext()) {
                double[] r = it.next();
                if (i >= r0 && i < r1) out.add(r);
                i++;
            }
            return out.iterator();
        }, true);
        return new DistTensor(cluster, rows, kept, baseCols, from + c0, from + c1);
    }

    /** The same rows in {@code parts} partitions of nearly equal size, in the same order. */
    DistTensor repartition(int parts) {
        long n = rows();
        Partitioner byIndex = new RangeOfRows(n, parts);
        JavaRDD<double[]> rows = base.zipWithIndex()
                .mapToPair(t -> new Tuple2<>(t._2(), t._1()))
                .partitionBy(byIndex)
                .mapPartitions(it -> {
                    List<Tuple2<Long, double[]>> all = new ArrayList<>();
                    it.forEachRemaining(all::add);
                    all.sort(Comparator.comparing(Tuple2::_1));
                    return all.stream().map(Tuple2::_2).iterator();
                }, true)
                .cache();
        long[] counts = new long[parts];
        for (int p = 0; p < parts; p++) counts[p] = RangeOfRows.start(n, parts, p + 1) - RangeOfRows.start(n, parts, p);
        rows.count();
        return new DistTensor(cluster, rows, counts, baseCols, from, to);
    }

    /** Row i goes to partition p when start(p) <= i < start(p + 1). */
    static final class RangeOfRows extends Partitioner {
        private final long n;
        private final int parts;

        RangeOfRows(long n, int parts) {
            this.n = n;
            this.parts = parts;
        }

        static long start(long n, int parts, int p) {
            return n * p / parts;
        }

        @Override
        public int numPartitions() {
            return parts;
        }

        @Override
        public int getPartition(Object key) {
            long i = (Long) key;
            int p = (int) (i * parts / n);
            while (p + 1 < parts && start(n, parts, p + 1) <= i) p++;
            while (p > 0 && start(n, parts, p) > i) p--;
            return p;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RangeOfRows r && r.n == n && r.parts == parts;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(n) * 31 + parts;
        }
    }

    // ---- bringing rows home ----

    /** {@code c.collect(D)}: the rows as one local tensor (refused when they would not fit). */
    Value collect(Args a) {
        long n = rows();
        try {
            Limits.check(n, cols());
        } catch (MlpError e) {
            throw a.error(SparkBuiltins.D, "collect: " + e.plainMessage());
        }
        List<double[]> rows = Jobs.run(cluster, a.interpreter().cancellation()::requested, "collect", () -> rdd().collect());
        DMatrixRMaj m = Limits.matrix((int) n, cols());
        for (int i = 0; i < rows.size(); i++) System.arraycopy(rows.get(i), 0, m.data, i * cols(), cols());
        return new Tensor(m);
    }

    // ---- predictions and metrics ----

    @Override
    public Value predictedBy(Layer model, Random random) {
        model.resolve(cols(), random, Layer.Given.tensor());
        // broadcast: in the closure, the model would travel with every task of every job on the predictions
        org.apache.spark.broadcast.Broadcast<String> json = cluster.context().broadcast(ModelFiles.toJson(model));
        int out = model.outWidth(cols());
        int f = from, t = to;
        JavaRDD<double[]> predicted = base.mapPartitions(it -> Predict.rows(json.value(), it, f, t), true).cache();
        return new DistTensor(cluster, predicted, counts, out);
    }

    @Override
    public double loss(Loss loss, Value y) {
        DistTensor labels = partner(y, "y");
        LossSpec kind = LossSpec.of(loss);
        int pf = from, pt = to, yf = labels.from, yt = labels.to;
        double[] sum = Jobs.run(cluster, null, loss.name(), () -> base.zipPartitions(labels.base,
                        (ip, iy) -> Predict.loss(kind, ip, pf, pt, iy, yf, yt))
                .fold(new double[2], Predict::add));
        return sum[0] / sum[1];
    }

    @Override
    public double accuracy(Value labels) {
        DistTensor l = partner(labels, "labels");
        if (l.cols() != 1) throw new MlpError("labels must be an n×1 column of class indices, not " + l.rows() + "×" + l.cols());
        int pf = from, pt = to, lf = l.from;
        double[] sum = Jobs.run(cluster, null, "accuracy", () -> base.zipPartitions(l.base,
                        (ip, il) -> Predict.right(ip, pf, pt, il, lf))
                .fold(new double[2], Predict::add));
        return sum[0] / sum[1];
    }

    /** The other operand of a metric: distributed too, with the same rows in the same partitions. */
    private DistTensor partner(Value v, String name) {
        if (!(v instanceof DistTensor d))
            throw new MlpError(name + " must be a distributed tensor too (the same rows as the predictions), not " + Interpreter.describe(v));
        if (d.rows() != rows() || !Arrays.equals(d.counts, counts))
            throw new MlpError("the predictions have " + rows() + " rows but " + name + " has " + d.rows()
                    + (d.rows() == rows() ? " in other partitions" : ""));
        return d;
    }

    // ---- training ----

    @Override
    public GradientSource gradients(Value y, Layer model, Loss loss, int batch, Trainer.Host host) {
        if (!(y instanceof DistTensor targets))
            throw new MlpError("y must be a distributed tensor too (the targets of X's rows), not " + Interpreter.describe(y));
        if (targets.rows() != rows() || !Arrays.equals(targets.counts, counts))
            throw new MlpError("X has " + rows() + " rows but y has " + targets.rows()
                    + (targets.rows() == rows() ? " in other partitions" : "") + " (one target row per sample)");
        return new DistTraining(this, targets, model, loss, batch, host);
    }

    @Override
    public ValidationSource validation(Value y, Layer model, Loss loss, Trainer.Host host) {
        if (!(y instanceof DistTensor targets))
            throw new MlpError("yv must be a distributed tensor too (the targets of Xv's rows), not " + Interpreter.describe(y));
        if (targets.rows() != rows() || !Arrays.equals(targets.counts, counts))
            throw new MlpError("Xv has " + rows() + " rows but yv has " + targets.rows()
                    + (targets.rows() == rows() ? " in other partitions" : "") + " (one target row per sample)");
        return new DistValidation(this, targets, model, loss, host);
    }

    // ---- saving ----

    @Override
    public void saveTo(Path path) {
        if (Files.isRegularFile(path)) throw new MlpError(path.getFileName() + " is a file; a distributed tensor is saved as a folder of CSV parts");
        if (Files.isDirectory(path)) clearParts(path);
        JavaRDD<String> lines = rdd().map(r -> {
            StringBuilder s = new StringBuilder();
            for (int c = 0; c < r.length; c++) s.append(c > 0 ? "," : "").append(CsvFiles.cell(r[c]));
            return s.toString();
        });
        Jobs.run(cluster, null, "save", () -> {
            lines.saveAsTextFile(path.toUri().toString());
            return null;
        });
    }

    /** A folder written before by save (only part files and Spark's markers) is replaced; any other is refused. */
    private static void clearParts(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> all = files.toList();
            for (Path p : all) {
                String n = p.getFileName().toString();
                if (!(n.startsWith("part-") || n.startsWith("_SUCCESS") || n.startsWith(".part-") || n.startsWith("._SUCCESS")))
                    throw new MlpError(folder.getFileName() + "/ holds other files (" + n + "); save a distributed tensor to a new folder");
            }
            for (Path p : all) Files.delete(p);
            Files.delete(folder);
        } catch (IOException e) {
            throw new MlpError("cannot replace " + folder.getFileName() + "/: " + e.getMessage());
        }
    }

    // ---- as a value ----

    @Override
    public Value member(String name) {
        return switch (name) {
            case "rows" -> new Num(rows());
            case "cols" -> new Num(cols());
            case "partitions" -> new Num(counts.length);
            default -> null;
        };
    }

    @Override
    public List<String> memberNames() {
        return List.of("rows", "cols", "partitions");
    }

    @Override
    public String kind() {
        return "distributed tensor";
    }

    @Override
    public String toString() {
        return "<distributed tensor " + rows() + "×" + cols() + " in " + counts.length
                + (counts.length == 1 ? " partition" : " partitions") + ">";
    }
}
