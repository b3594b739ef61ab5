package mlp.embed;

import mlp.MlpError;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java API as a host program uses it. */
class MlpInterpreterTest {
    private static MlpInterpreter quiet() {
        return MlpInterpreter.builder().outputOff().build();
    }

    @Test
    void evalGivesTypedValues() {
        try (MlpInterpreter mlp = quiet()) {
            assertEquals(7.0, mlp.eval("3 + 4").asDouble());
            MlpValue t = mlp.eval("[[1, 2], [3, 4]]'");
            assertTrue(t.isTensor());
            assertArrayEquals(new double[][]{{1, 3}, {2, 4}}, t.asArray());
            DMatrixRMaj m = t.asMatrix();
            assertEquals(2, m.numRows);
            assertEquals(3.0, m.get(0, 1));
            assertEquals(5.0, mlp.eval("sum([2, 3], dim=1)").asDouble(), "a 1×1 tensor is a number too");
            assertEquals("abc", mlp.eval("\"ab\" + \"c\"").asString());
            assertTrue(mlp.eval("2 > 1").asBoolean());
            List<MlpValue> items = mlp.eval("[\"x\", [1, 2]]").asList();
            assertEquals("x", items.get(0).asString());
            assertArrayEquals(new double[][]{{1, 2}}, items.get(1).asArray());
            assertEquals("[\"x\", [[1 2]]]", mlp.eval("[\"x\", [1, 2]]").toString());
            assertNull(mlp.eval("a = 1"), "an assignment has no value");
            assertEquals("function", mlp.eval("x -> x").kind());
        }
    }

    @Test
    void askingForTheWrongKindIsAnMlpError() {
        try (MlpInterpreter mlp = quiet()) {
            mlp.eval("pred = \"not yet\"");
            MlpError e = assertThrows(MlpError.class, () -> mlp.getArray("pred"));
            assertEquals("the value is a string, not a tensor", e.plainMessage());
            e = assertThrows(MlpError.class, () -> mlp.getDouble("pred_"));
            assertEquals("unknown name 'pred_' — did you mean 'pred'?", e.plainMessage());
            e = assertThrows(MlpError.class, () -> mlp.eval("[1, 2]").asDouble());
            assertEquals("the value is a tensor, not a number", e.plainMessage());
        }
    }

    @Test
    void setAndGetInEveryForm() {
        try (MlpInterpreter mlp = quiet()) {
            double[][] rows = {{1, 2}, {3, 4}};
            mlp.set("A", rows);
            rows[0][0] = 99; // changing the host's array afterwards changes nothing
            mlp.set("B", new DMatrixRMaj(new double[][]{{10}, {100}}));
            mlp.set("k", 0.5);
            mlp.set("label", "iris");
            mlp.set("flag", true);
            mlp.eval("C = A @ B * k");
            assertArrayEquals(new double[][]{{105}, {215}}, mlp.getArray("C"));
            DMatrixRMaj c = mlp.getMatrix("C");
            c.set(0, 0, -1);
            assertEquals(105.0, mlp.getMatrix("C").get(0, 0), "getMatrix hands out a copy");
            assertEquals(0.5, mlp.getDouble("k"));
            assertEquals("iris", mlp.get("label").asString());
            assertTrue(mlp.get("flag").asBoolean());
            assertEquals(Set.of("A", "B", "k", "label", "flag", "C"), mlp.names());
            assertTrue(mlp.has("C"));
            mlp.remove("C");
            assertFalse(mlp.has("C"));
            assertFalse(mlp.names().contains("sum"), "built-ins are not session names");
        }
    }

