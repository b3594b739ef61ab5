package mlp.eval;

import mlp.io.Settings;
import mlp.train.Schedule;
import mlp.train.Trainer;
import mlp.train.TrainingListener;
import mlp.plot.LiveTraining;
import java.util.ArrayList;
import java.util.List;
import mlp.train.Optimizer;
import mlp.train.Loss;
import mlp.train.Losses;
import mlp.train.Optimizers;
import mlp.train.Scorable;
import mlp.MlpError;
import mlp.nn.Layer;
import mlp.tensor.Shapes;
import mlp.value.Format;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

/** train, the losses, the optimizers, accuracy. */
public final class TrainBuiltins implements Builtins.Module {
    // the signatures, and a handle for each parameter the bodies read: checked when this class initialises (see Param)
    private static final Signature TRAIN = Signature.of("train(model, X, y, epochs=100, optimizer=adam, loss=mse, lr=, batch=0, frames=100, live=false, progress=true, val=, patience=0)");
    private static final Signature STEP_LR = Signature.of("step_lr(lr, every=, gamma=0.1)");
    private static final Signature EXP_LR = Signature.of("exp_lr(lr, gamma=)");
    private static final Signature COSINE_LR = Signature.of("cosine_lr(lr, min=0)");
    private static final Signature ACCURACY = Signature.of("accuracy(pred, labels)");
    private static final Param BATCH = Param.of("batch", TRAIN);
    private static final Param EPOCHS = Param.of("epochs", TRAIN);
    private static final Param EVERY = Param.of("every", STEP_LR);
    private static final Param FRAMES = Param.of("frames", TRAIN);
    private static final Param GAMMA = Param.of("gamma", STEP_LR, EXP_LR);
    private static final Param LABELS = Param.of("labels", ACCURACY);
    private static final Param LIVE = Param.of("live", TRAIN);
    private static final Param LOSS = Param.of("loss", TRAIN);
    private static final Param LR = Param.of("lr", TRAIN, STEP_LR, EXP_LR, COSINE_LR);
    private static final Param MIN = Param.of("min", COSINE_LR);
    private static final Param MODEL = Param.of("model", TRAIN);
    private static final Param OPTIMIZER = Param.of("optimizer", TRAIN);
    private static final Param PATIENCE = Param.of("patience", TRAIN);
    private static final Param PRED = Param.of("pred", ACCURACY);
    private static final Param PROGRESS = Param.of("progress", TRAIN);
    private static final Param VAL = Param.of("val", TRAIN);
    private static final Param X = Param.of("X", TRAIN);
    private static final Param Y = Param.of("y", TRAIN);

    private static final String TRAINING = "Training";

    @Override
    public void register(Builtins b) {
        b.function(TRAINING, TRAIN,
                "Trains a model on inputs X and targets y, updating its parameters in place; returns a run.\n"
                        + "Each epoch, as the tutorial's train_model: forward pass in training mode, record the predictions,\n"
                        + "the loss, backward pass, optimizer step. run.loss holds every epoch's loss (computed before that\n"
                        + "epoch's step), run.model the model, run.frames how many prediction snapshots were kept.\n"
                        + "optimizer= " + optimizers() + " with settings;\n"
                        + "lr= overrides the optimizer's rate (" + defaultRates() + ").\n"
                        + "loss= " + Losses.names() + ".\n"
                        + "batch=0 trains on all rows at once; batch=32 on shuffled mini-batches of 32 rows, a step each.\n"
                        + "frames= the most prediction snapshots kept for animate (evenly spaced, first and last kept).\n"
                        + "live=true shows the animation while it trains; progress=false hides the progress bar.\n"
                        + "Ctrl-C stops after the current epoch and returns the run so far; a nan loss stops with an error.\n"
                        + "val=[Xv, yv] computes the validation loss after every epoch's step, in inference mode (run.val_loss,\n"
                        + "val= on the progress bar, a second curve in plot(run)); patience=N (with val=) stops after N epochs\n"
                        + "without a better validation loss and puts back the parameters of the best epoch (run.best_epoch,\n"
                        + "counted from 1). lr= also takes a schedule (step_lr, exp_lr, cosine_lr) or a function of the epoch\n"
                        + "(0-based), e -> 0.01 * 0.99 ^ e; run.lr holds every epoch's rate. An optimizer value kept in a name\n"
                        + "(opt = adam(lr=0.01)) keeps its state across train calls; a bare adam starts fresh.\n"
                        + "Example: run = train(linear(2, 2, init=identity), X, y, lr=0.01, epochs=1000)",
                TrainBuiltins::train);

        for (Loss l : Losses.ALL) b.value(TRAINING, l.name(), l.signature(), l.help(), l);
        for (Optimizer o : Optimizers.ALL) b.value(TRAINING, o.name(), o.signature(), o.help(), o);

        b.function(TRAINING, STEP_LR,
                "A learning-rate schedule that multiplies the rate by gamma every few epochs.\n"
                        + "train(..., lr=step_lr(0.1, every=30)): lr × gamma^floor(epoch / every), epochs counted from 0\n"
                        + "(PyTorch's StepLR stepped once per epoch).",
                a -> schedule(a, "step_lr"));
        b.function(TRAINING, EXP_LR,
                "A learning-rate schedule that multiplies the rate by gamma every epoch.\n"
                        + "train(..., lr=exp_lr(0.1, gamma=0.99)): lr × gamma^epoch, epochs counted from 0\n"
                        + "(PyTorch's ExponentialLR stepped once per epoch).",
                a -> schedule(a, "exp_lr"));
        b.function(TRAINING, COSINE_LR,
                "A learning-rate schedule from lr down to min along half a cosine over the run's epochs.\n"
                        + "train(..., lr=cosine_lr(0.1)): min + (lr - min)(1 + cos(pi × epoch / epochs)) / 2, epochs counted\n"
                        + "from 0 (PyTorch's CosineAnnealingLR with T_max = epochs, stepped once per epoch).",
                a -> schedule(a, "cosine_lr"));

        b.function(TRAINING, ACCURACY,
                "The fraction of rows whose predicted class is their label.\n"
                        + "The predicted class is the argmax of each row of pred (n×k), compared with labels, an n×1\n"
                        + "column of class indices. With one column, pred > 0.5 is class 1.",
                TrainBuiltins::accuracy);
    }

