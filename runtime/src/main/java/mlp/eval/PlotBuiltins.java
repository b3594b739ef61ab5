package mlp.eval;

import mlp.nn.Layer;
import mlp.plot.Timeline;
import mlp.plot.StaticCharts;
import mlp.plot.Projection;
import mlp.plot.Pictures;
import mlp.plot.Range;
import mlp.plot.Destination;
import mlp.plot.Chart;
import mlp.MlpError;
import mlp.io.Settings;
import mlp.syntax.Pos;
import mlp.tensor.Shapes;
import mlp.train.Run;
import mlp.value.ListValue;
import mlp.value.Str;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/** animate, scatter, plot, boundary. */
public final class PlotBuiltins implements Builtins.Module {
    private static final String CATEGORY = "Pictures";
    private static final String FILE_HELP = "\nfile=\"name.png\" (or \"name.gif\") writes the picture to that file instead of a window; "
            + "with no display it goes to the plots folder as <title>.png and the path is printed.";

    @Override
    public void register(Builtins b) {
        b.function(CATEGORY, "animate(run, title=, duration=5, file=)",
                "Animates a run: its predictions, frame by frame, moving onto the targets.\n"
                        + "With 2 output columns it draws column 0 against column 1; with 1 input and 1 output column,\n"
                        + "X against the prediction. A window with play/pause and a frame slider; duration is milliseconds\n"
                        + "per frame. file=\"name.gif\" writes an animated GIF instead (\"name.png\": the last frame);\n"
                        + "with no display it goes to the plots folder as <title>.gif and the path is printed.",
                PlotBuiltins::animate);
        b.function(CATEGORY, "scatter(A, B, ..., labels=, title=, file=)",
                "Point clouds: column 0 against column 1 of each tensor, one colour each.\n"
                        + "e.g. scatter(X, y, labels=[\"X\", \"y\"], title=\"X and y\")." + FILE_HELP,
                PlotBuiltins::scatter);
        b.function(CATEGORY, "plot(a, ..., labels=, title=, file=)",
                "Line charts: plot(run) is the loss curve (log scale); plot(run1, run2, ..., labels=[...]) compares runs.\n"
                        + "plot(x, y) draws y against x (one line per column of y); plot(y) draws y against its row number." + FILE_HELP,
                PlotBuiltins::plot);
        b.function(CATEGORY, "boundary(model, X, labels, title=, file=)",
                "A classifier's decision regions: the plane coloured by the predicted class, the points of X by their label.\n"
                        + "model takes 2 inputs; labels are class indices (n×1). With several outputs the class is the largest;\n"
                        + "with one output it is 1 when the output is at least 0.5 (0 for outputs outside [0, 1])." + FILE_HELP,
                PlotBuiltins::boundary);
    }

    // ---- animate ----

    private static Value animate(Args a) {
        if (!(a.get("run") instanceof Run run))
            throw a.error("run", "animate(run, ...): run must be a run (what train returns), not " + Interpreter.describe(a.get("run")));
        double duration = a.number("duration");
        if (!(duration > 0) || duration > 60_000)
            throw a.error("duration", "duration is milliseconds per frame: it must be above 0 and at most 60000, not "
                    + mlp.value.Format.number(duration));
        String title = title(a);
        Timeline timeline;
        try {
            timeline = Timeline.of(run);
        } catch (MlpError e) {
            throw e.at(a.pos("run"));
        }
        Destination d = destination(a, title, "animation", true);
        return Pictures.animation(d, a.interpreter().settings(), title, timeline, duration);
    }

    // ---- scatter ----

    private static Value scatter(Args a) {
        List<Value> clouds = new ArrayList<>(List.of(a.get("A"), a.get("B")));
        List<Pos> where = new ArrayList<>(List.of(a.pos("A"), a.pos("B")));
        for (int i = 0; i < a.rest().size(); i++) {
            clouds.add(a.rest().get(i));
            where.add(a.restPos(i));
        }
        List<String> labels = labels(a, clouds.size(), i -> "series " + (i + 1));
        List<StaticCharts.Series> series = new ArrayList<>();
        for (int i = 0; i < clouds.size(); i++) {
            if (!(clouds.get(i) instanceof Tensor t))
                throw new MlpError("scatter draws tensors, not " + Interpreter.describe(clouds.get(i)), where.get(i));
            if (t.cols() < 2)
                throw new MlpError("scatter draws column 0 against column 1, but this tensor " + Shapes.of(t.data())
                        + " has only 1 column", where.get(i));
            if (t.rows() == 0) throw new MlpError("scatter: this tensor " + Shapes.of(t.data()) + " has no points", where.get(i));
            series.add(new StaticCharts.Series(labels.get(i), Projection.column(t.data(), 0), Projection.column(t.data(), 1)));
        }
        String title = title(a);
        Destination d = destination(a, title, "scatter", false);
        if (d.shown == Chart.Shown.NOWHERE) return new Chart("scatter", title, d.shown, null);
        return Pictures.still(d, a.interpreter().settings(), "scatter", title, StaticCharts.scatter(title, series));
    }

