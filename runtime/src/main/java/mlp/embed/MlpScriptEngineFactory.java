package mlp.embed;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import java.util.List;
import java.util.Objects;

/**
 * Makes {@link MlpScriptEngine}s. Registered in {@code META-INF/services}, so that
 * {@code new ScriptEngineManager().getEngineByName("mlp")} and {@code getEngineByExtension("mlp")}
 * find it with the runtime jar on the class path.
 *
 * <p>The registered factory makes engines with {@link MlpInterpreter}'s defaults. A host that
 * wants other settings (a folder for files, a time limit, a smaller tensor cap) registers its
 * own: {@code manager.registerEngineName("mlp", new MlpScriptEngineFactory(MlpInterpreter.builder()
 * .timeLimit(Duration.ofSeconds(10))))}.
 */
public final class MlpScriptEngineFactory implements ScriptEngineFactory {
    private static final String VERSION = "0.1.0";
    private final MlpInterpreter.Builder builder;

    /** A factory for engines with the default settings (the one {@code ScriptEngineManager} finds). */
    public MlpScriptEngineFactory() {
        this(MlpInterpreter.builder());
    }

    /** A factory whose engines' interpreters are made by {@code builder}. */
    public MlpScriptEngineFactory(MlpInterpreter.Builder builder) {
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    /** {@code "mlp"}. */
    @Override
    public String getEngineName() {
        return "mlp";
    }

    /** The version of mlp. */
    @Override
    public String getEngineVersion() {
        return VERSION;
    }

    /** {@code ["mlp"]}. */
    @Override
    public List<String> getExtensions() {
        return List.of("mlp");
    }

    /** {@code ["text/x-mlp"]}. */
    @Override
    public List<String> getMimeTypes() {
        return List.of("text/x-mlp");
    }

    /** {@code ["mlp", "MLP"]}. */
    @Override
    public List<String> getNames() {
        return List.of("mlp", "MLP");
    }

    /** {@code "mlp"}. */
    @Override
    public String getLanguageName() {
        return "mlp";
    }

    /** The version of the language. */
    @Override
    public String getLanguageVersion() {
        return VERSION;
    }

    /** The standard keys of {@link ScriptEngine}, and {@code "THREADING"} ({@code "MULTITHREADED"}). */
    @Override
    public Object getParameter(String key) {
        return switch (key) {
            case ScriptEngine.ENGINE -> getEngineName();
            case ScriptEngine.ENGINE_VERSION -> getEngineVersion();
            case ScriptEngine.NAME -> getNames().get(0);
            case ScriptEngine.LANGUAGE -> getLanguageName();
            case ScriptEngine.LANGUAGE_VERSION -> getLanguageVersion();
            case "THREADING" -> "MULTITHREADED";
            default -> null;
        };
    }

    /**
     * mlp has no methods; a call passes the object first: {@code summary(model)},
     * {@code f(x, 1, 2)}.
     */
    @Override
    public String getMethodCallSyntax(String obj, String m, String... args) {
        StringBuilder call = new StringBuilder(m).append('(').append(obj);
        for (String a : args) call.append(", ").append(a);
        return call.append(')').toString();
    }

    /** {@code print("...")}, with quotes, backslashes, tabs and line ends escaped. */
    @Override
    public String getOutputStatement(String toDisplay) {
        String escaped = toDisplay.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n").replace("\t", "\\t");
        return "print(\"" + escaped + "\")";
    }

    /** The statements, one a line. */
    @Override
    public String getProgram(String... statements) {
        return String.join("\n", statements);
    }

    /** A new engine with its own interpreter. */
    @Override
    public ScriptEngine getScriptEngine() {
        return new MlpScriptEngine(this, builder);
    }
}
