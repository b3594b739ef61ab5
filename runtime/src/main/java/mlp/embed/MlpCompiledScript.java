package mlp.embed;

import javax.script.CompiledScript;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptException;

/** A script parsed once by {@link MlpScriptEngine#compile}, run as often as wanted. */
final class MlpCompiledScript extends CompiledScript {
    private final MlpScriptEngine engine;
    private final MlpProgram program;

    MlpCompiledScript(MlpScriptEngine engine, MlpProgram program) {
        this.engine = engine;
        this.program = program;
    }

    @Override
    public Object eval(ScriptContext context) throws ScriptException {
        return engine.run(program, context);
    }

    @Override
    public ScriptEngine getEngine() {
        return engine;
    }
}