    // ---- plot ----

    private static Value plot(Args a) {
        List<Value> items = new ArrayList<>(List.of(a.get("a")));
        List<Pos> where = new ArrayList<>(List.of(a.pos("a")));
        for (int i = 0; i < a.rest().size(); i++) {
            items.add(a.rest().get(i));
            where.add(a.restPos(i));
        }
        return items.get(0) instanceof Run ? lossCurves(a, items, where) : line(a, items, where);
    }

    /** plot(run1, run2, ...): the loss of every epoch, on a log scale when every loss is above 0. */
    private static Value lossCurves(Args a, List<Value> runs, List<Pos> where) {
        List<String> labels = labels(a, runs.size(), i -> "run " + (i + 1));
        List<StaticCharts.Series> lines = new ArrayList<>();
        boolean logY = true;
        for (int i = 0; i < runs.size(); i++) {
            if (!(runs.get(i) instanceof Run run))
                throw new MlpError("plot(run1, run2, ...) compares runs, but this is " + Interpreter.describe(runs.get(i)), where.get(i));
            if (run.epochs() == 0) throw new MlpError("this run has no finished epoch to plot", where.get(i));
            double[] xs = new double[run.epochs()], ys = new double[run.epochs()];
            for (int e = 0; e < xs.length; e++) {
                xs[e] = e + 1;
                ys[e] = run.loss(e);
                if (!(ys[e] > 0)) logY = false; // a log axis cannot show 0, negatives or NaN
            }
            lines.add(new StaticCharts.Series(labels.get(i), xs, ys));
        }
        String title = title(a);
        Destination d = destination(a, title, "loss", false);
        if (d.shown == Chart.Shown.NOWHERE) return new Chart("loss curve", title, d.shown, null);
        return Pictures.still(d, a.interpreter().settings(), "loss curve", title,
                StaticCharts.lines(title, "epoch", "loss", lines, logY));
    }

    /** plot(x, y) or plot(y): y against x (or its row number), one line per column of y. */
    private static Value line(Args a, List<Value> items, List<Pos> where) {
        if (items.size() > 2)
            throw new MlpError("plot draws runs (plot(run1, run2, ...)) or one line (plot(x, y)); "
                    + "a third argument that is not a run has no place here", where.get(2));
        for (int i = 0; i < items.size(); i++)
            if (!(items.get(i) instanceof Tensor))
                throw new MlpError("plot takes runs (plot(run)) or tensors (plot(x, y)), not " + Interpreter.describe(items.get(i)), where.get(i));
        DMatrixRMaj y = ((Tensor) items.get(items.size() - 1)).data();
        boolean oneLine = y.numRows == 1 || y.numCols == 1;
        int points = oneLine ? y.numRows * y.numCols : y.numRows;
        if (points == 0) throw new MlpError("plot: " + Shapes.of(y) + " has no points", where.get(items.size() - 1));
        double[] xs;
        if (items.size() == 2) {
            DMatrixRMaj x = ((Tensor) items.get(0)).data();
            if (x.numRows != 1 && x.numCols != 1)
                throw new MlpError("plot(x, y): x must be one row or one column, not " + Shapes.of(x), where.get(0));
            if (x.numRows * x.numCols != points)
                throw new MlpError("plot(x, y): x has " + x.numRows * x.numCols + " values but y " + Shapes.of(y)
                        + " has " + points + " points", where.get(1));
            xs = x.data.clone();
        } else {
            xs = new double[points];
            for (int i = 0; i < points; i++) xs[i] = i;
        }
        List<StaticCharts.Series> lines = new ArrayList<>();
        if (oneLine) {
            lines.add(new StaticCharts.Series(labels(a, 1, i -> "y").get(0), xs, y.data.clone()));
        } else {
            List<String> labels = labels(a, y.numCols, i -> "column " + i);
            for (int c = 0; c < y.numCols; c++) lines.add(new StaticCharts.Series(labels.get(c), xs, Projection.column(y, c)));
        }
        String title = title(a);
        Destination d = destination(a, title, "line", false);
        if (d.shown == Chart.Shown.NOWHERE) return new Chart("line", title, d.shown, null);
        return Pictures.still(d, a.interpreter().settings(), "line", title,
                StaticCharts.lines(title, items.size() == 2 ? "x" : "row", "y", lines, false));
    }

    // ---- boundary ----

    private static final int CELLS = 160;

