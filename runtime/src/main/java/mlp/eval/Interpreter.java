package mlp.eval;

import mlp.io.Settings;
import mlp.tensor.Budget;
import mlp.MlpError;
import mlp.autograd.Ops;
import mlp.syntax.Expr;
import mlp.syntax.Op;
import mlp.syntax.Pos;
import mlp.syntax.Source;
import mlp.syntax.SourceParser;
import mlp.syntax.Stmt;
import mlp.tensor.Limits;
import mlp.tensor.Shapes;
import mlp.value.Bool;
import mlp.value.HasMembers;
import mlp.value.Indexable;
import mlp.value.ListValue;
import mlp.value.Num;
import mlp.value.Str;
import mlp.value.Tensor;
import mlp.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Walks the syntax tree and evaluates it (jlox's tree-walking interpreter). One interpreter is
 * one session: its own names, its own random generator, its own settings. It is not thread-safe;
 * only {@link #cancellation()} may be touched from another thread.
 */
public final class Interpreter {
    private static final Map<String, Expr> DEFAULTS = new ConcurrentHashMap<>();

    private final Settings settings;
    private final Scope builtinScope = new Scope(null);
    private final Scope globals = new Scope(builtinScope);
    private final Cancellation cancellation = new Cancellation();
    private Random random = new Random();

    public Interpreter() {
        this(new Settings());
    }

    public Interpreter(Settings settings) {
        this.settings = settings;
        for (Builtins.Entry e : Builtins.standard().entries().values()) builtinScope.define(e.name(), e.value());
    }

    public Settings settings() {
        return settings;
    }

    /** The session's names (the built-ins live in the scope above). */
    public Scope globals() {
        return globals;
    }

    /** The one random generator every random draw of this session uses. */
    public Random random() {
        return random;
    }

    /** Makes every random draw after this reproducible. */
    public void seed(long seed) {
        random = new Random(seed);
    }

    /** Safe to use from any thread: asks the running evaluation to stop. */
    public Cancellation cancellation() {
        return cancellation;
    }

    /** Runs a program and returns the value of its last expression statement, or null. */
    public Value run(Source source) {
        Value[] last = {null};
        run(source, v -> last[0] = v);
        return last[0];
    }

    /**
     * Runs a program; {@code onValue} gets the value of each expression statement (the REPL
     * echoes them; a script ignores them).
     */
    public void run(Source source, Consumer<Value> onValue) {
        run(SourceParser.parse(source), onValue);
    }

    /** Runs statements parsed earlier (the Java API's compiled scripts: parse once, run many times). */
    public void run(List<Stmt> program, Consumer<Value> onValue) {
        budget().during(() -> runStatements(program, onValue));
    }

    /**
     * What an evaluation of this interpreter may use, as its settings and its cancellation say
     * now: made afresh for each run, so a changed setting applies from the next run on.
     */
    public Budget budget() {
        return new Budget(settings.maxElements(), settings.threads(), cancellation::requested);
    }

    private void runStatements(List<Stmt> program, Consumer<Value> onValue) {
        for (Stmt stmt : program) {
            if (cancellation.requested()) throw new MlpError("cancelled", stmt.pos());
            Value v = execute(stmt);
            try {
                if (v != null) onValue.accept(v); // the REPL's echo: its errors belong to the statement too
            } catch (MlpError e) {
                throw e.at(stmt.pos());
            }
        }
    }

    private Value execute(Stmt stmt) {
        return execute(stmt, globals);
    }

    /** Runs one statement in a scope (the globals, or a block's or a lambda call's). */
    Value execute(Stmt stmt, Scope scope) {
        try {
            if (stmt instanceof Stmt.Assign a) {
                scope.define(a.name(), value(a.value(), scope));
                return null;
            }
            if (stmt instanceof Stmt.Destructure d) {
                destructure(d, eval(d.value(), scope), scope);
                return null;
            }
            if (stmt instanceof Stmt.Compound c) return Blocks.compound(this, c, scope);
            if (stmt instanceof Stmt.SetMember m) return Blocks.setMember(this, m, scope);
            if (stmt instanceof Stmt.For f) return Blocks.forLoop(this, f, scope);
            return eval(((Stmt.Eval) stmt).expr(), scope);
        } catch (MlpError e) {
            throw e.at(stmt.pos());
        } catch (StackOverflowError e) {
            throw new MlpError(EvaluationWorker.TOO_DEEP, stmt.pos());
        } catch (OutOfMemoryError e) {
            throw new MlpError("out of memory", stmt.pos());
        }
    }

    private void destructure(Stmt.Destructure d, Value value, Scope scope) {
        if (!(value instanceof ListValue list))
            throw new MlpError("cannot unpack " + describe(value) + " into " + d.names().size() + " names; it needs a list", d.value().pos());
        if (list.length() != d.names().size())
            throw new MlpError("the right side gives " + list.length() + (list.length() == 1 ? " value" : " values")
                    + " but the left side names " + d.names().size(), d.pos());
        for (int i = 0; i < list.length(); i++) scope.define(d.names().get(i), list.item(i));
    }

    /**
     * How deep evaluations may nest: expressions inside expressions, and calls inside calls. A
     * function that calls itself (there are no conditionals, so it never stops) meets this limit
     * long before the stack of the thread it runs on overflows, even the JVM's default 1 MB
     * stack: measured there, 600 levels of a function calling itself (through |>, the costliest
     * way) take about 600 kB, so 400 leave a margin of 2.5 (fewer levels through a built-in such
     * as grad: such a call counts {@link #CALLBACK_DEPTH} levels). Long left-associative chains
     * such as {@code a + b + c + ...} do not nest: they are evaluated in a loop. Above the
     * parser's limit (300), so that whatever parses can be evaluated.
     */
    public static final int MAX_DEPTH = 400;

    /** What a built-in calling back into a function (grad's f) adds to the depth: its own frames. */
    static final int CALLBACK_DEPTH = 3;

    private int depth;

    /** Above 0 while a function layer or loss is being built into a training graph (built once, run every epoch). */
    private int compiling;

    /** While grad(f, model) calls f: the graph in which the models f applies have their parameters as variables. */
    private mlp.nn.Graph modelGradient;

    mlp.nn.Graph modelGradient() {
        return modelGradient;
    }

    /** Runs {@code body} with models applied on {@code graph} (see {@link ModelGradient}). */
    <T> T withModelGradient(mlp.nn.Graph graph, java.util.function.Supplier<T> body) {
        mlp.nn.Graph saved = modelGradient;
        modelGradient = graph;
        try {
            return body.get();
        } finally {
            modelGradient = saved;
        }
    }

    /** True while a function is being built into a compiled training graph. */
    public boolean compiling() {
        return compiling > 0;
    }

    /** Runs {@code build} as the building of a compiled graph (see {@link #compiling()}). */
    public <T> T compiling(java.util.function.Supplier<T> build) {
        compiling++;
        try {
            return build.get();
        } finally {
            compiling--;
        }
    }

    /** Evaluates an expression in a scope; errors without a position get this expression's. */
    public Value eval(Expr e, Scope scope) {
        if (depth >= MAX_DEPTH)
            throw new MlpError("too deep: more than " + MAX_DEPTH + " calls or expressions inside one another"
                    + " (does a function call itself?)", e.pos());
        depth++;
        try {
            return evaluate(e, scope);
        } catch (MlpError err) {
            throw err.at(e.pos());
        } finally {
            depth--;
        }
    }

    /**
     * Evaluates an expression whose value is needed (an argument, a list item, the right side of
     * an assignment): one that gives nothing, such as {@code print(1)}, is an error here.
     */
    Value value(Expr e, Scope scope) {
        return needed(eval(e, scope), e);
    }

    /** The value of e, which must not be nothing (what print(...) gives). */
    private static Value needed(Value v, Expr e) {
        if (v != null) return v;
        if (e instanceof Expr.If)
            throw new MlpError("this if gives no value here: no block was taken (add an else { ... })", e.pos());
        if (e instanceof Expr.Block)
            throw new MlpError("this block gives no value: its last statement is an assignment or a loop", e.pos());
        String what = e instanceof Expr.Call c && c.callee() instanceof Expr.Name n ? n.name() + "(...)" : "this expression";
        throw new MlpError(what + " gives no value to use here", e.pos());
    }

    private Value evaluate(Expr e, Scope scope) {
        Expr left = leftOf(e);
        if (left == null) return atom(e, scope);
        if (leftOf(left) == null) return link(e, eval(left, scope), scope);
        // a chain (a + b + c ..., x |> f |> g ..., f(1)(2), a.b.c, x''): its innermost left end
        // first, then each link on the way back out, in a loop rather than one recursion per link
        java.util.ArrayDeque<Expr> links = new java.util.ArrayDeque<>();
        Expr c = e;
        while (leftOf(c) != null) {
            links.push(c);
            c = leftOf(c);
        }
        Value v = eval(c, scope);
        while (!links.isEmpty()) {
            Expr link = links.pop();
            if (cancellation.requested()) throw new MlpError("cancelled", link.pos());
            try {
                v = link(link, v, scope);
            } catch (MlpError err) {
                throw err.at(link.pos());
            }
        }
        return v;
    }

    /** The left side of a link of a left-associative chain, or null for any other expression. */
    private static Expr leftOf(Expr e) {
        if (e instanceof Expr.Binary b) return b.op() == Op.POW ? null : b.left();
        if (e instanceof Expr.Call c) return c.callee();
        if (e instanceof Expr.Index i) return i.target();
        if (e instanceof Expr.Member m) return m.target();
        if (e instanceof Expr.Transpose t) return t.operand();
        return null;
    }

    /** A link of a chain, given the value of its left side. */
    private Value link(Expr e, Value left, Scope scope) {
        needed(left, leftOf(e));
        if (e instanceof Expr.Binary b) {
            Value right = value(b.right(), scope);
            if (b.op() == Op.PIPE) return pipe(left, right, b);
            return Operators.binary(b.op(), left, right);
        }
        if (e instanceof Expr.Call c) return call(c, left, scope);
        if (e instanceof Expr.Index i) return Indexing.index(left, i, sel -> eval(sel, scope), compiling());
        if (e instanceof Expr.Member m) return member(left, m);
        return Operators.transpose(left);
    }

    private Value atom(Expr e, Scope scope) {
        if (e instanceof Expr.Num n) return new Num(n.value());
        if (e instanceof Expr.Str s) return new Str(s.value());
        if (e instanceof Expr.Bool b) return Bool.of(b.value());
        if (e instanceof Expr.Name n) return lookup(n, scope);
        if (e instanceof Expr.Binary b) // ^, the one right-associative operator
            return Operators.binary(b.op(), value(b.left(), scope), value(b.right(), scope));
        if (e instanceof Expr.Negate n) return Operators.negate(value(n.operand(), scope));
        if (e instanceof Expr.ListLit l) return list(l, scope);
        if (e instanceof Expr.Lambda l) return new Lambda(l, scope);
        if (e instanceof Expr.Block b) return Blocks.block(this, b, scope);
        if (e instanceof Expr.If i) return Blocks.conditional(this, i, scope);
        throw new IllegalStateException("unknown expression " + e);
    }

    Value lookup(Expr.Name n, Scope scope) {
        Value v = scope.lookup(n.name());
        if (v != null) return v;
        String habit = switch (n.name()) { // what Python and other REPLs taught
            case "help" -> " — for help type :help at the prompt, or :help NAME for one built-in (e.g. :help train)";
            case "exit", "quit" -> " — to leave the REPL type :quit (or press Ctrl-D)";
            case "None", "null", "nil" -> " — mlp has no such value";
            case "True", "False" -> " — write " + n.name().toLowerCase();
            default -> null;
        };
        if (habit != null) throw new MlpError("unknown name '" + n.name() + "'" + habit, n.pos());
        String near = Suggest.nearest(n.name(), scope.visibleNames());
        throw new MlpError("unknown name '" + n.name() + "'" + (near != null ? " — did you mean '" + near + "'?" : ""), n.pos());
    }

    private Value pipe(Value left, Value right, Expr.Binary b) {
        if (left instanceof Tensor || left instanceof Num) {
            Callable fn = Calls.callable(right);
            if (fn == null)
                throw new MlpError("'|>' applies a layer or function to a tensor, but the right side is " + describe(right), b.right().pos());
            return fn.call(Args.of(this, b.right().pos(), left));
        }
        return mlp.eval.Pipelines.pipe(this, left, right, b.left().pos(), b.right().pos());
    }

    private Value call(Expr.Call c, Value callee, Scope scope) {
        // also checked here, not only between statements: one statement can call lambdas for ever
        if (cancellation.requested()) throw new MlpError("cancelled", c.pos());
        Callable fn = Calls.callable(callee, c.pos());
        List<Value> positional = new ArrayList<>();
        List<Pos> positionalPos = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Value> named = new ArrayList<>();
        List<Pos> namedPos = new ArrayList<>(), namesPos = new ArrayList<>();
        for (Expr.Arg a : c.args()) {
            Value v = value(a.value(), scope);
            if (a.name() == null) {
                positional.add(v);
                positionalPos.add(a.pos());
            } else {
                names.add(a.name());
                named.add(v);
                namedPos.add(a.value().pos()); // a bad value points at itself, not at its name
                namesPos.add(a.pos());
            }
        }
        return fn.call(new Args(this, c.pos(), positional, positionalPos, names, named, namedPos, namesPos));
    }

    /** Calls a function value from a built-in (e.g. {@code grad} calling its lambda). */
    public Value call(Value fn, Pos at, Value... args) {
        Callable c = Calls.callable(fn, at);
        depth += CALLBACK_DEPTH;
        try {
            return c.call(Args.of(this, at, args));
        } finally {
            depth -= CALLBACK_DEPTH;
        }
    }

    /**
     * {@code [...]}: numbers make a 1×n row; rows of equal width make a matrix; anything else
     * (strings, tensors of several rows, mixed items) makes a list.
     */
    private Value list(Expr.ListLit l, Scope scope) {
        List<Value> items = new ArrayList<>();
        for (Expr item : l.items()) items.add(value(item, scope));
        if (items.isEmpty()) return new ListValue(items);
        if (items.stream().allMatch(v -> v instanceof Num)) {
            Limits.check(1, items.size());
            double[] row = new double[items.size()];
            for (int i = 0; i < row.length; i++) row[i] = ((Num) items.get(i)).value();
            return new Tensor(new org.ejml.data.DMatrixRMaj(1, row.length, true, row));
        }
        if (items.stream().allMatch(v -> v instanceof Tensor t && t.rows() == 1)) {
            int width = ((Tensor) items.get(0)).cols();
            mlp.autograd.Node[] rows = new mlp.autograd.Node[items.size()];
            for (int i = 0; i < rows.length; i++) {
                Tensor t = (Tensor) items.get(i);
                if (t.cols() != width)
                    throw new MlpError("the rows of a tensor must have the same length: row 1 has " + width
                            + (width == 1 ? " item" : " items") + ", row " + (i + 1) + " has " + t.cols(), l.items().get(i).pos());
                rows[i] = t.node();
            }
            return new Tensor(Ops.cat(rows, 0));
        }
        return new ListValue(items);
    }

    private Value member(Value target, Expr.Member m) {
        if (target instanceof mlp.nn.Layer layer && m.name().equals("params")) return layer.paramsValue();
        if (target instanceof Tensor && m.name().equals("T"))
            throw new MlpError("mlp transposes with a quote: write X' (not X.T)", m.pos());
        if (target instanceof HasMembers h) {
            Value v;
            try {
                v = h.member(m.name());
            } catch (MlpError e) {
                throw e.at(m.pos());
            }
            if (v != null) return v;
            String near = Suggest.nearest(m.name(), h.memberNames());
            throw new MlpError(describe(target) + " has no member '" + m.name() + "'"
                    + (near != null ? " — did you mean '" + near + "'?" : " (it has " + String.join(", ", h.memberNames()) + ")"), m.pos());
        }
        throw new MlpError(describe(target) + " has no members (no '." + m.name() + "')", m.pos());
    }

    /** Evaluates a default written in a built-in's signature, among the built-ins. */
    Value evalDefault(String text) {
        Expr e = DEFAULTS.computeIfAbsent(text, t -> SourceParser.parseExpression(new Source("<default>", t)));
        return eval(e, builtinScope);
    }

    /** How a value is named in messages: "a tensor (100×2)", "a string", "a layer". */
    public static String describe(Value v) {
        if (v == null) return "nothing";
        if (v instanceof Tensor t) return "a tensor " + Shapes.of(t.data());
        if (v instanceof Num n) return "a number (" + n + ")";
        if (v instanceof Indexable i && v instanceof ListValue) return "a list of " + i.length();
        String kind = v.kind();
        return (kind.matches("^[aeiou].*") ? "an " : "a ") + kind;
    }
}
