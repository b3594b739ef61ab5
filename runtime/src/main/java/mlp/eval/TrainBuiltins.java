package mlp.eval;

import mlp.io.Settings;
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
    private static final String TRAINING = "Training";

    @Override
    public void register(Builtins b) {
        b.function(TRAINING, "train(model, X, y, epochs=100, optimizer=adam, loss=mse, lr=, batch=0, frames=100, live=false, progress=true)",
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
                        + "Example: run = train(linear(2, 2, init=identity), X, y, lr=0.01, epochs=1000)",
                TrainBuiltins::train);

        for (Loss l : Losses.ALL) b.value(TRAINING, l.name(), l.signature(), l.help(), l);
        for (Optimizer o : Optimizers.ALL) b.value(TRAINING, o.name(), o.signature(), o.help(), o);

        b.function(TRAINING, "accuracy(pred, labels)",
                "The fraction of rows whose predicted class is their label.\n"
                        + "The predicted class is the argmax of each row of pred (n×k), compared with labels, an n×1\n"
                        + "column of class indices. With one column, pred > 0.5 is class 1.",
                TrainBuiltins::accuracy);
    }

    /** train(model, X, y) on rows a module holds (a distributed tensor): its GradientSource, the usual trainer loop. */
    private static Value trainOnRows(Args a, Layer model, mlp.train.TrainingRows x) {
        Interpreter it = a.interpreter();
        int epochs = a.count("epochs");
        if (epochs > it.settings().maxEpochs())
            throw a.error("epochs", "train: epochs=" + epochs + " is more than this session allows (at most " + it.settings().maxEpochs() + ")");
        Optimizer optimizer = Optimizers.of(a.get("optimizer"));
        if (optimizer == null)
            throw a.error("optimizer", "train: optimizer must be " + Optimizers.names() + ", not " + Interpreter.describe(a.get("optimizer")));
        Loss loss = Losses.of(a.get("loss"));
        if (loss == null)
            throw a.error("loss", "train: loss must be " + Losses.names() + ", not " + Interpreter.describe(a.get("loss")));
        double lr = a.has("lr") ? a.number("lr") : optimizer.lr();
        if (!(lr >= 0) || Double.isInfinite(lr)) throw a.error("lr", "train: lr must be a number >= 0, not " + Format.number(lr));
        if (a.bool("live")) throw a.error("live", "train: live=true needs the rows here; a distributed tensor's stay on the cluster");
        try {
            model.resolve(x.cols(), it.random(), w -> "X has " + w + (w == 1 ? " column" : " columns"));
        } catch (MlpError e) {
            throw e.at(a.pos("X"));
        }
        if (model.params().isEmpty()) throw a.error("model", "train: " + model.describe() + " has no parameters to train");
        List<TrainingListener> listeners = new ArrayList<>();
        if (it.settings().trainingListener() != null) listeners.add(it.settings().trainingListener());
        Trainer.Host host = new Trainer.Host(it.random(), it.cancellation()::requested, it.settings().progress(),
                it.settings().progressIsTerminal(), listeners);
        mlp.train.GradientSource source;
        try {
            source = x.gradients(a.get("y"), model, loss, a.count("batch"), host);
        } catch (MlpError e) {
            throw e.pos() != null ? e : a.error("y", "train: " + e.plainMessage());
        }
        org.ejml.data.DMatrixRMaj none = new org.ejml.data.DMatrixRMaj(0, 0);
        Trainer.Request request = new Trainer.Request(model, none, none, epochs, optimizer, loss, lr, a.count("batch"), 0, false, a.bool("progress"));
        try (source) {
            return new Trainer(request, host, source).run();
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
        for (Optimizer o : Optimizers.ALL) out.add((out.isEmpty() ? "a bare " : "a bare ") + o.name() + (out.isEmpty() ? " has " : " ") + Format.number(o.lr()));
        return String.join(", ", out);
    }

    private static Value train(Args a) {
        Interpreter it = a.interpreter();
        Value mv = a.get("model");
        if (mv instanceof mlp.eval.LayerMaker maker) mv = maker.fresh(); // train(batchnorm, ...): a new one, returned in run.model
        if (!(mv instanceof Layer model))
            throw a.error("model", "train: model must be a layer or a stack of layers, not " + Interpreter.describe(mv));
        if (a.get("X") instanceof mlp.train.TrainingRows rows) return trainOnRows(a, model, rows);
        Tensor x = a.tensor("X"), y = a.tensor("y");
        int epochs = a.count("epochs");
        long allowed = it.settings().maxEpochs();
        if (epochs > allowed)
            throw a.error("epochs", "train: epochs=" + epochs + " is more than this session allows (at most " + allowed + ")");
        Optimizer optimizer = Optimizers.of(a.get("optimizer"));
        if (optimizer == null)
            throw a.error("optimizer", "train: optimizer must be " + Optimizers.names() + ", not "
                    + Interpreter.describe(a.get("optimizer")));
        Loss loss = Losses.of(a.get("loss"));
        if (loss == null)
            throw a.error("loss", "train: loss must be " + Losses.names() + ", not " + Interpreter.describe(a.get("loss")));
        double lr = optimizer.lr();
        if (a.has("lr")) {
            lr = a.number("lr");
            if (!(lr >= 0) || Double.isInfinite(lr)) throw a.error("lr", "train: lr must be a number >= 0, not " + Format.number(lr));
        }
        int batch = a.count("batch");
        int frames = a.count("frames");
        boolean live = a.bool("live"), progress = a.bool("progress");

        if (x.rows() == 0 || x.cols() == 0) throw a.error("X", "train: X is empty " + Shapes.of(x.data()));
        if (y.rows() != x.rows())
            throw a.error("y", "train: X has " + x.rows() + " rows but y has " + y.rows() + " (one target row per sample)");
        finite(a, "X", x.data());
        finite(a, "y", y.data());
        try {
            model.resolve(x.cols(), it.random(), w -> "X has " + w + (w == 1 ? " column" : " columns"));
        } catch (MlpError e) {
            throw e.at(a.pos("X"));
        }
        if (model.params().isEmpty())
            throw a.error("model", "train: " + model.describe() + " has no parameters to train");
        String why = loss.mismatch(x.rows(), model.outWidth(x.cols()), y.data(), "the model's output");
        if (why != null) throw a.error("y", "train: " + why);

        Trainer.Request request = new Trainer.Request(model, x.data(), y.data(), epochs, optimizer, loss, lr, batch, frames, live, progress);
        List<TrainingListener> listeners = new ArrayList<>();
        if (live) listeners.add(LiveTraining.open(it.settings(), "Training"));
        if (it.settings().trainingListener() != null) listeners.add(it.settings().trainingListener());
        Trainer.Host host = new Trainer.Host(it.random(), it.cancellation()::requested, it.settings().progress(),
                it.settings().progressIsTerminal(), listeners);
        return new Trainer(request, host).run();
    }

    private static void finite(Args a, String param, DMatrixRMaj m) {
        for (int i = 0; i < m.getNumElements(); i++)
            if (!Double.isFinite(m.data[i]))
                throw a.error(param, "train: " + param + " contains " + Format.number(m.data[i]) + " (row " + i / m.numCols
                        + ", column " + i % m.numCols + ")");
    }

    private static Value accuracy(Args a) {
        if (a.get("pred") instanceof Scorable s) {
            try {
                return new Num(s.accuracy(a.get("labels")));
            } catch (MlpError e) {
                throw e.pos() != null ? e : a.error("labels", "accuracy(pred, labels): " + e.plainMessage());
            }
        }
        Tensor pred = a.tensor("pred"), labels = a.tensor("labels");
        int n = pred.rows(), k = pred.cols();
        if (labels.cols() != 1 || labels.rows() != n)
            throw a.error("labels", "accuracy(pred, labels): labels must be an n×1 column of class indices for the "
                    + n + " rows of pred, not " + Shapes.of(labels.data()));
        if (n == 0) throw a.error("pred", "accuracy(pred, labels): pred is empty");
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
}