    private static Value boundary(Args a) {
        if (Calls.callable(a.get("model")) == null)
            throw a.error("model", "boundary(model, ...): model must be a model or function, not " + Interpreter.describe(a.get("model")));
        DMatrixRMaj x = a.tensor("X").data();
        if (x.numCols != 2)
            throw a.error("X", "boundary draws a model of 2 inputs: X must have 2 columns, not " + Shapes.of(x));
        DMatrixRMaj l = a.tensor("labels").data();
        if ((l.numCols != 1 && l.numRows != 1) || l.numRows * l.numCols != x.numRows)
            throw a.error("labels", "labels must be one class index per row of X (" + x.numRows + "×1), not " + Shapes.of(l));
        int[] labels = new int[x.numRows];
        for (int i = 0; i < labels.length; i++) {
            double v = l.data[i];
            if (v != Math.rint(v) || v < 0 || v >= 1000)
                throw a.error("labels", "labels must be class indices 0, 1, 2, ...; found " + mlp.value.Format.number(v));
            labels[i] = (int) v;
        }
        String title = title(a);
        Destination d = destination(a, title, "boundary", false);
        if (d.shown == Chart.Shown.NOWHERE) return new Chart("boundary", title, d.shown, null);

        double[] px = Projection.column(x, 0), py = Projection.column(x, 1);
        Range rx = Range.EMPTY.include(px).padded(0.08), ry = Range.EMPTY.include(py).padded(0.08);
        DMatrixRMaj grid = new DMatrixRMaj(CELLS * CELLS, 2);
        for (int i = 0; i < CELLS; i++)
            for (int j = 0; j < CELLS; j++) {
                grid.set(i * CELLS + j, 0, rx.min() + (i + 0.5) * (rx.max() - rx.min()) / CELLS);
                grid.set(i * CELLS + j, 1, ry.min() + (j + 0.5) * (ry.max() - ry.min()) / CELLS);
            }
        Value out = a.interpreter().call(a.get("model"), a.pos("model"), new Tensor(grid));
        if (!(out instanceof Tensor t) || t.rows() != grid.numRows)
            throw a.error("model", "boundary: the model must give one row per input row, but on " + Shapes.of(grid)
                    + " it gave " + Interpreter.describe(out));
        int[] gridClass = classes(t.data());
        double[][] points = new double[x.numRows][];
        for (int r = 0; r < points.length; r++) points[r] = new double[]{px[r], py[r]};
        return Pictures.still(d, a.interpreter().settings(), "boundary", title,
                StaticCharts.boundary(title, rx, ry, CELLS, gridClass, points, labels));
    }

    /** The predicted class of each row: the largest output, or a threshold on a single output. */
    static int[] classes(DMatrixRMaj out) {
        int[] c = new int[out.numRows];
        if (out.numCols == 1) {
            boolean probabilities = true;
            for (double v : out.data) if (!(v >= 0 && v <= 1)) probabilities = false;
            double threshold = probabilities ? 0.5 : 0;
            for (int r = 0; r < c.length; r++) c[r] = out.data[r] >= threshold ? 1 : 0;
            return c;
        }
        for (int r = 0; r < c.length; r++) {
            int best = 0;
            for (int k = 1; k < out.numCols; k++) if (out.unsafe_get(r, k) > out.unsafe_get(r, best)) best = k;
            c[r] = best;
        }
        return c;
    }

    // ---- shared argument reading ----

    private static String title(Args a) {
        return a.has("title") ? a.string("title") : null;
    }

    private static Destination destination(Args a, String title, String fallback, boolean animation) {
        Settings settings = a.interpreter().settings();
        String file = a.has("file") ? a.string("file") : null;
        return Destination.choose(settings, file, a.pos("file"), title, fallback, animation);
    }

    /** The labels= argument (a list of n strings), or the default names. */
    private static List<String> labels(Args a, int n, java.util.function.IntFunction<String> name) {
        List<String> out = new ArrayList<>();
        if (!a.has("labels")) {
            for (int i = 0; i < n; i++) out.add(name.apply(i));
            return out;
        }
        Value v = a.get("labels");
        if (v instanceof Str s && n == 1) return List.of(s.value());
        if (!(v instanceof ListValue list) || list.items().stream().anyMatch(item -> !(item instanceof Str)))
            throw a.error("labels", "labels must be a list of strings, e.g. [\"X\", \"y\"], not " + Interpreter.describe(v));
        if (list.length() != n)
            throw a.error("labels", "there " + (n == 1 ? "is 1 series" : "are " + n + " series") + " to name but "
                    + list.length() + (list.length() == 1 ? " label" : " labels"));
        for (Value item : list.items()) {
            String label = ((Str) item).value();
            String unique = label; // XChart needs distinct series names
            for (int k = 2; out.contains(unique); k++) unique = label + " (" + k + ")";
            out.add(unique);
        }
        return out;
    }
}
