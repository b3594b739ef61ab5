/**
 * mlp inside Java programs: a small API and a JSR-223 script engine. Only the runtime jar is
 * needed (no JLine, no REPL).
 *
 * <h2>The Java API</h2>
 * {@link mlp.embed.MlpInterpreter} is one session: {@code set} hands it Java data
 * ({@code double}, {@code double[][]}, EJML's {@code DMatrixRMaj}, strings), {@code eval} runs
 * code and returns an {@link mlp.embed.MlpValue} with typed accessors, {@code get} reads a name
 * back. {@link mlp.embed.MlpInterpreter.Builder} says where printed output, training progress
 * and pictures go, and what a script may do: files only inside a granted folder, a cap on tensor
 * size and on epochs, a time limit. {@link mlp.embed.MlpProgram} parses once for many runs.
 *
 * <pre>{@code
 * try (MlpInterpreter mlp = MlpInterpreter.builder().timeLimit(Duration.ofMinutes(1)).build()) {
 *     mlp.set("X", X);
 *     mlp.set("labels", labels);
 *     mlp.eval("model = mlp(2, 32, 32, 2)\n"
 *            + "run = train(model, X, labels, loss=cross_entropy, lr=0.01, epochs=1500)");
 *     double[][] scores = mlp.eval("model(X)").asArray();
 * } catch (MlpError e) {
 *     System.err.println(e.format()); // file:line:col: message, the source line, a caret
 * }
 * }</pre>
 *
 * <h2>JSR-223</h2>
 * {@code new ScriptEngineManager().getEngineByName("mlp")} (or {@code getEngineByExtension("mlp")})
 * gives an {@link mlp.embed.MlpScriptEngine}: bindings both ways, {@code Compilable}, errors as
 * {@code ScriptException}s with file, line and column.
 *
 * <h2>Errors</h2>
 * One exception type: {@link mlp.MlpError} (file, line, column, plain message), and its subtype
 * {@link mlp.embed.MlpStopped} for an evaluation stopped by the host or its time limit.
 *
 * <h2>Threads</h2>
 * Interpreters are independent (names, random generator, limits) and may run in parallel; every
 * method of one may be called from any thread, and its calls run one at a time. See
 * {@link mlp.embed.MlpInterpreter}.
 */
package mlp.embed;