    /** train(model, X, y) on rows a module holds (a distributed tensor): its GradientSource, the usual trainer loop. */
    private static Value trainOnRows(Args a, Layer model, mlp.train.TrainingRows x) {
        Interpreter it = a.interpreter();
        int epochs = a.count(EPOCHS);
        if (epochs > it.settings().maxEpochs())
            throw a.error(EPOCHS, "train: epochs=" + epochs + " is more than this session allows (at most " + it.settings().maxEpochs() + ")");
        Optimizer optimizer = Optimizers.of(a.get(OPTIMIZER));
        if (optimizer == null)
            throw a.error(OPTIMIZER, "train: optimizer must be " + Optimizers.names() + ", not " + Interpreter.describe(a.get(OPTIMIZER)));
        Loss loss = Losses.of(a.get(LOSS));
        if (loss == null)
            throw a.error(LOSS, "train: loss must be " + Losses.names() + ", not " + Interpreter.describe(a.get(LOSS)));
        Trainer.Rates rates = rates(a, optimizer.lr(), epochs);
        if (a.bool(LIVE)) throw a.error(LIVE, "train: live=true needs the rows here; a distributed tensor's stay on the cluster");
        try {
            model.resolve(x.cols(), it.random(), w -> "X has " + w + (w == 1 ? " column" : " columns"));
        } catch (MlpError e) {
            throw e.at(a.pos(X));
        }
        if (model.params().isEmpty()) throw a.error(MODEL, "train: " + model.describe() + " has no parameters to train");
        List<TrainingListener> listeners = new ArrayList<>();
        if (it.settings().trainingListener() != null) listeners.add(it.settings().trainingListener());
        Trainer.Host host = new Trainer.Host(it.random(), it.cancellation()::requested, it.settings().progress(),
                it.settings().progressIsTerminal(), it.settings().progressSink(), listeners);
        mlp.train.GradientSource source;
        try {
            source = x.gradients(a.get(Y), model, loss, a.count(BATCH), host);
        } catch (MlpError e) {
            throw e.pos() != null ? e : a.error(Y, "train: " + e.plainMessage());
        }
        DMatrixRMaj valX = null, valY = null;
        mlp.train.ValidationSource remoteVal = null;
        try (source) {
            if (a.has(VAL)) {
                Value v = a.get(VAL);
                if (!(v instanceof mlp.value.ListValue list) || list.length() != 2)
                    throw a.error(VAL, "train: val= takes the validation data as a list [Xv, yv], not " + Interpreter.describe(v));
                if (list.item(0) instanceof mlp.train.TrainingRows vx) { // a validation set on the cluster too
                    if (vx.cols() != x.cols())
                        throw a.error(VAL, "train: val=[Xv, yv]: Xv has " + vx.cols() + " columns but X has " + x.cols());
                    try {
                        remoteVal = vx.validation(list.item(1), model, loss, host);
                    } catch (MlpError e) {
                        throw e.pos() != null ? e : a.error(VAL, "train: val=[Xv, yv]: " + e.plainMessage());
                    }
                } else if (list.item(0) instanceof Tensor vx && list.item(1) instanceof Tensor vy) { // a local one: checked here each epoch
                    validation(a, vx, vy, x.cols(), -1, model, loss);
                    valX = vx.data();
                    valY = vy.data();
                } else
                    throw a.error(VAL, "train: val= takes the validation data as a list [Xv, yv] (tensors, or distributed tensors like X), not "
                            + Interpreter.describe(v));
            }
            int patience = a.count(PATIENCE);
            if (patience > 0 && valX == null && remoteVal == null)
                throw a.error(PATIENCE, "train: patience= watches the validation loss: give val=[Xv, yv] too");
            DMatrixRMaj none = new DMatrixRMaj(0, 0);
            Trainer.Request request = new Trainer.Request(model, none, none, epochs, optimizer, loss, rates, a.count(BATCH), 0, false,
                    a.bool(PROGRESS), valX, valY, patience, 0);
            return new Trainer(request, host, source, remoteVal).run();
        } finally {
            if (remoteVal != null) remoteVal.close();
        }
    }

