package mlp.bench;

import mlp.embed.MlpInterpreter;
import mlp.embed.MlpProgram;
import mlp.embed.MlpValue;
import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;
import mlp.value.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.TimeUnit;

/**
 * What the embedding layer adds to one small evaluation ({@code sum(w * 2)} on a 1×4 tensor):
 * the interpreter called directly, against the Java API (a hop to the interpreter's own thread,
 * a copy of the result) and the JSR-223 engine, with the script parsed each time or once.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EmbedBench {
    private static final String CODE = "sum(w * 2)";

    private Interpreter direct;
    private MlpInterpreter api;
    private MlpProgram program;
    private ScriptEngine engine;
    private CompiledScript compiled;

    @Setup(Level.Trial)
    public void setUp() throws ScriptException {
        direct = new Interpreter(new Settings().out(new PrintWriter(Writer.nullWriter())).progress(null)
                .pictures(Settings.Pictures.OFF));
        direct.run(new Source("bench", "w = [1, 2, 3, 4]"));
        api = MlpInterpreter.builder().outputOff().build();
        api.eval("w = [1, 2, 3, 4]");
        program = MlpProgram.parse(CODE, "bench");
        engine = new ScriptEngineManager().getEngineByName("mlp");
        engine.eval("w = [1, 2, 3, 4]");
        compiled = ((Compilable) engine).compile(CODE);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        api.close();
    }

    @Benchmark
    public Value directRun() {
        return direct.run(new Source("bench", CODE));
    }

    @Benchmark
    public MlpValue apiEvalString() {
        return api.eval(CODE);
    }

    @Benchmark
    public MlpValue apiEvalParsedOnce() {
        return api.eval(program);
    }

    @Benchmark
    public MlpProgram apiParseOnly() {
        return MlpProgram.parse(CODE, "bench");
    }

    @Benchmark
    public Object jsr223Eval() throws ScriptException {
        return engine.eval(CODE);
    }

    @Benchmark
    public Object jsr223Compiled() throws ScriptException {
        return compiled.eval();
    }
}
