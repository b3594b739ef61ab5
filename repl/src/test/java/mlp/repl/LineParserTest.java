package mlp.repl;

import org.jline.reader.EOFError;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** When Enter runs the input and when it opens another line. */
class LineParserTest {
    private final LineParser parser = new LineParser();

    private void keepsReading(String text) {
        assertThrows(EOFError.class, () -> parser.parse(text, text.length(), ParseContext.ACCEPT_LINE), text);
    }

    private void runs(String text) {
        assertDoesNotThrow(() -> parser.parse(text, text.length(), ParseContext.ACCEPT_LINE), text);
    }

    @Test
    void openBracketsAndTrailingOperatorsKeepReading() {
        keepsReading("x = [1,");
        keepsReading("x = [[1, 2],\n [3, 4]");
        keepsReading("train(model, X, y,");
        keepsReading("model = linear(2, 2) |>");
        keepsReading("a = 1 +");
        keepsReading("f = x ->");
        keepsReading("y =");
        keepsReading("x = 1 *   # a comment after the operator");
        keepsReading("|> relu |>"); // a continuation that itself goes on
    }

    @Test
    void wholeStatementsAndMistakesRun() {
        runs("x = [1, 2]");
        runs("x = [1,\n2]");
        runs("");
        runs("# just a comment");
        runs("x = )"); // a mistake is reported at once, not waited on
        runs("x = 1 2");
        runs("s = \"unterminated"); // strings do not span lines
        runs(":load file.mlp");
        runs(":help (");
        runs("|> relu");
    }

    @Test
    void completionNeverThrows() {
        assertDoesNotThrow(() -> parser.parse("x = [1,", 7, ParseContext.COMPLETE));
    }
}