    /** "adam or sgd, or adam(...)/sgd(...)", from the one list of optimizers. */
    private static String optimizers() {
        List<String> bare = new ArrayList<>(), called = new ArrayList<>();
        for (Optimizer o : Optimizers.ALL) {
            bare.add(o.name());
            called.add(o.name() + "(...)");
        }
        return String.join(", ", bare.subList(0, bare.size() - 1)) + " or " + bare.get(bare.size() - 1) + ", or " + String.join("/", called);
    }

    /** "a bare adam has 0.001, a bare sgd 0.01". */
    private static String defaultRates() {
        List<String> out = new ArrayList<>();
        for (Optimizer o : Optimizers.ALL) out.add("a bare " + o.name() + (out.isEmpty() ? " has " : " ") + Format.number(o.lr()));
        return String.join(", ", out);
    }

    private static Value train(Args a) {
        Interpreter it = a.interpreter();
        Value mv = a.get(MODEL);
        if (mv instanceof mlp.eval.LayerMaker maker) mv = maker.fresh(); // train(batchnorm, ...): a new one, returned in run.model
        if (!(mv instanceof Layer model))
            throw a.error(MODEL, "train: model must be a layer or a stack of layers, not " + Interpreter.describe(mv));
        if (a.get(X) instanceof mlp.train.TrainingRows rows) return trainOnRows(a, model, rows);
        Tensor x = a.tensor(X), y = a.tensor(Y);
        int epochs = a.count(EPOCHS);
        long allowed = it.settings().maxEpochs();
        if (epochs > allowed)
            throw a.error(EPOCHS, "train: epochs=" + epochs + " is more than this session allows (at most " + allowed + ")");
        Optimizer optimizer = Optimizers.of(a.get(OPTIMIZER));
        if (optimizer == null)
            throw a.error(OPTIMIZER, "train: optimizer must be " + Optimizers.names() + ", not "
                    + Interpreter.describe(a.get(OPTIMIZER)));
        Loss loss = Losses.of(a.get(LOSS));
        if (loss == null && a.get(LOSS) instanceof Callable fn && fn.kind().equals("function"))
            loss = functionLoss(it, fn, a.pos(LOSS));
        if (loss == null)
            throw a.error(LOSS, "train: loss must be " + Losses.names() + ", or a function (pred, y) -> number, not "
                    + Interpreter.describe(a.get(LOSS)));
        Trainer.Rates rates = rates(a, optimizer.lr(), epochs);
        int batch = a.count(BATCH);
        int frames = a.count(FRAMES);
        boolean live = a.bool(LIVE), progress = a.bool(PROGRESS);

        if (x.rows() == 0 || x.cols() == 0) throw a.error(X, "train: X is empty " + Shapes.of(x.data()));
        if (y.rows() != x.rows())
            throw a.error(Y, "train: X has " + x.rows() + " rows but y has " + y.rows() + " (one target row per sample)"
                    + (y.rows() == 1 && y.cols() == x.rows() ? "; y is a row: did you mean y'?" : ""));
        finite(a, X, x.data());
        finite(a, Y, y.data());
        try {
            model.resolve(x.cols(), it.random(), w -> "X has " + w + (w == 1 ? " column" : " columns"));
        } catch (MlpError e) {
            throw e.at(a.pos(X));
        }
        if (model.params().isEmpty())
            throw a.error(MODEL, "train: " + model.describe() + " has no parameters to train");
        String why = loss.mismatch(x.rows(), model.outWidth(x.cols()), y.data(), "the model's output");
        if (why != null) throw a.error(Y, "train: " + why);

        DMatrixRMaj valX = null, valY = null;
        if (a.has(VAL)) {
            Value v = a.get(VAL);
            if (!(v instanceof mlp.value.ListValue list) || list.length() != 2
                    || !(list.item(0) instanceof Tensor vx) || !(list.item(1) instanceof Tensor vy))
                throw a.error(VAL, "train: val= takes the validation data as a list [Xv, yv], not " + Interpreter.describe(v));
            validation(a, vx, vy, x.cols(), y.cols(), model, loss);
            valX = vx.data();
            valY = vy.data();
        }
        int patience = a.count(PATIENCE);
        if (patience > 0 && valX == null)
            throw a.error(PATIENCE, "train: patience= watches the validation loss: give val=[Xv, yv] too");

        Trainer.Request request = new Trainer.Request(model, x.data(), y.data(), epochs, optimizer, loss, rates, batch, frames, live, progress,
                valX, valY, patience, it.settings().regionCells());
        List<TrainingListener> listeners = new ArrayList<>();
        if (live) listeners.add(LiveTraining.open(it.settings(), "Training"));
        if (it.settings().trainingListener() != null) listeners.add(it.settings().trainingListener());
        Trainer.Host host = new Trainer.Host(it.random(), it.cancellation()::requested, it.settings().progress(),
                it.settings().progressIsTerminal(), it.settings().progressSink(), listeners);
        return new Trainer(request, host).run();
    }

