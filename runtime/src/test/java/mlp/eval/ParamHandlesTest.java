package mlp.eval;

import mlp.Mlp;
import mlp.value.Num;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A built-in reads its arguments through {@link Param} handles made when it is declared: a name
 * that is not in its signature fails when the module's class initialises (when the standard
 * library is built at start-up), not when a user calls it.
 */
class ParamHandlesTest {
    /** A module as a developer might write it, with "lrr" for "lr" in a handle. */
    static final class Misspelt implements Builtins.Module {
        static final Signature STEP = Signature.of("step(lr, gamma=0.1)");
        static final Param LR = Param.of("lrr", STEP);

        @Override
        public void register(Builtins b) {
            b.function("Test", STEP, "A step.", a -> new Num(a.number(LR)));
        }
    }

    @Test
    void aMisspeltParameterFailsWhenTheModuleIsDeclaredNamingTheBuiltinAndTheName() {
        ExceptionInInitializerError e = assertThrows(ExceptionInInitializerError.class, () -> new Misspelt().register(new Builtins()));
        IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("the built-in step(lr, gamma=0.1) has no parameter 'lrr' (did you mean 'lr'?)", cause.getMessage());
    }

    @Test
    void aHandleIsCheckedAgainstEverySignatureItIsDeclaredFor() {
        Signature a = Signature.of("f(x, dim=)"), b = Signature.of("g(x)");
        assertEquals("x", Param.of("x", a, b).name());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Param.of("dim", a, b));
        assertEquals("the built-in g(x) has no parameter 'dim'", e.getMessage());
        assertThrows(IllegalStateException.class, () -> Param.of("x"));
    }

    @Test
    void aHandleOfAnotherBuiltinIsRefusedWhenRead() {
        Param other = Param.of("gamma", Signature.of("exp_lr(lr, gamma=)"));
        Builtins b = new Builtins();
        b.function("Test", Signature.of("h(x)"), "Reads a handle of another built-in.", a -> new Num(a.number(other)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Mlp.interpreter(new java.io.StringWriter()).call(b.get("h").value(), null, new Num(1)));
        assertTrue(e.getMessage().contains("h(x) has no parameter 'gamma'"), e.getMessage());
    }

    @Test
    void everyModuleOfTheStandardLibraryInitialisesAndEveryBuiltinIsRegistered() throws Exception {
        for (String module : List.of("CoreBuiltins", "DataBuiltins", "MathBuiltins", "TensorBuiltins", "ListBuiltins",
                "IoBuiltins", "LayerBuiltins", "TrainBuiltins", "PlotBuiltins", "ActivationCall", "LossCall"))
            assertNotNull(Class.forName("mlp.eval." + module, true, getClass().getClassLoader())); // runs its checks
        Builtins standard = Builtins.standard();
        for (String name : List.of("print", "seed", "grad", "randn", "cat", "onehot", "sum", "argmin", "clip", "round",
                "range", "map", "format", "load", "save", "linear", "mlp", "summary", "lstsq", "train", "step_lr",
                "cosine_lr", "accuracy", "animate", "scatter", "plot", "boundary"))
            assertNotNull(standard.get(name), name);
        for (Builtins.Entry e : standard.entries().values())
            if (e.value() instanceof Builtin fn) assertEquals(e.signature(), fn.signature(), e.name());
    }

    @Test
    void builtinsReadTheirArgumentsThroughTheirHandles() {
        assertEquals("1 0.5 [[0 1]]\n", Mlp.run("print(clip(5, 0, 1), clip(0.5, lo=0, hi=1), clip([[-1, 3]], hi=1, lo=0))"));
        assertEquals("4 3.1\n", Mlp.run("print(len(range(0, 10, step=3)), format(3.14159, digits=2))"));
    }
}
