package mlp.train;

import mlp.MlpError;
import mlp.autograd.Node;
import mlp.autograd.Plan;
import mlp.nn.Graph;
import mlp.nn.Layer;
import mlp.nn.Param;
import mlp.tensor.Limits;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.io.PrintStream;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * One {@code train(...)} call: the tutorial's {@code train_model} loop over a compiled graph.
 *
 * <p>The model and the loss are built once into an autograd graph in training mode, over
 * buffers allocated once (a {@link Plan}); each epoch re-runs its forward and backward steps in
 * place and the optimizer updates the parameters in place, so an epoch allocates nothing.
 * Per epoch, as the tutorial: forward pass, record the predictions, the loss, zero the
 * gradients, backward, optimizer step. The loss of epoch k is computed before epoch k's step.
 *
 * <p>The graph runs feature-major (see {@link mlp.autograd.LayerOps}): X and y are transposed
 * once, and predictions are transposed back only when a frame or a listener (the live window,
 * a host's {@code Settings.trainingListener}) wants them.
 *
 * <p>With {@code batch > 0} the rows are shuffled each epoch (the host's random
 * generator) and each mini-batch takes one step; the epoch's loss is the mean of the batch
 * losses weighted by their sizes, and its predictions gather each row's prediction from its
 * batch.
 */
public final class Trainer {
    /**
     * What one call asks for, checked by the language's {@code train} built-in. {@code rates}
     * gives each epoch's learning rate; {@code valX}, {@code valY} the validation data (or null);
     * {@code patience} 0 for none; {@code regionCells} the decision-region grid of a
     * classification run (0: none).
     */
    public record Request(Layer model, DMatrixRMaj x, DMatrixRMaj y, int epochs, Optimizer optimizer, Loss loss,
                   Rates rates, int batch, int frames, boolean live, boolean progress,
                   DMatrixRMaj valX, DMatrixRMaj valY, int patience, int regionCells) {
    }

    /** The learning rate of each epoch (0-based): a number, a schedule, or a function of the epoch. */
    public interface Rates {
        double at(int epoch);
    }

    /**
     * The model (and, given targets, the loss) compiled once in inference mode over fixed inputs:
     * the validation loss and the decision regions, re-run after steps without rebuilding.
     */
    private static final class Inference {
        final Node output;
        final Plan plan;

        Inference(Layer model, DMatrixRMaj x, Loss loss, DMatrixRMaj y) {
            Node prediction = model.forward(Node.constant(CommonOps_DDRM.transpose(x, null)), Graph.compiledInference());
            output = loss == null ? prediction : loss.build(prediction, Node.constant(CommonOps_DDRM.transpose(y, null)));
            plan = new Plan(output);
        }

        DMatrixRMaj run() {
            plan.forward();
            return output.value;
        }
    }

    /**
     * What a run needs from whoever started it: the random generator (initialisation, shuffling,
     * dropout), a flag asking it to stop after the current epoch, where the progress bar goes
     * (a stream, or a host's display of its line), and the listeners that watch it (a live
     * window, a host's). Training knows them only through these interfaces, never the
     * interpreter or the pictures.
     */
    public record Host(Random random, BooleanSupplier stopRequested, PrintStream progress, boolean progressIsTerminal,
                       ProgressSink progressSink, List<TrainingListener> listeners) {
        /** A host whose progress bar, if any, goes to a stream. */
        public Host(Random random, BooleanSupplier stopRequested, PrintStream progress, boolean progressIsTerminal,
                    List<TrainingListener> listeners) {
            this(random, stopRequested, progress, progressIsTerminal, null, listeners);
        }
    }

    /** The graph of model + loss for one batch size, over feature-major buffers (x in×n, y out×n). */
    private static final class Compiled {
        final DMatrixRMaj x, y;
        final Node prediction, loss;
        final Plan plan;
        final Node[] params; // the parameters' variable nodes, in the model's parameter order

        Compiled(Layer model, Loss lossFn, DMatrixRMaj x, DMatrixRMaj y, List<Param> params, Random random) {
            this.x = x;
            this.y = y;
            Graph graph = Graph.training(random);
            prediction = model.forward(Node.constant(x), graph);
            loss = lossFn.build(prediction, Node.constant(y));
            plan = new Plan(loss);
            this.params = new Node[params.size()];
            for (int i = 0; i < params.size(); i++) {
                Node n = graph.nodeOf(params.get(i));
                this.params[i] = n != null ? n : Node.variable(params.get(i).value); // unused: its gradient stays 0
                this.params[i].grad();
            }
        }
    }

    private final Host host;
    private final Request req;
    private final int rows;
    private final Compiled full;      // the batch of batch rows (or all rows)
    private final Compiled tail;      // the last, smaller mini-batch, if the rows do not divide evenly
    private final DMatrixRMaj predictions; // the epoch's predictions as users see them, n×out
    private final int[] order;        // the row order of this epoch (mini-batches)
    private final Optimizer.Stepper stepper;
    private final Checkpoint checkpoint; // the model as the last two steps started: a nan or a cancel undoes a step
    private boolean lossNotFinite;
    private final Inference validation;   // null without val= (or with a module's validation rows)
    private final ValidationSource remoteValidation; // a module's validation rows, else null
    private final Inference grid;         // a classification run's decision regions, else null
    private final DecisionGrid gridShape;
    private double bestVal = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private final GradientSource source; // rows a module holds (a cluster's): it gives each step's loss and gradients
    private final Node[] sourceParams;   // the parameters as variables, their gradients filled from the source

    public Trainer(Request req, Host host) {
        this(req, host, null);
    }

    /**
     * A training whose losses and gradients come from {@code source} (a module's distributed
     * rows; {@code req.x()} and {@code req.y()} are then empty): the same epochs, optimizer
     * steps, progress, listeners, nan stops and cancellation, without predictions or frames.
     */
    public Trainer(Request req, Host host, GradientSource source) {
        this(req, host, source, null);
    }

    /**
     * As {@link #Trainer(Request, Host, GradientSource)}, the validation loss computed by
     * {@code remoteValidation} (a module's validation rows) when {@code req.valX()} is null.
     */
    public Trainer(Request req, Host host, GradientSource source, ValidationSource remoteValidation) {
        this.host = host;
        this.req = req;
        this.source = source;
        this.remoteValidation = remoteValidation;
        this.rows = req.x().numRows;
        Random random = host.random();
        List<Param> params = req.model().params();
        stepper = req.optimizer().start(params); // each epoch sets its rate
        if (source != null) {
            sourceParams = new Node[params.size()];
            for (int i = 0; i < sourceParams.length; i++) {
                sourceParams[i] = Node.variable(params.get(i).value);
                sourceParams[i].grad();
            }
            full = tail = null;
            order = null;
            predictions = new DMatrixRMaj(0, 0);
            checkpoint = new Checkpoint(req.model());
            validation = req.valX() == null ? null : new Inference(req.model(), req.valX(), req.loss(), req.valY());
            grid = null;
            gridShape = null;
            return;
        }
        sourceParams = null;
        int batch = req.batch() <= 0 || req.batch() >= rows ? rows : req.batch();
        if (batch == rows) { // full batch: X and y transposed once
            full = new Compiled(req.model(), req.loss(), CommonOps_DDRM.transpose(req.x(), null),
                    CommonOps_DDRM.transpose(req.y(), null), params, random);
            tail = null;
            order = null;
        } else {
            int xc = req.x().numCols, yc = req.y().numCols;
            full = new Compiled(req.model(), req.loss(), Limits.matrix(xc, batch), Limits.matrix(yc, batch), params, random);
            int rest = rows % batch;
            try {
                tail = rest == 0 ? null : new Compiled(req.model(), req.loss(), Limits.matrix(xc, rest), Limits.matrix(yc, rest), params, random);
            } catch (MlpError e) {
                throw new MlpError(e.plainMessage() + " — with batch=" + batch + " the last batch of the " + rows + " rows has "
                        + rest + (rest == 1 ? " row" : " rows"));
            }
            order = new int[rows];
            for (int i = 0; i < rows; i++) order[i] = i;
        }
        predictions = Limits.matrix(rows, full.prediction.rows());
        checkpoint = new Checkpoint(req.model());
        validation = req.valX() == null ? null : new Inference(req.model(), req.valX(), req.loss(), req.valY());
        gridShape = regionsGrid(req, req.regionCells());
        grid = gridShape == null ? null : new Inference(req.model(), gridPoints(gridShape), null, null);
    }

    /**
     * A classification run (2 inputs, a cross-entropy loss) gets decision regions: the grid over
     * its inputs' plane; other runs get none (null).
     */
    private static DecisionGrid regionsGrid(Request req, int cells) {
        if (cells == 0 || req.x().numCols != 2 || !req.loss().classifies()) return null;
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = x0, y1 = x1;
        for (int r = 0; r < req.x().numRows; r++) {
            double a = req.x().get(r, 0), b = req.x().get(r, 1);
            x0 = Math.min(x0, a);
            x1 = Math.max(x1, a);
            y0 = Math.min(y0, b);
            y1 = Math.max(y1, b);
        }
        double px = Math.max((x1 - x0) * 0.08, 1e-6), py = Math.max((y1 - y0) * 0.08, 1e-6);
        int outputs = req.model().outWidth(2);
        return new DecisionGrid(x0 - px, x1 + px, y0 - py, y1 + py, cells, outputs == 1);
    }

    private static DMatrixRMaj gridPoints(DecisionGrid g) {
        DMatrixRMaj points = new DMatrixRMaj(g.cells() * g.cells(), 2);
        for (int i = 0; i < g.cells(); i++)
            for (int j = 0; j < g.cells(); j++) {
                points.set(i * g.cells() + j, 0, g.x(i));
                points.set(i * g.cells() + j, 1, g.y(j));
            }
        return points;
    }

    /** The model's decision regions now: per cell the class (several outputs) or the probability of class 1. */
    private double[] regions() {
        DMatrixRMaj out = grid.run(); // feature-major: outputs × cells
        int cells = out.numCols, k = out.numRows;
        double[] r = new double[cells];
        if (k == 1) {
            Loss loss = req.loss();
            for (int c = 0; c < cells; c++) r[c] = loss.probabilityOf(out.data[c]);
        } else {
            for (int c = 0; c < cells; c++) {
                int best = 0;
                for (int j = 1; j < k; j++) if (out.data[j * cells + c] > out.data[best * cells + c]) best = j;
                r[c] = best;
            }
        }
        return r;
    }

    // the state of one run, for epoch()
    private Run run;
    private FrameSchedule schedule;
    private TrainingListener[] listeners; // the live window's and the host's (Settings.trainingListener), when there are
    private TrainingProgress progress;
    private boolean startPending; // frame 0 still to be taken from the first epoch's predictions
    private int lastFramed;
    /** The predictions for listeners, transposed only when one asks (the live window: at most ~30 times a second). */
    private final java.util.function.Supplier<DMatrixRMaj> predictionsOnDemand = this::predictions;

    public Run run() {
        run = new Run(req.model(), req.x(), req.y(), req.epochs());
        if (validates()) run.withValidation();
        if (grid != null) run.withRegions(gridShape, this::regions);
        schedule = new FrameSchedule(req.epochs(), req.frames());
        Limits.check(schedule.size(), (long) rows * predictions.numCols); // the frames must fit in memory too
        // frame 0: X when it lives in y's space (the tutorial), else the untrained model's predictions
        boolean xIsFrame = req.x().numCols == req.y().numCols;
        boolean startKept = schedule.keeps(0);
        if (startKept && grid != null) run.addRegions(regions()); // the untrained model's regions
        if (startKept && xIsFrame) run.addFrame(0, req.x().copy());
        startPending = startKept && !xIsFrame;
        if (startPending && req.epochs() == 0) {
            run.addFrame(0, req.model().apply(Node.constant(req.x()), host.random(), mlp.nn.Layer.Given.tensor()).value.copy());
            startPending = false;
        }
        listeners = host.listeners().toArray(new TrainingListener[0]);
        progress = TrainingProgress.open(host.progress(), host.progressIsTerminal(), host.progressSink(), req.progress(), req.epochs());
        long start = System.nanoTime();
        try {
            for (TrainingListener l : listeners) l.started(run);
            // the loop body is a method of its own: each call of run() starts interpreted, and a
            // short run would otherwise spend its epochs there instead of in the compiled epoch()
            for (int epoch = 1; epoch <= req.epochs(); epoch++) {
                try {
                    if (!epoch(epoch)) break;
                } catch (MlpError e) {
                    // a nan loss: back to the last parameters that gave a finite one; anything
                    // else (a cancel inside a long product): back to where the step started
                    if (lossNotFinite) checkpoint.undoLastStep();
                    else checkpoint.undoRunningStep();
                    if (lossNotFinite || !host.stopRequested().getAsBoolean()) throw e;
                    run.markCancelled(); // cancelled mid-epoch: the run so far, as after the last finished epoch
                    break;
                }
            }
            if (req.patience() > 0 && bestEpoch > 0 && bestEpoch < run.epochs()) checkpoint.restoreBest();
        } finally {
            run.trainingEnded();
            run.seconds((System.nanoTime() - start) / 1e9);
            int done = run.epochs();
            progress.set(done, done == 0 ? Double.NaN : run.loss(done - 1), done == 0 || !validates() ? Double.NaN : run.valLoss(done - 1));
            progress.close();
            for (TrainingListener l : listeners) l.finished(run);
        }
        return run;
    }

    private boolean validates() {
        return validation != null || remoteValidation != null;
    }

    /** One epoch and its bookkeeping; false when training must stop (cancelled). */
    private boolean epoch(int epoch) {
        double rate = req.rates().at(epoch - 1);
        stepper.rate(rate);
        boolean framed = schedule.keeps(epoch);
        if (framed && grid != null) run.addRegions(regions()); // the regions of the model that makes this epoch's predictions
        double loss = source != null ? sourceEpoch(epoch) : order == null ? fullBatchEpoch(epoch) : miniBatchEpoch(epoch);
        double val = validation != null ? validation.run().data[0] : remoteValidation != null ? remoteValidation.loss() : Double.NaN;
        run.addEpoch(loss, val, rate);
        if (validates() && val < bestVal) {
            bestVal = val;
            bestEpoch = epoch;
            run.bestEpoch(epoch);
            if (req.patience() > 0) checkpoint.keepBest();
        }
        if (startPending || framed) predictions();
        if (startPending) { // no X frame: the start is the untrained model's predictions
            run.addFrame(0, predictions.copy());
            startPending = false;
        }
        if (framed) {
            run.addFrame(epoch, predictions.copy());
            lastFramed = epoch;
        }
        for (TrainingListener l : listeners) l.epoch(epoch, loss, predictionsOnDemand);
        progress.update(epoch, loss, val);
        boolean cancelled = host.stopRequested().getAsBoolean();
        boolean patienceOut = req.patience() > 0 && epoch - Math.max(bestEpoch, 0) >= req.patience();
        if ((cancelled || patienceOut) && epoch < req.epochs()) {
            if (cancelled) run.markCancelled();
            else run.markStoppedEarly();
            if (lastFramed != epoch && req.frames() > 0) { // the run's last epoch ends its animation
                if (grid != null) run.addRegions(regions());
                run.addFrame(epoch, predictions().copy());
            }
            return false;
        }
        return true;
    }

    /** The last epoch's predictions, n×out (transposed from the graph's out×n when full batch). */
    private DMatrixRMaj predictions() {
        if (order == null && full != null) CommonOps_DDRM.transpose(full.prediction.value, predictions);
        return predictions;
    }

    /** One epoch of the source's steps: its loss and gradients for the parameters as they are, then a step here. */
    private double sourceEpoch(int epoch) {
        int steps = source.steps();
        DMatrixRMaj[] grads = new DMatrixRMaj[sourceParams.length];
        for (int i = 0; i < grads.length; i++) grads[i] = sourceParams[i].grad();
        double total = 0, last = Double.NaN;
        long rows = 0;
        for (int step = 0; step < steps; step++) {
            checkpoint.stepStarts();
            last = source.gradients(epoch, step, grads);
            if (!Double.isFinite(last)) throw nan(epoch, last);
            long n = source.rows(step);
            total += last * n; // weighed by rows, as a local epoch of mini-batches
            rows += n;
            stepper.step(sourceParams);
        }
        return steps == 1 ? last : total / rows;
    }

    /** One epoch on all rows: forward, loss, backward, step. */
    private double fullBatchEpoch(int epoch) {
        Compiled c = full;
        checkpoint.stepStarts();
        c.plan.forward();
        double loss = c.loss.value.data[0];
        if (!Double.isFinite(loss)) throw nan(epoch, loss);
        c.plan.backward();
        stepper.step(c.params);
        return loss;
    }

    /** One epoch of shuffled mini-batches, a step each. */
    private double miniBatchEpoch(int epoch) {
        Random random = host.random();
        // a fresh permutation each epoch (as PyTorch's randperm), not a shuffle of the last one:
        // so an epoch's batches depend only on the random generator, and a run continued by a
        // second train call with the same optimizer value trains exactly as one longer call
        for (int i = 0; i < rows; i++) order[i] = i;
        for (int i = rows - 1; i > 0; i--) { // Fisher-Yates
            int j = random.nextInt(i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double total = 0;
        int batch = full.x.numCols;
        for (int from = 0; from < rows; from += batch) {
            Compiled c = rows - from >= batch ? full : tail;
            int count = c.x.numCols;
            gather(req.x(), c.x, from, count);
            gather(req.y(), c.y, from, count);
            checkpoint.stepStarts();
            c.plan.forward();
            double loss = c.loss.value.data[0];
            if (!Double.isFinite(loss)) throw nan(epoch, loss);
            total += loss * count;
            scatter(c.prediction.value, predictions, from, count);
            c.plan.backward();
            stepper.step(c.params);
        }
        return total / rows;
    }

    /** Copies the rows order[from .. from+count) of src (n×c) into the columns of dst (c×count). */
    private void gather(DMatrixRMaj src, DMatrixRMaj dst, int from, int count) {
        int cols = src.numCols;
        double[] s = src.data, d = dst.data;
        for (int i = 0; i < count; i++) {
            int r = order[from + i] * cols;
            for (int f = 0; f < cols; f++) d[f * count + i] = s[r + f];
        }
    }

    /** Puts the columns of a batch's result (c×count) back at their rows' places in dst (n×c). */
    private void scatter(DMatrixRMaj src, DMatrixRMaj dst, int from, int count) {
        int cols = src.numRows;
        double[] s = src.data, d = dst.data;
        for (int i = 0; i < count; i++) {
            int r = order[from + i] * cols;
            for (int f = 0; f < cols; f++) d[r + f] = s[f * count + i];
        }
    }

    private MlpError nan(int epoch, double loss) {
        lossNotFinite = true;
        return new MlpError("the loss became " + mlp.value.Format.number(loss) + " at epoch " + epoch + req.loss().nanHint());
    }
}