    /** The rate of each epoch from lr=: a number, a schedule, or a function of the epoch; else the optimizer's. */
    private static Trainer.Rates rates(Args a, double optimizerLr, int epochs) {
        if (!a.has(LR)) return e -> optimizerLr;
        Value v = a.get(LR);
        if (v instanceof Schedule s) return e -> s.rate(e, epochs);
        if (v instanceof Num || v instanceof Tensor) {
            double lr = a.number(LR);
            if (!(lr >= 0) || Double.isInfinite(lr)) throw a.error(LR, "train: lr must be a number >= 0, not " + Format.number(lr));
            return e -> lr;
        }
        if (v instanceof mlp.eval.Callable && !(v instanceof Layer) && !(v instanceof Optimizer) && !(v instanceof Loss)) {
            Interpreter it = a.interpreter();
            mlp.syntax.Pos at = a.pos(LR);
            return e -> {
                Value r = it.call(v, at, new Num(e));
                double lr = r instanceof Num n ? n.value() : r instanceof Tensor t && t.rows() == 1 && t.cols() == 1 ? t.get(0, 0) : Double.NaN;
                if (!(lr >= 0) || Double.isInfinite(lr))
                    throw new MlpError("train: lr= as a function of the epoch must give a number >= 0, but for epoch " + e + " it gave "
                            + (r instanceof Num || r instanceof Tensor t1 && t1.rows() == 1 && t1.cols() == 1 ? Format.number(lr) : Interpreter.describe(r)), at);
                return lr;
            };
        }
        throw a.error(LR, "train: lr= takes a number, a schedule (step_lr, exp_lr, cosine_lr) or a function of the epoch, not "
                + Interpreter.describe(v));
    }

    /** step_lr(lr, every=, gamma=0.1), exp_lr(lr, gamma=), cosine_lr(lr, min=0). */
    private static Value schedule(Args a, String name) {
        double lr = a.number(LR);
        if (!(lr >= 0) || Double.isInfinite(lr)) throw a.error(LR, name + ": lr must be a number >= 0, not " + Format.number(lr));
        switch (name) {
            case "step_lr" -> {
                if (!a.has(EVERY)) throw a.error(LR, "step_lr(lr, every=, gamma=0.1): every= (how many epochs between steps) is missing");
                int every = a.count(EVERY);
                if (every < 1) throw a.error(EVERY, "step_lr: every must be a whole number >= 1, not " + every);
                return Schedule.step(lr, every, gamma(a, name));
            }
            case "exp_lr" -> {
                if (!a.has(GAMMA)) throw a.error(LR, "exp_lr(lr, gamma=): gamma= (the factor of each epoch) is missing");
                return Schedule.exp(lr, gamma(a, name));
            }
            default -> {
                double min = a.number(MIN);
                if (!(min >= 0) || min > lr) throw a.error(MIN, "cosine_lr: min must be between 0 and lr (" + Format.number(lr) + "), not " + Format.number(min));
                return Schedule.cosine(lr, min);
            }
        }
    }

