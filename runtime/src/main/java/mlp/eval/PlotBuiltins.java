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
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.List;

/** animate, scatter, plot, boundary. */
public final class PlotBuiltins implements Builtins.Module {
    // the signatures, and a handle for each parameter the bodies read: checked when this class initialises (see Param)
    private static final Signature ANIMATE = Signature.of("animate(run, title=, duration=5, file=)");
    private static final Signature SCATTER = Signature.of("scatter(A, ..., labels=, title=, file=)");
    private static final Signature PLOT = Signature.of("plot(a, ..., labels=, title=, file=, points=)");
    private static final Signature BOUNDARY = Signature.of("boundary(model, X, labels, title=, file=)");
    private static final Param A = Param.of("a", PLOT);
    private static final Param CAP_A = Param.of("A", SCATTER);
    private static final Param DURATION = Param.of("duration", ANIMATE);
    private static final Param FILE = Param.of("file", ANIMATE, SCATTER, PLOT, BOUNDARY);
    private static final Param LABELS = Param.of("labels", SCATTER, PLOT, BOUNDARY);
    private static final Param MODEL = Param.of("model", BOUNDARY);
    private static final Param POINTS = Param.of("points", PLOT);
    private static final Param RUN = Param.of("run", ANIMATE);
    private static final Param TITLE = Param.of("title", ANIMATE, SCATTER, PLOT, BOUNDARY);
    private static final Param X = Param.of("X", BOUNDARY);

    private static final String CATEGORY = "Pictures";
    private static final String FILE_HELP = "\nfile=\"name.png\" (or \"name.gif\") writes the picture to that file instead of a window; "
            + "with no display it goes to the plots folder as <title>.png and the path is printed.";

    @Override
    public void register(Builtins b) {
        b.function(CATEGORY, ANIMATE,
                "Animates a run: its predictions, frame by frame, moving onto the targets.\n"
                        + "With 2 output columns it draws column 0 against column 1; with 1 input and 1 output column,\n"
                        + "X against the prediction. A window with play/pause and a frame slider; duration is milliseconds\n"
                        + "per frame. file=\"name.gif\" writes an animated GIF instead (\"name.png\": the last frame);\n"
                        + "with no display it goes to the plots folder as <title>.gif and the path is printed.",
                PlotBuiltins::animate);
        b.function(CATEGORY, SCATTER,
                "Point clouds: column 0 against column 1 of each tensor, one colour each.\n"
                        + "e.g. scatter(X, y, labels=[\"X\", \"y\"], title=\"X and y\"). scatter(X) is one cloud, and so is\n"
                        + "scatter(x, y) of two one-column tensors (scatter(X[:, 0], X[:, 1])). A list stands for its items." + FILE_HELP,
                PlotBuiltins::scatter);
        b.function(CATEGORY, PLOT,
                "Line charts: plot(run) is the loss curve (log scale); plot(run1, run2, ..., labels=[...]) compares runs.\n"
                        + "A list of runs works too: plot(runs, labels=[...]). A run trained with val= shows its validation\n"
                        + "loss beside its training loss.\n"
                        + "plot(x, y) draws y against x (one line per column of y); plot(y) draws y against its row number;\n"
                        + "points=P (n×2) adds the points of P over the line." + FILE_HELP,
                PlotBuiltins::plot);
        b.function(CATEGORY, BOUNDARY,
                "A classifier's decision regions: the plane coloured by the predicted class, the points of X by their label.\n"
                        + "model takes 2 inputs; labels are class indices (n×1). With several outputs the class is the largest;\n"
                        + "with one output it is 1 when the output is at least 0.5 (0 for outputs outside [0, 1])." + FILE_HELP,
                PlotBuiltins::boundary);
    }

    // ---- animate ----

