package mlp.embed;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import javax.script.Bindings;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import javax.script.SimpleBindings;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** mlp through javax.script, exactly as a host program uses it. */
class ScriptEngineTest {
    private static ScriptEngine engine() {
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("mlp");
        assertNotNull(engine, "no engine named mlp: is META-INF/services registering the factory?");
        engine.getContext().setWriter(new StringWriter()); // keep test output quiet
        return engine;
    }

    @Test
    void foundByNameAndByExtension() {
        ScriptEngineManager manager = new ScriptEngineManager();
        ScriptEngine byName = manager.getEngineByName("mlp");
        ScriptEngine byExtension = manager.getEngineByExtension("mlp");
        assertInstanceOf(MlpScriptEngine.class, byName);
        assertInstanceOf(MlpScriptEngine.class, byExtension);
        assertInstanceOf(Compilable.class, byName);
        assertEquals("mlp", byName.getFactory().getLanguageName());
        assertEquals("MULTITHREADED", byName.getFactory().getParameter("THREADING"));
        assertTrue(manager.getEngineFactories().stream().anyMatch(f -> f.getExtensions().contains("mlp")));
    }

    @Test
    void javaDataGoesInAndResultsComeOut() throws ScriptException {
        ScriptEngine engine = engine();
        engine.put("X", new double[][]{{1, 2}, {3, 4}, {5, 6}});
        DMatrixRMaj w = new DMatrixRMaj(new double[][]{{1, 0}, {0, 10}});
        engine.put("W", w);
        engine.put("b", 0.5);
        engine.put("name", "iris");

        Object result = engine.eval("X @ W + b");
        assertArrayEquals(new double[][]{{1.5, 20.5}, {3.5, 40.5}, {5.5, 60.5}}, (double[][]) result);

        engine.eval("y = sum(X); z = X[:, 1]'; s = name + \"!\"; t = b > 0; both = [\"a\", s]");
        assertEquals(21.0, engine.get("y"));
        assertArrayEquals(new double[][]{{2, 4, 6}}, (double[][]) engine.get("z"));
        assertEquals("iris!", engine.get("s"));
        assertEquals(Boolean.TRUE, engine.get("t"));
        assertEquals(List.of("a", "iris!"), engine.get("both"));
        assertNull(engine.get("never_bound"));
    }

    @Test
    void bindingsAreCopiesNotViews() throws ScriptException {
        ScriptEngine engine = engine();
        double[][] data = {{1, 2}};
        engine.put("v", data);
        data[0][0] = 100; // the host changes its array after handing it over
        assertEquals(3.0, engine.eval("sum(v)"));
        double[][] out = (double[][]) engine.get("v");
        out[0][1] = -1; // and the copy it got back
        assertEquals(3.0, engine.eval("sum(v)"));
    }