    private static double gamma(Args a, String name) {
        double g = a.number(GAMMA);
        if (!(g > 0) || Double.isInfinite(g)) throw a.error(GAMMA, name + ": gamma must be a number > 0, not " + Format.number(g));
        return g;
    }

    /**
     * Checks a local validation set [Xv, yv] against X's columns and, when known ({@code yCols >= 0};
     * a cluster's y is not here), y's.
     */
    private static void validation(Args a, Tensor vx, Tensor vy, int xCols, int yCols, Layer model, Loss loss) {
        if (vx.cols() != xCols)
            throw a.error(VAL, "train: val=[Xv, yv]: Xv has " + vx.cols() + " columns but X has " + xCols);
        if (vx.rows() == 0) throw a.error(VAL, "train: val=[Xv, yv]: Xv is empty " + Shapes.of(vx.data()));
        if (vy.rows() != vx.rows() || (yCols >= 0 && vy.cols() != yCols))
            throw a.error(VAL, "train: val=[Xv, yv]: yv " + Shapes.of(vy.data()) + " must have Xv's " + vx.rows() + " rows"
                    + (yCols >= 0 ? " and y's " + yCols + (yCols == 1 ? " column" : " columns") : ""));
        finite(a, VAL, vx.data());
        finite(a, VAL, vy.data());
        String why = loss.mismatch(vx.rows(), model.outWidth(xCols), vy.data(), "the model's output on Xv");
        if (why != null) throw a.error(VAL, "train: val=[Xv, yv]: " + why);
    }

    private static void finite(Args a, Param param, DMatrixRMaj m) {
        for (int i = 0; i < m.getNumElements(); i++)
            if (!Double.isFinite(m.data[i]))
                throw a.error(param, "train: " + param + " contains " + Format.number(m.data[i]) + " (row " + i / m.numCols
                        + ", column " + i % m.numCols + ")");
    }

    private static Value accuracy(Args a) {
        if (a.get(PRED) instanceof Scorable s) {
            try {
                return new Num(s.accuracy(a.get(LABELS)));
            } catch (MlpError e) {
                throw e.pos() != null ? e : a.error(LABELS, "accuracy(pred, labels): " + e.plainMessage());
            }
        }
        Tensor pred = a.tensor(PRED), labels = a.tensor(LABELS);
        int n = pred.rows(), k = pred.cols();
        if (labels.cols() != 1 || labels.rows() != n)
            throw a.error(LABELS, "accuracy(pred, labels): labels must be an n×1 column of class indices for the "
                    + n + " rows of pred, not " + Shapes.of(labels.data()));
        if (n == 0) throw a.error(PRED, "accuracy(pred, labels): pred is empty");
        double[] p = pred.data().data, l = labels.data().data;
        int right = 0;
        for (int i = 0; i < n; i++) {
            int best;
            if (k == 1) {
                best = p[i] > 0.5 ? 1 : 0;
            } else {
                best = 0;
                for (int j = 1; j < k; j++) if (p[i * k + j] > p[i * k + best]) best = j;
            }
            if (l[i] == best) right++;
        }
        return new Num((double) right / n);
    }

    /**
     * {@code loss=(p, t) -> ...}: a loss whose builder calls the function once per compiled
     * graph, on traced copies of the predictions and targets (a row per sample, as the user
     * wrote it), so that every built-in it uses is an autograd node the plan re-runs each epoch.
     */
    public static Loss functionLoss(Interpreter it, Callable fn, mlp.syntax.Pos at) {
        if (fn.arity() >= 0 && fn.arity() != 2)
            throw new MlpError("a loss function takes two arguments, (pred, y) -> ..., but this one takes " + fn.arity(), at);
        String name = fn.definedAt() != null ? "function (line " + fn.definedAt().line() + ")" : fn.signature();
        return new mlp.train.FunctionLoss(name, (pred, y) -> {
            mlp.autograd.Node p = mlp.autograd.Ops.traced(mlp.autograd.Ops.transpose(pred));
            mlp.autograd.Node t = mlp.autograd.Ops.traced(mlp.autograd.Ops.transpose(y));
            Value out = it.compiling(() -> it.call(fn, at, new Tensor(p), new Tensor(t)));
            if (out instanceof mlp.value.Num n) return mlp.autograd.Ops.scalar(n.value()); // no dependence on the predictions
            if (out instanceof Tensor r && r.rows() == 1 && r.cols() == 1) return r.node();
            throw new MlpError("the loss function must give a number or a 1×1 tensor (e.g. mean(...)), but gave "
                    + Interpreter.describe(out), at);
        });
    }
}
