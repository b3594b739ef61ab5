package mlp.bench;

import mlp.autograd.Node;
import mlp.autograd.Ops;
import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Expr;
import mlp.syntax.Source;
import mlp.syntax.SourceParser;
import mlp.syntax.Stmt;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.TimeUnit;

/**
 * The interpreter's overhead on small tensor expressions over the tutorial's data size (300×2):
 * an expression parsed once, then evaluated by the tree walker, against the same work done by
 * calling the autograd ops directly and by a bare Java loop. Run:
 * {@code java -jar bench/target/benchmarks.jar InterpreterBench}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InterpreterBench {
    private Interpreter interpreter;
    private Expr add, scale, layer, product, relu, sine;
    private DMatrixRMaj x, y, w, b;
    private Node nx, ny, nw, nb;
    private final double[] out = new double[600];

    @Setup
    public void setup() {
        interpreter = new Interpreter(new Settings().out(new PrintWriter(Writer.nullWriter())).progress(null)
                .pictures(Settings.Pictures.OFF));
        x = BenchData.random(300, 2, 1);
        y = BenchData.random(300, 2, 2);
        w = BenchData.random(2, 2, 3);
        b = BenchData.random(1, 2, 4);
        interpreter.globals().define("X", new Tensor(x));
        interpreter.globals().define("Y", new Tensor(y));
        interpreter.globals().define("W", new Tensor(w));
        interpreter.globals().define("b", new Tensor(b));
        add = parse("X + Y");
        scale = parse("X * 2");
        layer = parse("relu(X @ W' + b)");
        product = parse("X @ W'");
        relu = parse("relu(X)");
        sine = parse("sin(X)");
        nx = Node.constant(x);
        ny = Node.constant(y);
        nw = Node.constant(w);
        nb = Node.constant(b);
        // A real session runs every operator: let the JIT see them all before measuring, so that
        // the kernels' call sites are as polymorphic as they are in use (not tuned to one op).
        Expr[] all = {parse("X - Y"), parse("X * Y"), parse("X / Y"), parse("X ^ 2"), parse("X > Y"), parse("-X"),
                parse("sin(X)"), parse("exp(X)"), parse("abs(X)"), parse("sigmoid(X)"), parse("tanh(X)"), parse("X + b"),
                add, scale, layer};
        for (int i = 0; i < 20_000; i++) for (Expr e : all) interpreter.eval(e, interpreter.globals());
        // and the autograd ops, as training runs them, so that ops* below is the path the
        // interpreter took before it had kernels of its own
        for (int i = 0; i < 20_000; i++) {
            Ops.add(nx, ny);
            Ops.sub(nx, ny);
            Ops.mul(nx, ny);
            Ops.div(nx, ny);
            Ops.pow(nx, ny);
            Ops.compare("<", nx, ny);
            Ops.relu(nx);
            Ops.sigmoid(nx);
            Ops.exp(nx);
        }
    }

    private static Expr parse(String code) {
        return ((Stmt.Eval) SourceParser.parse(new Source("bench", code)).get(0)).expr();
    }


    // ---- through the interpreter ----

    @Benchmark
    public Value interpretAdd() {
        return interpreter.eval(add, interpreter.globals());
    }

    @Benchmark
    public Value interpretScale() {
        return interpreter.eval(scale, interpreter.globals());
    }

    @Benchmark
    public Value interpretLayer() {
        return interpreter.eval(layer, interpreter.globals());
    }

    @Benchmark
    public Value interpretProduct() {
        return interpreter.eval(product, interpreter.globals());
    }

    @Benchmark
    public Value interpretRelu() {
        return interpreter.eval(relu, interpreter.globals());
    }

    @Benchmark
    public Value interpretSin() {
        return interpreter.eval(sine, interpreter.globals());
    }

    // ---- the same work through the autograd ops, without the interpreter ----

    @Benchmark
    public Node opsAdd() {
        return Ops.add(nx, ny);
    }

    @Benchmark
    public Node opsLayer() {
        return Ops.relu(Ops.add(Ops.matmul(nx, Ops.transpose(nw)), nb));
    }

    private final DMatrixRMaj productOut = new DMatrixRMaj(300, 2);

    /** The floor of X @ W': the kernel alone, into a preallocated matrix. */
    @Benchmark
    public DMatrixRMaj kernelProduct() {
        mlp.tensor.Kernels.matmul(x, w, productOut);
        return productOut;
    }

    /** The floor: a loop writing 600 sums into a preallocated array. */
    @Benchmark
    public double[] loopAdd() {
        double[] a = x.data, c = y.data;
        for (int i = 0; i < 600; i++) out[i] = a[i] + c[i];
        return out;
    }
}
