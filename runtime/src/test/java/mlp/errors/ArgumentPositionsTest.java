package mlp.errors;

import mlp.Mlp;
import mlp.MlpError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An error about one argument points at that argument as written: a bad value at the value
 * (the {@code "fast"} of {@code lr="fast"}), an unknown or repeated name at the name, a missing
 * argument at the call. Positions are made where they are known (binding the arguments), not
 * filled in on the way up with the call's.
 */
class ArgumentPositionsTest {
    /** The error of {@code code}, which must be at the column of the first {@code marker} in it. */
    private static MlpError at(String code, String marker, String message) {
        MlpError e = Mlp.fail(code);
        assertEquals(message, e.plainMessage(), code);
        int column = code.indexOf(marker) + 1;
        assertEquals("1:" + column, e.line() + ":" + e.column(), "position of: " + message);
        assertTrue(e.format().startsWith("test.mlp:1:" + column + ": " + message + "\n  " + code + "\n  "
                + " ".repeat(column - 1) + "^"), e.format());
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
}