    private static Value animate(Args a) {
        Value given = a.get(RUN);
        if (given instanceof mlp.value.ListValue l && l.length() == 1) given = l.item(0); // animate([run])
        if (!(given instanceof Run run))
            throw a.error(RUN, "animate(run, ...): run must be a run (what train returns), not " + Interpreter.describe(a.get(RUN)));
        double duration = a.number(DURATION);
        if (!(duration > 0) || duration > 60_000)
            throw a.error(DURATION, "duration is milliseconds per frame: it must be above 0 and at most 60000, not "
                    + mlp.value.Format.number(duration));
        String title = title(a);
        Timeline timeline;
        try {
            timeline = Timeline.of(run);
        } catch (MlpError e) {
            throw e.at(a.pos(RUN));
        }
        Destination d = destination(a, title, "animation", true);
        return Pictures.animation(d, a.interpreter().settings(), title, timeline, duration);
    }

    // ---- scatter ----

    /**
     * The values given positionally from {@code first} on, a list among them standing for its
     * items: {@code plot(runs, labels=[...])} is {@code plot(run1, run2, ...)}.
     */
    private static void spread(Args a, Param first, List<Value> values, List<Pos> where) {
        List<Value> given = new ArrayList<>(List.of(a.get(first)));
        List<Pos> at = new ArrayList<>(List.of(a.pos(first)));
        for (int i = 0; i < a.rest().size(); i++) {
            given.add(a.rest().get(i));
            at.add(a.restPos(i));
        }
        for (int i = 0; i < given.size(); i++) {
            if (given.get(i) instanceof mlp.value.ListValue l) {
                if (l.length() == 0) throw new MlpError("an empty list: nothing to draw", at.get(i));
                for (Value item : l.items()) {
                    values.add(item);
                    where.add(at.get(i));
                }
            } else {
                values.add(given.get(i));
                where.add(at.get(i));
            }
        }
    }

