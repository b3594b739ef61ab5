package mlp.errors;

import mlp.MlpError;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a user sees of an error: its message, {@code file:line:col}, the source line with a caret under the column, no stack trace. */
final class ErrorShown {
    private ErrorShown() {
    }

    static void check(MlpError e, String file, String code, int line, int column, String message) {
        assertEquals(message, e.plainMessage(), code);
        assertEquals(line + ":" + column, e.line() + ":" + e.column(), "position of: " + message);
        String shown = e.format();
        assertTrue(shown.startsWith(file + ":" + line + ":" + column + ": " + message + "\n  "), shown);
        String sourceLine = code.split("\r?\n", -1)[line - 1];
        assertTrue(shown.contains("\n  " + sourceLine + "\n  " + " ".repeat(column - 1) + "^"), shown);
        assertEquals(0, e.getStackTrace().length, "no stack trace is kept");
        assertFalse(shown.contains("Exception") || shown.contains("\tat "), shown);
    }
}
