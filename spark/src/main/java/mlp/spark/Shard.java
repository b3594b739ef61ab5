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
 *
 * <p>A step's rows of this partition that fit in one chunk ({@link Step#chunk} rows) run through
 * one graph the shard keeps between the step's phases. More rows run chunk by chunk through
 * graphs sized for a chunk, borrowed from the executor's {@link #POOL}, summing the chunks'
 * statistics, sums and gradients in a fixed order; each phase then runs its chunk's forward
 * (and backward) again from the start, as only the chunk in flight keeps its activations.
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

    /** The graph of model + loss over a batch of {@code rows} rows; its batch norms synchronous, in the plan's order. */
    static final class Compiled {
        final DMatrixRMaj x, y;
        final Node loss;
        final Plan plan;
        final Node[] params;
        final List<SyncBatchNorm> norms;
        final int[] at; // the plan positions of the norms' nodes
        final Layer model; // whose parameters the graph reads
        final Random random; // dropout's masks

        Compiled(Layer model, Loss lossFn, int in, int out, int rows, Random random) {
            this.model = model;
            this.random = random;
            x = new DMatrixRMaj(in, rows);
            y = new DMatrixRMaj(out, rows);
            SyncBatchNorm.Builder b = new SyncBatchNorm.Builder();
            Graph graph = Graph.training(random).withBatchNorms(b);
            Node prediction = model.forward(Node.constant(x), graph);
            loss = lossFn.build(prediction, Node.constant(y));
            plan = new Plan(loss);
            List<Node> nodes = plan.nodes();
            norms = new java.util.ArrayList<>(b.built);
            norms.sort(java.util.Comparator.comparingInt(s -> nodes.indexOf(s.node)));
            at = new int[norms.size()];
            for (int i = 0; i < at.length; i++) at[i] = nodes.indexOf(norms.get(i).node);
            List<Param> ps = model.params();
            params = new Node[ps.size()];
            for (int i = 0; i < ps.size(); i++) {
                Node p = graph.nodeOf(ps.get(i));
                params[i] = p != null ? p : Node.variable(ps.get(i).value);
                params[i].grad();
            }
        }

        /** Doubles held by the graph's values and their gradients (parameters included). */
        long doubles() {
            long d = 0;
            for (Node node : plan.nodes()) d += 2L * node.value.getNumElements();
            return d;
        }
    }

    /**
     * An executor's graphs for chunks, shared by its tasks: a task borrows one for a chunk and
     * gives it back, so an executor holds about one chunk's activations per task it runs at once.
     * It keeps the graphs of one training (one model broadcast) at a time, softly: the JVM may
     * take them back when it needs the memory (they are made again).
     */
    static final class Pool {
        private long training = -1;
        private final Map<Integer, java.util.ArrayDeque<java.lang.ref.SoftReference<Compiled>>> free = new HashMap<>();

        synchronized Compiled borrow(long training, int rows, java.util.function.Supplier<Compiled> make) {
            if (training != this.training) {
                free.clear();
                this.training = training;
            }
            java.util.ArrayDeque<java.lang.ref.SoftReference<Compiled>> q = free.get(rows);
            while (q != null && !q.isEmpty()) {
                Compiled c = q.pop().get();
                if (c != null) return c;
            }
            return make.get();
        }

        synchronized void giveBack(long training, int rows, Compiled c) {
            if (training == this.training) free.computeIfAbsent(rows, r -> new java.util.ArrayDeque<>()).push(new java.lang.ref.SoftReference<>(c));
        }

        /** Forgets every graph (a training ended: in Spark local mode this JVM is the executor). */
        synchronized void clear() {
            free.clear();
            training = -1;
        }
    }

    static final Pool POOL = new Pool();

    /** Chunks run through a borrowed graph (in this JVM), for tests to see which path ran. */
    static final java.util.concurrent.atomic.AtomicLong CHUNKS = new java.util.concurrent.atomic.AtomicLong();

    /** Steps whose earlier phases a shard had to run again (in this JVM): the shard was rebuilt, or moved. */
    static final java.util.concurrent.atomic.AtomicLong REDONE = new java.util.concurrent.atomic.AtomicLong();

    private transient Layer model;
    private transient long doneStep = -1; // the step (its parameters' broadcast) whose phases this shard has run
    private transient int donePhase;      // the last phase of it run here

    /** The rows this shard gives to step {@code step} of {@code steps}: [n·step/steps, n·(step+1)/steps) of the epoch's shuffle. */
    static long rowsOf(long n, int step, int steps) {
        return n * (step + 1) / steps - n * step / steps;
    }

    /**
     * Runs phase {@code phase} of a step here (see {@link Step}), and returns this shard's part
     * of its result, or null when the step takes none of its rows. When the phases before it
     * did not run here (the first phase, or the cached shard was rebuilt on another executor),
     * they run again first from the step's message: it holds all the driver has gathered.
     */
    double[] phase(Step s, int phase) {
        int from = (int) ((long) n * s.step / s.steps), rows = (int) rowsOf(n, s.step, s.steps);
        if (rows == 0) return null;
        oneTaskOneCore();
        String json = s.json.value();
        if (json != compiledFor && !json.equals(compiledFor)) { // the same broadcast value: no comparison of its text
            model = ModelFiles.fromJson(json);
            compiled = new HashMap<>();
            compiledFor = json;
            doneStep = -1;
        }
        Loss loss = s.lossKind.loss();
        if (rows > s.chunk) return chunked(s, phase, from, rows, json, loss);
        Compiled c = compiled.computeIfAbsent(rows, r -> new Compiled(model, loss, in, out, r, new Random(s.seed * 31 + partition)));
        int first = doneStep == s.id && donePhase == phase - 1 ? phase : 0;
        if (first == 0 && phase > 0) REDONE.incrementAndGet();
        double[] result = null;
        int[] order = first == 0 && s.steps > 1 ? shuffle(s.seed, s.epoch) : null;
        for (int q = first; q <= phase; q++) result = run(c, s, q, order, from, rows);
        doneStep = s.id;
        donePhase = phase;
        return result;
    }

    /**
     * Phase {@code phase} of a step over more rows than a chunk: each chunk (in order) runs the
     * step's phases 0..phase through a borrowed graph; their results are summed (a batch norm's
     * statistics pooled) into this partition's.
     */
    private double[] chunked(Step s, int phase, int from, int rows, String json, Loss loss) {
        int chunks = (rows + s.chunk - 1) / s.chunk;
        int[] order = s.steps > 1 ? shuffle(s.seed, s.epoch) : null;
        boolean statistics = phase < s.mean.length;
        List<double[]> parts = new java.util.ArrayList<>();
        List<Long> sizes = new java.util.ArrayList<>();
        double[] sum = null;
        for (int i = 0; i < chunks; i++) {
            int a = (int) ((long) rows * i / chunks), size = (int) ((long) rows * (i + 1) / chunks) - a;
            Compiled c = POOL.borrow(s.json.id(), size, () -> new Compiled(ModelFiles.fromJson(json), loss, in, out, size, new Random()));
            try {
                // the same dropout masks in every phase's pass over this chunk
                c.random.setSeed(s.seed ^ (s.epoch * 0x9E3779B97F4A7C15L) ^ ((long) s.step << 20) ^ ((long) partition << 40) ^ i);
                double[] r = null;
                for (int q = 0; q <= phase; q++) r = run(c, s, q, order, from + a, size);
                if (phase >= c.norms.size() && phase < 2 * c.norms.size()) { // a backward stopped at a batch norm: clear what it left
                    List<Node> nodes = c.plan.nodes();
                    for (int j = 0; j <= c.at[c.at.length - 1]; j++) nodes.get(j).zeroGrad();
                }
                CHUNKS.incrementAndGet();
                if (statistics) {
                    parts.add(r);
                    sizes.add((long) size);
                } else if (sum == null) sum = r;
                else for (int j = 0; j < sum.length; j++) sum[j] += r[j];
            } finally {
                POOL.giveBack(s.json.id(), size, c);
            }
        }
        return statistics ? SyncBatchNorm.pooled(parts, sizes, parts.get(0).length / 2) : sum;
    }

    /** One phase: the forward up to the next batch norm, or the rest of the forward and the backward down to the last one, and so on. */
    private double[] run(Compiled c, Step s, int q, int[] order, int from, int rows) {
        int k = c.norms.size();
        if (q == 0) load(c, s, order, from, rows);
        if (q <= k) {
            if (q > 0) s.statsInto(c.norms.get(q - 1), q - 1);
            int start = q == 0 ? 0 : c.at[q - 1];
            if (q < k) {
                c.plan.forward(start, c.at[q]);
                return c.norms.get(q).moments();
            }
            c.plan.forward(start, c.plan.nodes().size());
            c.plan.backwardStart((double) rows / s.rows); // this shard's share of the step's mean loss
            lossTimesRows = c.loss.value.data[0] * rows;
            int end = c.plan.nodes().size();
            if (k == 0) {
                c.plan.backward(0, end);
                return gradients(c, rows);
            }
            c.plan.backward(c.at[k - 1] + 1, end);
            return c.norms.get(k - 1).gradSums();
        }
        int j = 2 * k - q; // the batch norm whose backward step runs now, with the whole batch's sums
        s.sumsInto(c.norms.get(j), j);
        c.plan.backward(j == 0 ? 0 : c.at[j - 1] + 1, c.at[j] + 1);
        return j == 0 ? gradients(c, rows) : c.norms.get(j - 1).gradSums();
    }

    private transient double lossTimesRows;

    /** The step's parameters, and rows [from, from + rows) of this epoch's order (null: the packed order). */
    private void load(Compiled c, Step s, int[] order, int from, int rows) {
        List<Param> ps = c.model.params();
        double[][] values = s.values.value();
        for (int i = 0; i < ps.size(); i++) System.arraycopy(values[i], 0, ps.get(i).value.data, 0, values[i].length);
        gather(x, in, order, from, rows, c.x.data);
        gather(y, out, order, from, rows, c.y.data);
    }

    /** {loss × rows, rows, the gradients of this shard's share of the step's mean loss...}. */
    private double[] gradients(Compiled c, int rows) {
        int size = 0;
        for (Node p : c.params) size += p.value.getNumElements();
        double[] acc = new double[size + 2];
        acc[0] = lossTimesRows;
        acc[1] = rows;
        int k = 2;
        for (Node p : c.params) {
            double[] g = p.grad().data;
            int len = p.value.getNumElements();
            System.arraycopy(g, 0, acc, k, len);
            k += len;
        }
        return acc;
    }

    // ---- a validation set's shard ----

    private static final int VALIDATION_CHUNK = 4096; // rows per inference pass: bounded memory, products large enough
    private transient Map<Integer, Validation> validations;

    /** The model and loss over a chunk of rows in inference mode. */
    private static final class Validation {
        final DMatrixRMaj x, y;
        final Node loss;
        final Plan plan;

        Validation(Layer model, LossSpec lossKind, int in, int out, int rows) {
            x = new DMatrixRMaj(in, rows);
            y = new DMatrixRMaj(out, rows);
            loss = lossKind.loss().build(model.forward(Node.constant(x), Graph.compiledInference()), Node.constant(y));
            plan = new Plan(loss);
        }
    }

    /** {loss × rows, rows} of the model in inference mode (its parameters and running statistics {@code state}) over these rows, chunk by chunk. */
    double[] validate(String modelJson, LossSpec lossKind, double[][] state) {
        if (n == 0) return new double[2];
        oneTaskOneCore();
        if (modelJson != compiledFor && !modelJson.equals(compiledFor)) {
            model = ModelFiles.fromJson(modelJson);
            validations = new HashMap<>();
            compiledFor = modelJson;
        }
        List<DMatrixRMaj> ms = model.state();
        for (int i = 0; i < ms.size(); i++) System.arraycopy(state[i], 0, ms.get(i).data, 0, state[i].length);
        int chunks = (n + VALIDATION_CHUNK - 1) / VALIDATION_CHUNK;
        double sum = 0;
        for (int i = 0; i < chunks; i++) {
            int a = (int) ((long) n * i / chunks), size = (int) ((long) n * (i + 1) / chunks) - a;
            Validation v = validations.computeIfAbsent(size, r -> new Validation(model, lossKind, in, out, r));
            gather(x, in, null, a, size, v.x.data);
            gather(y, out, null, a, size, v.y.data);
            v.plan.forward();
            sum += v.loss.value.data[0] * size;
        }
        return new double[]{sum, n};
    }

    /**
     * A task's products use the cores Spark gave it (spark.task.cpus, 1 by default), not all the
     * machine's: the executor runs as many tasks as it has cores side by side.
     */
    static void oneTaskOneCore() {
        org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
        mlp.tensor.Products.threads(task == null ? 1 : task.cpus());
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
        if (order == null) {
            for (int f = 0; f < features; f++) System.arraycopy(src, f * n + from, dst, f * rows, rows);
            return;
        }
        for (int f = 0; f < features; f++)
            for (int i = 0; i < rows; i++) dst[f * rows + i] = src[f * n + order[from + i]];
    }
}