    private static Value scatter(Args a) {
        List<Value> clouds = new ArrayList<>();
        List<Pos> where = new ArrayList<>();
        spread(a, CAP_A, clouds, where);
        // scatter(x, y) of two one-column tensors, as matplotlib's scatter(x, y): one cloud of (x, y) points
        if (clouds.size() == 2 && clouds.get(0) instanceof Tensor cx && clouds.get(1) instanceof Tensor cy
                && cx.cols() == 1 && cy.cols() == 1) {
            if (cx.rows() != cy.rows())
                throw new MlpError("scatter(x, y): x has " + cx.rows() + " rows but y has " + cy.rows() + " (one point per row)", where.get(1));
            DMatrixRMaj xy = new DMatrixRMaj(cx.rows(), 2);
            for (int r = 0; r < cx.rows(); r++) {
                xy.set(r, 0, cx.data().data[r]);
                xy.set(r, 1, cy.data().data[r]);
            }
            clouds = new ArrayList<>(List.of(new Tensor(xy)));
            where = new ArrayList<>(List.of(where.get(0)));
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
        XYChart chart = StaticCharts.scatter(title, series);
        if (series.size() == 1 && clouds.size() == 1 && a.positionalCount() == 2) { // scatter(x, y): name the axes after them
            chart.setXAxisTitle("x");
            chart.setYAxisTitle("y");
        }
        return Pictures.still(d, a.interpreter().settings(), "scatter", title, chart);
    }

    // ---- plot ----

    private static Value plot(Args a) {
        List<Value> items = new ArrayList<>();
        List<Pos> where = new ArrayList<>();
        spread(a, A, items, where);
        if (items.get(0) instanceof Run && a.has(POINTS))
            throw a.error(POINTS, "plot: points= goes with a line, plot(x, y, points=P), not with runs");
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
            boolean named = runs.size() > 1 || a.has(LABELS);
            lines.add(new StaticCharts.Series(named ? labels.get(i) : run.hasValidation() ? "training loss" : labels.get(i), xs, ys));
            if (run.hasValidation()) {
                double[] vs = new double[run.epochs()];
                for (int e = 0; e < vs.length; e++) {
                    vs[e] = run.valLoss(e);
                    if (!(vs[e] > 0)) logY = false;
                }
                lines.add(new StaticCharts.Series(named ? labels.get(i) + " (validation)" : "validation loss", xs, vs));
            }
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
        DMatrixRMaj overlay = null;
        if (a.has(POINTS)) {
            if (!(a.get(POINTS) instanceof Tensor p) || p.cols() != 2)
                throw a.error(POINTS, "plot(x, y, points=P): P must be a tensor of 2 columns (x, y), not "
                        + (a.get(POINTS) instanceof Tensor p2 ? Shapes.of(p2.data()) : Interpreter.describe(a.get(POINTS))));
            if (p.rows() == 0) throw a.error(POINTS, "plot(x, y, points=P): P " + Shapes.of(p.data()) + " has no points");
            overlay = p.data();
        }
        String title = title(a);
        Destination d = destination(a, title, "line", false);
        if (d.shown == Chart.Shown.NOWHERE) return new Chart("line", title, d.shown, null);
        XYChart chart = StaticCharts.lines(title, items.size() == 2 ? "x" : "row", "y", lines, false);
        if (overlay != null) StaticCharts.addPoints(chart, "points", Projection.column(overlay, 0), Projection.column(overlay, 1), lines.size());
        return Pictures.still(d, a.interpreter().settings(), "line", title, chart);
    }

    // ---- boundary ----

    private static final int CELLS = 160;

    private static Value boundary(Args a) {
        if (Calls.callable(a.get(MODEL)) == null)
            throw a.error(MODEL, "boundary(model, ...): model must be a model or function, not " + Interpreter.describe(a.get(MODEL)));
        DMatrixRMaj x = a.tensor(X).data();
        if (x.numCols != 2)
            throw a.error(X, "boundary draws a model of 2 inputs: X must have 2 columns, not " + Shapes.of(x));
        DMatrixRMaj l = a.tensor(LABELS).data();
        if ((l.numCols != 1 && l.numRows != 1) || l.numRows * l.numCols != x.numRows)
            throw a.error(LABELS, "labels must be one class index per row of X (" + x.numRows + "×1), not " + Shapes.of(l));
        int[] labels = new int[x.numRows];
        for (int i = 0; i < labels.length; i++) {
            double v = l.data[i];
            if (v != Math.rint(v) || v < 0 || v >= 1000)
                throw a.error(LABELS, "labels must be class indices 0, 1, 2, ...; found " + mlp.value.Format.number(v));
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
        Value out = a.interpreter().call(a.get(MODEL), a.pos(MODEL), new Tensor(grid));
        if (!(out instanceof Tensor t) || t.rows() != grid.numRows)
            throw a.error(MODEL, "boundary: the model must give one row per input row, but on " + Shapes.of(grid)
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
        return a.has(TITLE) ? a.string(TITLE) : null;
    }

    private static Destination destination(Args a, String title, String fallback, boolean animation) {
        Settings settings = a.interpreter().settings();
        String file = a.has(FILE) ? a.string(FILE) : null;
        return Destination.choose(settings, file, a.pos(FILE), title, fallback, animation);
    }

    /** The labels= argument (a list of n strings), or the default names. */
    private static List<String> labels(Args a, int n, java.util.function.IntFunction<String> name) {
        List<String> out = new ArrayList<>();
        if (!a.has(LABELS)) {
            for (int i = 0; i < n; i++) out.add(name.apply(i));
            return out;
        }
        Value v = a.get(LABELS);
        if (v instanceof Str s && n == 1) return List.of(s.value());
        if (!(v instanceof ListValue list) || list.items().stream().anyMatch(item -> !(item instanceof Str)))
            throw a.error(LABELS, "labels must be a list of strings, e.g. [\"X\", \"y\"], not " + Interpreter.describe(v));
        if (list.length() != n)
            throw a.error(LABELS, "there " + (n == 1 ? "is 1 series" : "are " + n + " series") + " to name but "
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
