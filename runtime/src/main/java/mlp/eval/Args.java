package mlp.eval;

import mlp.MlpError;
import mlp.syntax.Pos;
import mlp.value.Bool;
import mlp.value.Num;
import mlp.value.Str;
import mlp.value.Tensor;
import mlp.value.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of one call, with their source positions. A built-in first {@link #bind}s them
 * to its {@link Signature}; then it reads each parameter through its {@link Param} handle with a typed accessor, whose
 * errors name the function, its signature and the parameter, and point at the argument.
 */
public final class Args {
    private final Interpreter interpreter;
    private final Pos callPos;
    private final List<Value> positional;
    private final List<Pos> positionalPos;
    private final List<String> names;
    private final List<Value> namedValues;
    private final List<Pos> namedPos;
    private final List<Pos> nameOnlyPos;

    private Signature sig;
    private Value[] bound;
    private Pos[] boundPos;
    private final List<Value> rest = new ArrayList<>();
    private final List<Pos> restPos = new ArrayList<>();

    /**
     * @param namedPos  where each named argument's value is written (the {@code 0.1} of
     *                  {@code lr=0.1}): a bad value points there
     * @param namesPos  where each name is written (the {@code lr}): an unknown or repeated name points there
     */
    public Args(Interpreter interpreter, Pos callPos, List<Value> positional, List<Pos> positionalPos,
                List<String> names, List<Value> namedValues, List<Pos> namedPos, List<Pos> namesPos) {
        this.interpreter = interpreter;
        this.callPos = callPos;
        this.positional = positional;
        this.positionalPos = positionalPos;
        this.names = names;
        this.namedValues = namedValues;
        this.namedPos = namedPos;
        this.nameOnlyPos = namesPos;
    }

    public Args(Interpreter interpreter, Pos callPos, List<Value> positional, List<Pos> positionalPos,
                List<String> names, List<Value> namedValues, List<Pos> namedPos) {
        this(interpreter, callPos, positional, positionalPos, names, namedValues, namedPos, namedPos);
    }

    /** Positional arguments only (how built-ins call lambdas and layers). */
    public static Args of(Interpreter interpreter, Pos at, Value... values) {
        List<Pos> where = new ArrayList<>();
        for (int i = 0; i < values.length; i++) where.add(at);
        return new Args(interpreter, at, List.of(values), where, List.of(), List.of(), List.of());
    }

    public Interpreter interpreter() {
        return interpreter;
    }

    public Pos callPos() {
        return callPos;
    }

    /** The signature bound by {@link #bind}, or null. */
    public Signature sig() {
        return sig;
    }

    // ---- raw access, before binding ----

    public int positionalCount() {
        return positional.size();
    }

    public Value positional(int i) {
        return positional.get(i);
    }

    public Pos positionalPos(int i) {
        return positionalPos.get(i);
    }

    public List<String> namedNames() {
        return names;
    }

    public Value named(int i) {
        return namedValues.get(i);
    }

    public Pos namedPos(int i) {
        return namedPos.get(i);
    }

    // ---- binding ----

    /** Matches the arguments to {@code signature}'s parameters, filling in defaults. */
    public Args bind(Signature signature) {
        sig = signature;
        List<Signature.Param> params = signature.params();
        bound = new Value[params.size()];
        boundPos = new Pos[params.size()];
        int p = 0;
        for (int i = 0; i < positional.size(); i++) {
            while (p < params.size() && !params.get(p).positional()) p++;
            if (p < params.size()) {
                bound[p] = positional.get(i);
                boundPos[p] = positionalPos.get(i);
                p++;
            } else if (signature.variadic()) {
                rest.add(positional.get(i));
                restPos.add(positionalPos.get(i));
            } else {
                throw new MlpError(signature + " takes " + arity(signature) + " but was given " + positional.size(),
                        positionalPos.get(i));
            }
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            int k = signature.indexOf(name);
            if (k < 0) {
                String near = Suggest.nearest(name, signature.names());
                for (String known : signature.names()) if (near == null && name.startsWith(known + "_")) near = known; // batch_size
                throw new MlpError("unknown argument '" + name + "'"
                        + (near != null ? " — did you mean '" + near + "'?" : " — " + signature + " takes " + argumentNames(signature)),
                        nameOnlyPos.get(i));
            }
            if (bound[k] != null)
                throw new MlpError("the argument '" + name + "' of " + signature + " is given twice", nameOnlyPos.get(i));
            bound[k] = namedValues.get(i);
            boundPos[k] = namedPos.get(i);
        }
        for (int k = 0; k < params.size(); k++) {
            Signature.Param param = params.get(k);
            if (bound[k] != null) continue;
            if (param.required())
                throw new MlpError(signature + " is missing its argument '" + param.name() + "'", callPos);
            if (!param.defaultText().isEmpty()) {
                bound[k] = interpreter.evalDefault(param.defaultText());
                boundPos[k] = callPos;
            }
        }
        return this;
    }

    private static String arity(Signature s) {
        long required = s.params().stream().filter(p -> p.positional() && p.required()).count();
        long positional = s.params().stream().filter(Signature.Param::positional).count();
        String word = positional == 1 ? " argument" : " arguments";
        if (required == positional) return positional + word;
        return required + " to " + positional + " arguments";
    }

    private static String argumentNames(Signature s) {
        return s.params().isEmpty() ? "no named arguments"
                : "the arguments " + String.join(", ", s.names());
    }

    // a handle checked against other built-ins' signatures than the one bound: a slip in the runtime
    private int slot(Param param) {
        if (sig == null) throw new IllegalStateException("bind() first");
        int k = sig.indexOf(param.name());
        if (k < 0) throw new IllegalStateException(sig + " has no parameter '" + param + "' (its handle was declared for other built-ins)");
        return k;
    }

    /** True when the argument was given or has a default. */
    public boolean has(Param param) {
        return bound[slot(param)] != null;
    }

    /** The argument's value, or null when absent without a default. */
    public Value get(Param param) {
        return bound[slot(param)];
    }

    /** Where the argument was written (the call when it came from a default). */
    public Pos pos(Param param) {
        Pos p = boundPos[slot(param)];
        return p == null ? callPos : p;
    }

    /** The arguments after {@code ...}. */
    public List<Value> rest() {
        return rest;
    }

    public Pos restPos(int i) {
        return restPos.get(i);
    }

    /** An error about one argument, pointing at it. */
    public MlpError error(Param param, String message) {
        return new MlpError(message, pos(param));
    }

    private Value required(Param param) {
        Value v = get(param);
        if (v == null) throw new MlpError(sig + " is missing its argument '" + param + "'", callPos);
        return v;
    }

    private MlpError typeError(Param param, String wanted, Value got) {
        return error(param, sig + ": " + param + " must be " + wanted + ", not " + Interpreter.describe(got));
    }

    /** A tensor; a number is taken as a 1×1 tensor. */
    public Tensor tensor(Param param) {
        Value v = required(param);
        if (v instanceof Tensor t) return t;
        if (v instanceof Num n) return new Tensor(new org.ejml.data.DMatrixRMaj(new double[][]{{n.value()}}));
        throw typeError(param, "a tensor or a number", v);
    }

    public double number(Param param) {
        Value v = required(param);
        if (v instanceof Num n) return n.value();
        if (v instanceof Tensor t && t.rows() == 1 && t.cols() == 1) return t.get(0, 0);
        throw typeError(param, "a number", v);
    }

    /** A whole number. */
    public long integer(Param param) {
        double d = number(param);
        if (d != Math.rint(d) || Double.isInfinite(d))
            throw error(param, sig + ": " + param + " must be a whole number, not " + mlp.value.Format.number(d));
        if (Math.abs(d) > 9e15) throw error(param, sig + ": " + param + " is too large: " + mlp.value.Format.number(d));
        return (long) d;
    }

    /** A whole number >= 0, small enough to be a size. */
    public int count(Param param) {
        long n = integer(param);
        if (n < 0) throw error(param, sig + ": " + param + " must not be negative, got " + n);
        if (n > Integer.MAX_VALUE) throw error(param, sig + ": " + param + " is too large: " + n);
        return (int) n;
    }

    public String string(Param param) {
        Value v = required(param);
        if (v instanceof Str s) return s.value();
        throw typeError(param, "a string", v);
    }

    public boolean bool(Param param) {
        Value v = required(param);
        if (v instanceof Bool b) return b.value();
        throw typeError(param, "true or false", v);
    }
}
