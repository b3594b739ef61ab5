package mlp.embed;

import mlp.MlpError;

import javax.script.AbstractScriptEngine;
import javax.script.Bindings;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * mlp as a JSR-223 script engine: {@code new ScriptEngineManager().getEngineByName("mlp")}.
 *
 * <h2>Bindings</h2>
 * The engine scope is a live view of an interpreter's names. Going in ({@code put}): a
 * {@code Number} becomes a number; {@code double[][]} and EJML's {@code DMatrixRMaj} a tensor
 * (copied); {@code double[]} a 1×n row, as the literal {@code [1, 2, 3]}; a {@code String},
 * {@code Boolean} or {@code List} the same in mlp; an {@link MlpValue} (a layer or a run handed out
 * before) itself. Other Java objects (a host's own, such as the engine jrunscript puts in) are
 * kept in the bindings, but scripts do not see them. Coming out ({@code get},
 * and {@code eval}'s result): a tensor as a new {@code double[][]}, a number as a {@code Double},
 * a string as a {@code String}, a boolean as a {@code Boolean}, a list as a {@code List}, and a
 * layer, run or function as an {@link MlpValue} handle. Keys that are not names a script could
 * write (such as {@link ScriptEngine#FILENAME}) are kept but not shown to scripts either; the
 * manager's global scope is not visible to scripts.
 *
 * <p>{@link #createBindings()} gives fresh bindings with an interpreter of their own (its own
 * names and random generator). Bindings of another kind (a {@code SimpleBindings}) work too: for
 * that one evaluation their entries are copied into a fresh interpreter and every name is copied
 * back afterwards.
 *
 * <h2>Output, errors, limits</h2>
 * {@code print} writes to the context's writer ({@link ScriptContext#getWriter()}). Errors are
 * {@link ScriptException}s with the file name ({@link ScriptEngine#FILENAME}, else
 * {@value MlpInterpreter#DEFAULT_FILE_NAME}), line, column and the plain message; the cause is the
 * {@link MlpError} (an {@link MlpStopped} when cancelled or out of time). The engine made by the
 * registered factory uses {@link MlpInterpreter}'s defaults: no files, no pictures, no progress
 * text, the default tensor cap; for other settings register a factory made with
 * {@link MlpScriptEngineFactory#MlpScriptEngineFactory(MlpInterpreter.Builder)}.
 *
 * <h2>Threads</h2>
 * The engine may be used from several threads (the factory's {@code THREADING} is
 * {@code "MULTITHREADED"}): evaluations in one interpreter run one after another. To stop one from
 * another thread, call {@link #cancel()}, or interrupt the thread waiting in {@code eval}.
 */
public final class MlpScriptEngine extends AbstractScriptEngine implements Compilable {
    private final MlpScriptEngineFactory factory;
    private final MlpInterpreter.Builder builder;
    private final Set<MlpInterpreter> running = ConcurrentHashMap.newKeySet();

    MlpScriptEngine(MlpScriptEngineFactory factory, MlpInterpreter.Builder builder) {
        this.factory = factory;
        this.builder = builder;
        setBindings(createBindings(), ScriptContext.ENGINE_SCOPE);
    }

    /** Fresh engine-scope bindings with an interpreter of their own. */
    @Override
    public Bindings createBindings() {
        return new MlpBindings(builder.build());
    }

    /** Runs a script in the context's engine-scope bindings; see the class comment. */
    @Override
    public Object eval(String script, ScriptContext context) throws ScriptException {
        return run(parse(script, context), context);
    }

    /** Reads a script to its end and runs it. */
    @Override
    public Object eval(Reader reader, ScriptContext context) throws ScriptException {
        return eval(read(reader), context);
    }

    /** Parses a script once; the result runs many times, in any bindings. */
    @Override
    public CompiledScript compile(String script) throws ScriptException {
        return new MlpCompiledScript(this, parse(script, getContext()));
    }

    /** Reads and parses a script once. */
    @Override
    public CompiledScript compile(Reader reader) throws ScriptException {
        return compile(read(reader));
    }

    /** The factory that made this engine. */
    @Override
    public ScriptEngineFactory getFactory() {
        return factory;
    }

    /**
     * Stops every evaluation running in this engine now (see {@link MlpInterpreter#cancel()}): a
     * {@code train} stops after its current epoch and keeps what it has learnt, and the
     * {@code eval} throws a {@link ScriptException} caused by an {@link MlpStopped}. Returns at
     * once; safe from any thread.
     */
    public void cancel() {
        for (MlpInterpreter i : running) i.cancel();
    }

    private static String read(Reader reader) throws ScriptException {
        StringWriter text = new StringWriter();
        try {
            reader.transferTo(text);
        } catch (IOException e) {
            throw new ScriptException(e);
        }
        return text.toString();
    }

    private static MlpProgram parse(String script, ScriptContext context) throws ScriptException {
        Object name = context.getAttribute(ScriptEngine.FILENAME);
        try {
            return MlpProgram.parse(script, name == null ? MlpInterpreter.DEFAULT_FILE_NAME : name.toString());
        } catch (MlpError e) {
            throw scriptException(e);
        }
    }

    Object run(MlpProgram program, ScriptContext context) throws ScriptException {
        Bindings bindings = context.getBindings(ScriptContext.ENGINE_SCOPE);
        Writer out = context.getWriter();
        try {
            if (bindings instanceof MlpBindings own) return java(evalIn(own.interpreter(), program, out));
            try (MlpInterpreter once = builder.build()) {
                for (Map.Entry<String, Object> e : bindings.entrySet()) {
                    if (!Conversions.isName(e.getKey()) || e.getValue() == null) continue;
                    try {
                        once.define(e.getKey(), e.getValue());
                    } catch (IllegalArgumentException notForMlp) {
                        // a host object mlp has no value for: the script cannot see it
                    }
                }
                try {
                    return java(evalIn(once, program, out));
                } finally {
                    once.snapshot().forEach((k, v) -> bindings.put(k, v.toJava()));
                }
            }
        } catch (MlpError e) {
            throw scriptException(e);
        }
    }

    private MlpValue evalIn(MlpInterpreter interpreter, MlpProgram program, Writer out) {
        running.add(interpreter);
        try {
            return interpreter.eval(program, out);
        } finally {
            running.remove(interpreter);
        }
    }

    private static Object java(MlpValue v) {
        return v == null ? null : v.toJava();
    }

    static ScriptException scriptException(MlpError e) {
        ScriptException se = new ScriptException(e.plainMessage(), e.file(),
                e.line() > 0 ? e.line() : -1, e.column() > 0 ? e.column() : -1);
        se.initCause(e);
        return se;
    }
}