    @Test
    void bindingsSeeWhatTheScriptBindsAndTheScriptSeesWhatTheHostPuts() throws ScriptException {
        ScriptEngine engine = engine();
        Bindings bindings = engine.getBindings(ScriptContext.ENGINE_SCOPE);
        engine.eval("a = 2");
        assertTrue(bindings.containsKey("a"));
        assertEquals(2.0, bindings.get("a"));
        bindings.put("a", 5);
        assertEquals(25.0, engine.eval("a * a"));
        assertEquals(5.0, bindings.remove("a"));
        ScriptException e = assertThrows(ScriptException.class, () -> engine.eval("a"));
        assertTrue(e.getMessage().startsWith("unknown name 'a'"), e.getMessage());
        // keys no script could write are kept, but scripts never see them
        engine.put(ScriptEngine.FILENAME, "host.mlp");
        assertEquals("host.mlp", engine.get(ScriptEngine.FILENAME));
        // a host's own objects are kept too (jrunscript puts the engine itself), and scripts do not see them
        java.util.Date when = new java.util.Date();
        engine.put("when", when);
        assertSame(when, engine.get("when"));
        ScriptException unseen = assertThrows(ScriptException.class, () -> engine.eval("when"));
        assertTrue(unseen.getMessage().startsWith("unknown name 'when'"), unseen.getMessage());
        engine.eval("when = 3"); // a script's binding of the name wins
        assertEquals(3.0, engine.get("when"));
        // a ragged array is the host's mistake, and says so
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> engine.put("R", new double[][]{{1, 2}, {3}}));
        assertEquals("the rows of a tensor must have the same length: row 0 has 2, row 1 has 1", ragged.getMessage());
    }

    @Test
    void aGenericHostsObjectsDoNotStopTheEngine() throws ScriptException {
        // what jrunscript does before running anything: its engine and arguments go into the bindings
        ScriptEngine engine = engine();
        engine.put("engine", engine);
        engine.put("arguments", new String[]{"a", "b"});
        engine.put(ScriptEngine.FILENAME, "cli.mlp");
        assertEquals(6.0, engine.eval("sum([1, 2, 3])"));
        assertSame(engine, engine.get("engine"));
        Bindings all = engine.getBindings(ScriptContext.ENGINE_SCOPE);
        assertEquals(java.util.Set.of("engine", "arguments", ScriptEngine.FILENAME), all.keySet());
    }

    @Test
    void layersComeOutAsHandlesThatGoBackIn() throws ScriptException {
        ScriptEngine engine = engine();
        engine.eval("f = x -> 2 * x");
        Object f = engine.get("f");
        assertInstanceOf(MlpValue.class, f);
        assertEquals("function", ((MlpValue) f).kind());
        ScriptEngine other = engine();
        other.put("g", f);
        assertArrayEquals(new double[][]{{6}}, (double[][]) other.eval("g([3])"));
    }

    @Test
    void printGoesToTheContextWriter() throws ScriptException {
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("mlp");
        StringWriter out = new StringWriter();
        engine.getContext().setWriter(out);
        engine.eval("print(\"hello\", [1, 2] * 2)");
        assertEquals("hello [[2 4]]\n", out.toString().replace("\r", ""));
    }

    @Test
    void compileOnceRunManyTimes() throws ScriptException {
        ScriptEngine engine = engine();
        CompiledScript scaled = ((Compilable) engine).compile("y = X * k\nsum(y)");
        for (int k = 1; k <= 50; k++) {
            engine.put("X", new double[][]{{1, 2, 3}});
            engine.put("k", k);
            assertEquals(6.0 * k, scaled.eval());
            assertArrayEquals(new double[][]{{k, 2 * k, 3 * k}}, (double[][]) engine.get("y"));
        }
        // the same compiled script in bindings of their own
        Bindings fresh = engine.createBindings();
        fresh.put("X", new double[][]{{10}});
        fresh.put("k", 0.5);
        assertEquals(5.0, scaled.eval(fresh));
        assertArrayEquals(new double[][]{{50, 100, 150}}, (double[][]) engine.get("y"), "the engine's own names are untouched");
    }

    @Test
    void aCompiledScriptIsTheTextParsedAtCompileTime() throws ScriptException {
        ScriptEngine engine = engine();
        engine.put(ScriptEngine.FILENAME, "first.mlp");
        CompiledScript divide = ((Compilable) engine).compile("\nq = X @ Y");
        engine.put(ScriptEngine.FILENAME, "second.mlp"); // later evaluations name another file...
        engine.put("X", new double[][]{{1, 2}});
        engine.put("Y", new double[][]{{1, 2}});
        ScriptException e = assertThrows(ScriptException.class, divide::eval);
        assertEquals("first.mlp", e.getFileName());      // ...but the compiled program keeps its own source
        assertEquals(2, e.getLineNumber());
        assertEquals(7, e.getColumnNumber());
    }

    @Test
    void compileReportsSyntaxErrorsBeforeAnythingRuns() throws ScriptException {
        ScriptEngine engine = engine();
        engine.put(ScriptEngine.FILENAME, "broken.mlp");
        ScriptException e = assertThrows(ScriptException.class, () -> ((Compilable) engine).compile("a = 1\nb = (2 +\n"));
        assertEquals("broken.mlp", e.getFileName());
        assertTrue(e.getLineNumber() >= 2, "line " + e.getLineNumber());
        assertNull(engine.get("a"), "nothing ran");
    }

    @Test
    void scriptExceptionCarriesFileLineAndColumn() {
        ScriptEngine engine = engine();
        engine.put(ScriptEngine.FILENAME, "shapes.mlp");
        ScriptException e = assertThrows(ScriptException.class,
                () -> engine.eval("X = zeros(100, 2)\nR = zeros(3, 2)\ny = X @ R + [5, 5]"));
        assertEquals("shapes.mlp", e.getFileName());
        assertEquals(3, e.getLineNumber());
        assertEquals(7, e.getColumnNumber());
        assertEquals("shape mismatch in '@': (100×2) @ (3×2) — inner sizes 2 and 3 differ in shapes.mlp at line number 3 at column number 7",
                e.getMessage());
        mlp.MlpError cause = assertInstanceOf(mlp.MlpError.class, e.getCause());
        assertTrue(cause.format().endsWith("  y = X @ R + [5, 5]\n        ^"), cause.format());
        // what ran before the error stays done
        assertArrayEquals(new double[3][2], (double[][]) engine.get("R"));
    }

    @Test
    void readerScriptsUseTheFileNameAttribute() {
        ScriptEngine engine = engine();
        engine.getContext().setAttribute(ScriptEngine.FILENAME, "from-reader.mlp", ScriptContext.ENGINE_SCOPE);
        ScriptException e = assertThrows(ScriptException.class, () -> engine.eval(new StringReader("\n\n  nope + 1")));
        assertEquals("from-reader.mlp", e.getFileName());
        assertEquals(3, e.getLineNumber());
        assertEquals(3, e.getColumnNumber());
    }

    @Test
    void plainSimpleBindingsWorkForOneEvaluation() throws ScriptException {
        ScriptEngine engine = engine();
        Bindings host = new SimpleBindings();
        host.put("X", new double[][]{{1, 2}, {3, 4}});
        host.put("stranger", new Object()); // mlp has no value for it: the script does not see it
        Object r = engine.eval("m = mean(X, dim=0)\nm * 2", host);
        assertArrayEquals(new double[][]{{4, 6}}, (double[][]) r);
        assertArrayEquals(new double[][]{{2, 3}}, (double[][]) host.get("m"), "names the script bound are copied back");
        assertNull(engine.get("m"), "the engine's own bindings are untouched");
    }

    @Test
    void oversizeTensorIsRefusedWithAClearError() {
        ScriptEngine engine = engine();
        ScriptException e = assertThrows(ScriptException.class, () -> engine.eval("a = 1\nbig = zeros(1e6, 1e6)"));
        assertEquals("a 1000000×1000000 tensor is too large (1000000000000 elements; the limit is 100000000)",
                e.getCause() instanceof mlp.MlpError m ? m.plainMessage() : e.getMessage());
        assertEquals(2, e.getLineNumber());
        assertEquals(7, e.getColumnNumber());
    }

    @Test
    void aHostRegistersItsOwnLimits() throws ScriptException {
        ScriptEngineManager manager = new ScriptEngineManager();
        manager.registerEngineName("mlp", new MlpScriptEngineFactory(MlpInterpreter.builder().maxElements(1000)));
        ScriptEngine engine = manager.getEngineByName("mlp");
        assertArrayEquals(new double[10][100], (double[][]) engine.eval("zeros(10, 100)"));
        ScriptException e = assertThrows(ScriptException.class, () -> engine.eval("ones(1, 100) + zeros(11, 1)"));
        assertEquals("a 11×100 tensor is too large (1100 elements; the limit is 1000) in <script> at line number 1 at column number 14",
                e.getMessage());
    }

    @Test
    void fileAccessIsRefusedUnlessGranted() {
        ScriptEngine engine = engine();
        ScriptException e = assertThrows(ScriptException.class, () -> engine.eval("X = load(\"../../data/iris.csv\")"));
        assertTrue(e.getMessage().contains("file access is not allowed here (the host program has not granted a folder)"),
                e.getMessage());
        assertEquals(1, e.getLineNumber());
        assertNull(engine.get("X"));
    }

    @Test
    void twoEnginesShareNoNamesAndNoRandomState() throws ScriptException {
        ScriptEngine a = engine();
        ScriptEngine b = engine();
        a.eval("x = 1");
        b.eval("x = 2");
        assertEquals(1.0, a.get("x"));
        assertEquals(2.0, b.get("x"));

        double[][] ra = (double[][]) a.eval("seed(1); randn(2, 2)");
        double[][] rb = (double[][]) b.eval("seed(1); randn(2, 2)");
        assertArrayEquals(ra, rb, "seeded alike, they draw alike");
        // seeding one does not move the other: b's next draw is its own second draw
        double[][] a2 = (double[][]) a.eval("seed(1); randn(2, 2)");
        double[][] b2 = (double[][]) b.eval("randn(2, 2)");
        assertArrayEquals(ra, a2);
        assertFalse(java.util.Arrays.deepEquals(ra, b2));

        double[][] ua = (double[][]) engine().eval("randn(2, 2)");
        double[][] ub = (double[][]) engine().eval("randn(2, 2)");
        assertFalse(java.util.Arrays.deepEquals(ua, ub), "unseeded engines draw differently");
    }

    /** A script that calls a tiny function 2^40 times: it runs for ever unless stopped. */
    static final String FOREVER = "f0 = x -> x + 1\n"
            + java.util.stream.IntStream.rangeClosed(1, 40).mapToObj(i -> "f" + i + " = x -> f" + (i - 1) + "(f" + (i - 1) + "(x))")
            .reduce((p, q) -> p + "\n" + q).orElseThrow()
            + "\nf40(0)";

    @Test
    void theTimeLimitStopsAScriptThatRunsTooLong() throws ScriptException {
        ScriptEngineManager manager = new ScriptEngineManager();
        manager.registerEngineName("mlp", new MlpScriptEngineFactory(
                MlpInterpreter.builder().timeLimit(Duration.ofMillis(300))));
        ScriptEngine engine = manager.getEngineByName("mlp");
        long start = System.nanoTime();
        ScriptException e = assertThrows(ScriptException.class, () -> engine.eval(FOREVER));
        double seconds = (System.nanoTime() - start) / 1e9;
        MlpStopped stopped = assertInstanceOf(MlpStopped.class, e.getCause());
        assertTrue(stopped.timedOut());
        assertTrue(e.getMessage().startsWith("stopped: the time limit of 0.3 s was reached"), e.getMessage());
        assertTrue(seconds < 1.3, "took " + seconds + " s");
        assertTrue(seconds >= 0.3, "took " + seconds + " s");
        // the engine is usable again, and keeps what ran before the stop
        assertEquals(3.0, engine.eval("f1(1)"));
    }

    @Test
    void cancelFromAnotherThreadStopsAnEvaluation() throws Exception {
        MlpScriptEngine engine = (MlpScriptEngine) engine();
        java.util.concurrent.ExecutorService host = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Object> running = host.submit(() -> engine.eval(FOREVER));
            Thread.sleep(200);
            long start = System.nanoTime();
            engine.cancel();
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> running.get(1, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue((System.nanoTime() - start) / 1e9 < 1);
            ScriptException se = assertInstanceOf(ScriptException.class, e.getCause());
            assertFalse(assertInstanceOf(MlpStopped.class, se.getCause()).timedOut());
            assertEquals("stopped: the evaluation was cancelled", ((MlpStopped) se.getCause()).plainMessage());
            assertEquals(2.0, engine.eval("f0(1)"), "usable afterwards");
        } finally {
            host.shutdownNow();
        }
    }
}
