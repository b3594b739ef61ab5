package mlp.errors;

import mlp.Mlp;
import mlp.MlpError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An error about one argument points at that argument as written: a bad value at the value
 * (the {@code "fast"} of {@code lr="fast"}), an unknown or repeated name at the name, a missing
 * argument at the call. Positions are made where they are known (binding the arguments), not
 * filled in on the way up with the call's.
 */
class ArgumentPositionsTest {
    /** The error of {@code code}, which must be at the column of the first {@code marker} in it. */
    private static MlpError at(String code, String marker, String message) {
        return at(Mlp.fail(code), code, marker, message);
    }

    private static MlpError at(MlpError e, String code, String marker, String message) {
        ErrorShown.check(e, "test.mlp", code, 1, code.indexOf(marker) + 1, message);
        return e;
    }

    private static final String DATA = "X = zeros(4, 2); y = zeros(4, 1); m = linear(2, 1); ";

    @Test
    void aBadNamedValuePointsAtTheValueNotAtItsName() {
        at(DATA + "train(m, X, y, epochs=3, lr=\"fast\")", "\"fast\"",
                "train: lr= takes a number, a schedule (step_lr, exp_lr, cosine_lr) or a function of the epoch, not a string");
    }

    @Test
    void aBadNamedValueOfASimpleBuiltinPointsAtTheValue() {
        at("x = clip(5, lo=0, hi=\"one\")", "\"one\"", "clip(x, lo, hi): hi must be a number, not a string");
        at("x = range(0, 10, step=  2.5 )", "2.5 ", "range(a, b=, step=1): step must be a whole number, not 2.5");
    }

    @Test
    void aBadNamedValueOfAPartPointsAtTheValue() {
        at("o = adam(lr=-1)", "-1", "adam: lr must be a number >= 0, not -1");
        at("l = huber([[1]], [[2]], delta=0)", "0)", "huber: delta must be a number > 0, not 0");
    }

    @Test
    void anUnknownOrRepeatedNamePointsAtTheName() {
        at("x = clip(5, lo=0, high=1)", "high", "unknown argument 'high' — did you mean 'hi'?");
        at("x = clip(5, 0, lo=1, hi=2)", "lo=1", "the argument 'lo' of clip(x, lo, hi) is given twice");
    }

    @Test
    void aBadPositionalValuePointsAtIt() {
        at("x = clip(5,   \"a\", 1)", "\"a\"", "clip(x, lo, hi): lo must be a number, not a string");
    }

    @Test
    void aModelThatCannotBeWrittenPointsAtTheModelNotAtTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.util.function.Function<String, MlpError> failIn = code -> org.junit.jupiter.api.Assertions.assertThrows(MlpError.class,
                () -> new mlp.eval.Interpreter(new mlp.io.Settings().out(new java.io.PrintWriter(new java.io.StringWriter()))
                        .progress(null).pictures(mlp.io.Settings.Pictures.OFF).fileRoot(dir).workingDir(dir))
                        .run(new mlp.syntax.Source("test.mlp", code)));
        String[] codes = {
                "save(linear(2, 2) |> (x -> x @ inv(x' @ x)), \"never.onnx\")",
                "m = linear(2, 2) |> (x -> x * x); m(zeros(1, 2)); save(  m, \"never.json\")",
                "save(linear(2), \"never.json\")"};
        at(failIn.apply(codes[0]), codes[0], "|>", // a pipeline stands at its operator
                "save(value, file, precision=): cannot save function (line 1) as ONNX: it uses inv, which has no ONNX form in mlp"
                        + " (a function layer can use + - * / ^, comparisons, where, clip, exp, log, sqrt, abs, sin, cos, tan, the"
                        + " activations, @ and ' (transpose), sum, mean, max and min, slices, cat and reshape)");
        at(failIn.apply(codes[1]), codes[1], "m, ",
                "save(value, file, precision=): cannot save function (line 1): a function in a model is code, which a model file"
                        + " cannot hold (save the layers around it, or write the function again after load)");
        at(failIn.apply(codes[2]), codes[2], "linear",
                "save(value, file, precision=): cannot save linear(?, 2) yet: its input width is not known (apply it to data or train it first)");
        try (var files = java.nio.file.Files.list(dir)) {
            assertEquals(0, files.count(), "a model that cannot be written leaves no file");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