    @Test
    void hostMistakesAreJavaExceptions() {
        try (MlpInterpreter mlp = quiet()) {
            IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                    () -> mlp.set("X", new double[][]{{1, 2}, {3}}));
            assertEquals("the rows of a tensor must have the same length: row 0 has 2, row 1 has 1", ragged.getMessage());
            assertThrows(IllegalArgumentException.class, () -> mlp.set("2x", 1.0));
            assertThrows(IllegalArgumentException.class, () -> mlp.set("true", 1.0));
            assertThrows(NullPointerException.class, () -> mlp.set("x", (double[][]) null));
        }
    }

    @Test
    void errorsCarryFileLineColumnAndMessage() throws Exception {
        try (MlpInterpreter mlp = quiet()) {
            MlpError e = assertThrows(MlpError.class, () -> mlp.eval(new StringReader("a = 1\nb = a +* 2\n"), "model.mlp"));
            assertEquals("model.mlp", e.file());
            assertEquals(2, e.line());
            assertTrue(e.format().startsWith("model.mlp:2:"), e.format());

            e = assertThrows(MlpError.class, () -> mlp.eval("x = [1, 2]\ny = x @ x", "m.mlp"));
            assertEquals("m.mlp", e.file());
            assertEquals(2, e.line());
            assertEquals(7, e.column());
            assertEquals("shape mismatch in '@': (1×2) @ (1×2) — inner sizes 2 and 1 differ", e.plainMessage());
            assertEquals(2, mlp.getArray("x")[0].length, "what ran before the error stays done");
        }
    }

    @Test
    void printGoesWhereTheHostSays() {
        StringWriter out = new StringWriter();
        try (MlpInterpreter mlp = MlpInterpreter.builder().output(out).build()) {
            mlp.eval("print(\"loss\", 0.25)\nprint([1, 2])");
        }
        assertEquals("loss 0.25\n[[1 2]]\n", out.toString().replace("\r", ""));
    }

    @Test
    void aProgramParsedOnceRunsInManyInterpreters() {
        MlpProgram program = MlpProgram.parse("y = 2 * x\nsum(y)", "double.mlp");
        for (int i = 1; i <= 3; i++) {
            try (MlpInterpreter mlp = quiet()) {
                mlp.set("x", new double[][]{{i, i}});
                assertEquals(4.0 * i, mlp.eval(program).asDouble());
            }
        }
        MlpError e = assertThrows(MlpError.class, () -> MlpProgram.parse("a = (1", "open.mlp"));
        assertEquals("open.mlp", e.file());
    }

    @Test
    void deepExpressionsRunWhateverTheHostThreadsStack() throws Exception {
        String code = "x = 1" + " + 1".repeat(20_000) + "\nx";
        double[] got = new double[2];
        Thread small = new Thread(null, () -> {
            try (MlpInterpreter mlp = quiet()) {
                got[0] = mlp.eval(code).asDouble();
                got[1] = mlp.eval(MlpProgram.parse(code, "deep.mlp")).asDouble(); // parsed on this small stack's thread
            }
        }, "small-stack-host", 256 << 10);
        small.start();
        small.join();
        assertEquals(20_001.0, got[0]);
        assertEquals(20_001.0, got[1]);
    }

    // ---- files ----

    @Test
    void noFileIsTouchedUnlessTheHostGrantsAFolder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("data.csv"), "a,b\n1,2\n3,4\n");
        try (MlpInterpreter mlp = quiet()) {
            MlpError e = assertThrows(MlpError.class, () -> mlp.eval("X = load(\"" + dir.resolve("data.csv") + "\")"));
            assertTrue(e.plainMessage().contains("file access is not allowed here (the host program has not granted a folder)"),
                    e.plainMessage());
            assertEquals(1, e.line());
            assertThrows(MlpError.class, () -> mlp.eval("save([1, 2], \"" + dir.resolve("out.csv") + "\")"));
        }
        java.nio.file.Path granted = java.nio.file.Files.createDirectory(dir.resolve("granted"));
        java.nio.file.Files.writeString(granted.resolve("data.csv"), "a,b\n1,2\n3,4\n");
        try (MlpInterpreter mlp = MlpInterpreter.builder().outputOff().allowFiles(granted).build()) {
            assertArrayEquals(new double[][]{{1, 2}, {3, 4}}, mlp.eval("load(\"data.csv\")").asArray(), "relative to the folder");
            mlp.eval("save([5, 6], \"sub/out.csv\")");
            assertTrue(java.nio.file.Files.exists(granted.resolve("sub/out.csv")));
            MlpError outside = assertThrows(MlpError.class, () -> mlp.eval("load(\"../data.csv\")"));
            assertTrue(outside.plainMessage().contains("file access outside " + granted + " is not allowed"), outside.plainMessage());
        }
        assertEquals(java.util.Set.of("data.csv", "granted"), listing(dir));
    }

    private static java.util.Set<String> listing(java.nio.file.Path dir) throws Exception {
        try (var s = java.nio.file.Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }

    // ---- limits ----

    @Test
    void anOversizeTensorIsAClearErrorNotAnOutOfMemoryError() {
        try (MlpInterpreter mlp = quiet()) {
            MlpError e = assertThrows(MlpError.class, () -> mlp.eval("a = 1\nbig = zeros(1e6, 1e6)"));
            assertEquals("a 1000000×1000000 tensor is too large (1000000000000 elements; the limit is 100000000)", e.plainMessage());
            assertEquals(2, e.line());
            assertEquals(7, e.column());
            assertEquals(1.0, mlp.getDouble("a"));
        }
    }

    @Test
    void theCapHoldsOnEveryWayToMakeATensor() {
        try (MlpInterpreter mlp = MlpInterpreter.builder().outputOff().maxElements(100).build()) {
            mlp.eval("row = ones(1, 10)\ncol = ones(10, 1)\nsmall = ones(10, 10)");
            for (String code : List.of("zeros(11, 10)", "ones(101, 1)", "randn(10, 11)", "rand(1, 101)", "eye(11)",
                    "linspace(0, 1, 101)", "col + zeros(1, 11)", "col @ ones(1, 11)", "cat(small, row)",
                    "cat(small, col, dim=1)", "stack(col, col, col, col, col, col, col, col, col, col, col)",
                    "[" + "1, ".repeat(100) + "1]", "row * ones(11, 1)", "row > zeros(11, 1)")) {
                MlpError e = assertThrows(MlpError.class, () -> mlp.eval(code), code);
                assertTrue(e.plainMessage().contains("is too large") && e.plainMessage().endsWith("the limit is 100)"),
                        code + ": " + e.plainMessage());
            }
            assertArrayEquals(new double[10][10], mlp.eval("zeros(10, 10)").asArray(), "at the cap is fine");
        }
    }

    @Test
    void stringsAreCappedToo() {
        try (MlpInterpreter mlp = quiet()) {
            MlpError e = assertThrows(MlpError.class,
                    () -> mlp.eval("d = s -> s + s\nq = x -> d(d(d(d(d(x)))))\ns = q(q(q(q(q(q(\"ab\"))))))"));
            assertEquals("a string of 134217728 characters is too long (the limit is 100000000)", e.plainMessage());
            assertEquals(1, e.line());
            assertEquals(12, e.column());
        }
    }

    @Test
    void aCapAboveWhatJavaArraysHoldIsStillAClearError() {
        try (MlpInterpreter mlp = MlpInterpreter.builder().outputOff().maxElements(Long.MAX_VALUE).build()) {
            MlpError e = assertThrows(MlpError.class, () -> mlp.eval("zeros(1e5, 1e5)"));
            assertEquals("a 100000×100000 tensor is too large (10000000000 elements; the limit is 2147483639)", e.plainMessage());
        }
    }

    // ---- stopping ----

    @Test
    void cancelFromAnotherThreadStopsWithinASecond() throws Exception {
        ExecutorService host = Executors.newSingleThreadExecutor();
        try (MlpInterpreter mlp = quiet()) {
            Future<MlpValue> running = host.submit(() -> mlp.eval("before = 1\n" + ScriptEngineTest.FOREVER + "\nafter = 1"));
            Thread.sleep(200);
            long start = System.nanoTime();
            mlp.cancel();
            ExecutionException e = assertThrows(ExecutionException.class, () -> running.get(1, TimeUnit.SECONDS));
            assertTrue((System.nanoTime() - start) / 1e9 < 1.0);
            MlpStopped stopped = assertInstanceOf(MlpStopped.class, e.getCause());
            assertFalse(stopped.timedOut());
            assertEquals("stopped: the evaluation was cancelled", stopped.plainMessage());
            assertTrue(stopped.line() > 0, "it says where it stopped");
            assertTrue(mlp.has("before"));
            assertFalse(mlp.has("after"));
            assertEquals(2.0, mlp.eval("f1(0)").asDouble(), "the interpreter goes on");
        } finally {
            host.shutdownNow();
        }
    }

    @Test
    void cancelWithNothingRunningDoesNothing() {
        try (MlpInterpreter mlp = quiet()) {
            mlp.cancel();
            assertEquals(2.0, mlp.eval("1 + 1").asDouble());
        }
    }

    @Test
    void interruptingTheWaitingThreadStopsTheEvaluation() throws Exception {
        ExecutorService host = Executors.newSingleThreadExecutor();
        try (MlpInterpreter mlp = quiet()) {
            Future<MlpValue> running = host.submit(() -> mlp.eval(ScriptEngineTest.FOREVER));
            Thread.sleep(200);
            running.cancel(true); // how a host stops a task of its own executor
            assertEquals(2.0, mlp.eval("f1(0)").asDouble(), "the evaluation stopped, so the next call runs");
        } finally {
            host.shutdownNow();
        }
    }

    @Test
    void theTimeLimitStopsALongScript() {
        try (MlpInterpreter mlp = MlpInterpreter.builder().outputOff().timeLimit(Duration.ofMillis(200)).build()) {
            long start = System.nanoTime();
            MlpStopped e = assertThrows(MlpStopped.class, () -> mlp.eval(ScriptEngineTest.FOREVER));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(e.timedOut());
            assertEquals("stopped: the time limit of 0.2 s was reached", e.plainMessage());
            assertTrue(seconds >= 0.2 && seconds < 1.2, seconds + " s");
            assertEquals(1.0, mlp.eval("f0(0)").asDouble());
        }
    }

    @Test
    void anOperationThatCannotBeInterruptedFinishesInTheBackground() {
        try (MlpInterpreter mlp = MlpInterpreter.builder().outputOff()
                .timeLimit(Duration.ofMillis(100)).grace(Duration.ofMillis(20)).build()) {
            // drawing 25 million random numbers is one step that does not look at the clock (matrix
            // products do: they stop between blocks of rows); it takes well over 0.12 s
            MlpStopped e = assertThrows(MlpStopped.class, () -> mlp.eval("B = randn(5000, 5000)\nafter = 1"));
            assertTrue(e.timedOut());
            assertTrue(e.plainMessage().startsWith("stopped: the time limit of 0.1 s was reached, in the middle of an operation "
                    + "that cannot be interrupted"), e.plainMessage());
            // the next call waits for that operation, which then stops at the next statement
            assertFalse(mlp.has("after"));
            assertEquals(3.0, mlp.eval("1 + 2").asDouble());
        }
    }

    // ---- independence ----

    @Test
    void twoInterpretersShareNothing() throws Exception {
        try (MlpInterpreter a = quiet(); MlpInterpreter b = quiet()) {
            a.set("x", 1);
            b.set("x", 2);
            assertEquals(1.0, a.getDouble("x"));
            assertEquals(2.0, b.getDouble("x"));
            // evaluated at the same time, seeded alike, they draw alike
            ExecutorService host = Executors.newFixedThreadPool(2);
            try {
                String code = "seed(7)\nr = randn(200, 3)\nfor_a_while = sum(ones(300, 300) @ ones(300, 300))\nr";
                Future<MlpValue> fa = host.submit(() -> a.eval(code));
                Future<MlpValue> fb = host.submit(() -> b.eval(code));
                assertArrayEquals(fa.get().asArray(), fb.get().asArray());
            } finally {
                host.shutdownNow();
            }
            assertFalse(java.util.Arrays.deepEquals(quiet().eval("randn(3, 3)").asArray(), quiet().eval("randn(3, 3)").asArray()));
        }
    }

    @Test
    void oneInterpreterUsedFromManyThreadsRunsOneCallAtATime() throws Exception {
        try (MlpInterpreter mlp = quiet()) {
            ExecutorService host = Executors.newFixedThreadPool(4);
            try {
                List<Future<Double>> results = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int id = t;
                    results.add(host.submit(() -> {
                        double total = 0;
                        for (int i = 0; i < 25; i++) {
                            mlp.set("v" + id, new double[][]{{i, id}});
                            total += mlp.eval("sum(v" + id + " * 2)").asDouble();
                        }
                        return total;
                    }));
                }
                for (int t = 0; t < 4; t++) assertEquals(2 * (300.0 + 25 * t), results.get(t).get());
            } finally {
                host.shutdownNow();
            }
        }
    }

    @Test
    void aClosedInterpreterSaysSo() {
        MlpInterpreter mlp = quiet();
        mlp.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> mlp.eval("1"));
        assertEquals("this interpreter is closed", e.getMessage());
    }
}
