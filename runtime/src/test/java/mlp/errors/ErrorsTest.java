package mlp.errors;

import mlp.MlpError;
import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Bad programs: each gives one {@link MlpError} with this message, at this line and column, with
 * the source line and a caret, and no Java stack trace. (Any other exception fails the test.)
 */
class ErrorsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        Files.createDirectories(dir.resolve("folder"));
        Files.writeString(dir.resolve("bad.csv"), "1,2\n3,x\n");
        Files.writeString(dir.resolve("ragged.csv"), "1,2\n3,4\n5,6,7\n");
        Files.writeString(dir.resolve("empty-cell.csv"), "1,2\r\n3,\r\n");
        Files.writeString(dir.resolve("unclosed.csv"), "a,b\n1,\"2\n3,4\n");
        Files.writeString(dir.resolve("header-only.csv"), "a,b\n\n");
        Files.writeString(dir.resolve("semicolons.csv"), "1;2\n3;4\n");
        Files.write(dir.resolve("binary.csv"), new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1});
        Files.writeString(dir.resolve("names.csv"), "x,y\n1.5,setosa\n");
    }

    /** Runs {@code code}, which must fail as described. */
    private void fails(String code, int line, int column, String message) {
        StringWriter out = new StringWriter();
        Interpreter interpreter = new Interpreter(new Settings().out(new PrintWriter(out)).progress(null)
                .pictures(Settings.Pictures.OFF).fileRoot(dir).workingDir(dir));
        MlpError e = assertThrows(MlpError.class, () -> interpreter.run(new Source("bad.mlp", code)));
        ErrorShown.check(e, "bad.mlp", code, line, column, message);
    }

    // ---- syntax ----

    @Test
    void unclosedBracketNamesWhereItOpened() {
        fails("x = (1 + 2\nprint(x)", 2, 1, "expected ')' to close '(' at 1:5");
        fails("x = [1, 2", 1, 10, "expected ']' to close '[' at 1:5");
        fails("print([1, 2]", 1, 13, "expected ')' to close '(' at 1:6");
    }

    @Test
    void missingOperand() {
        fails("print(1 +)", 1, 10, "expected an expression, found ')'");
        fails("a = 1 +", 1, 8, "unexpected end of input, expected an expression");
        fails("f = x ->\n", 1, 9, "unexpected end of input, expected an expression");
    }

    @Test
    void strayCharactersAndTokens() {
        fails("y = 3 $ 4", 1, 7, "unexpected character '$'");
        fails("s = \"abc", 1, 5, "unterminated string: a '\"' is missing at the end of the line");
        fails("x = )", 1, 5, "unexpected ')' with no '(' to close");
        fails("print(1)\n  print(2))", 2, 11, "unexpected ')' with no '(' to close");
        fails("x = 1 2", 1, 7, "expected end of statement, found number 2");
        fails("print(x y)", 1, 9, "expected ')', found name 'y'");
        fails("print(\"\\q\")", 1, 8, "unknown escape '\\q' in a string (use \\\" \\\\ \\n or \\t)");
    }

    @Test
    void badAssignments() {
        fails("3 = x", 1, 3, "only a name or a list of names like [a, b] can be assigned to");
        fails("x = [1, 2]\nx[0] = 5", 2, 6, "tensors cannot be changed in place: build a new one (e.g. with where(mask, a, b))");
        fails("[a, a] = [1, 2]", 1, 5, "the name 'a' appears twice");
        fails("f(a=1, 2)", 1, 8, "a positional argument cannot follow named ones");
    }

    // ---- names ----

    @Test
    void unknownNamesSuggestTheNearest() {
        fails("x = zeross(2, 2)", 1, 5, "unknown name 'zeross' — did you mean 'zeros'?");
        fails("print(undefined_thing)", 1, 7, "unknown name 'undefined_thing'");
        fails("x = 1\nprint(y)", 2, 7, "unknown name 'y'");
        fails("X = randn(2, 2)\nprint(X.shap)", 2, 9, "a tensor (2×2) has no member 'shap' — did you mean 'shape'?");
        fails("sum(zeros(2, 2), dimm=0)", 1, 18, "unknown argument 'dimm' — did you mean 'dim'?");
    }

    // ---- shapes ----

    @Test
    void shapeMismatchesNameBothShapesAndTheOperator() {
        fails("X = zeros(100, 2)\nR = zeros(3, 2)\ny = X @ R + [5, 5]", 3, 7,
                "shape mismatch in '@': (100×2) @ (3×2) — inner sizes 2 and 3 differ");
        fails("zeros(2, 3) + zeros(3, 2)", 1, 13,
                "shape mismatch in '+': (2×3) + (3×2) — rows 2 and 3 differ (each must match or be 1)");
        fails("t = [[1, 2],\n     [3]]", 2, 6, "the rows of a tensor must have the same length: row 1 has 2 items, row 2 has 1");
        fails("cat(zeros(2, 2), zeros(2, 3))", 1, 18, "cat(a, ..., dim=0): every part must have 2 columns (the first is (2×2)), "
                + "but part 2 is (2×3); to put them side by side use dim=1");
        fails("stack(zeros(3, 1), zeros(2, 1))", 1, 20, "stack(c, ...): every column must have 3 rows, but part 2 has 2");
        fails("inv(zeros(2, 3))", 1, 5, "inv(A): A must be square, not (2×3)");
        fails("split(zeros(4, 2), zeros(3, 1))", 1, 20,
                "split(X, y, fraction=0.8): X and y must have the same number of rows, but X is (4×2) and y is (3×1)");
    }

    // ---- types ----

    @Test
    void wrongTypesNameTheFunctionAndItsSignature() {
        fails("1 + \"a\"", 1, 3, "'+' cannot combine a number (1) and a string (to join them as text, turn the number into a string with str(...))");
        fails("true + 1", 1, 6, "'+' cannot combine a boolean and a number (1)");
        fails("x = -\"a\"", 1, 5, "'-' cannot negate a string");
        fails("[[1, 2]] @ 3", 1, 10, "'@' multiplies two tensors; use '*' to scale by a number");
        fails("x = 5\nx(1)", 2, 1, "a number (5) cannot be called like a function");
        fails("sin(\"x\")", 1, 5, "sin(x): x must be a tensor or a number, not a string");
        fails("zeros(2, \"3\")", 1, 10, "zeros(r, c): c must be a number, not a string");
        fails("randn(2.5, 2)", 1, 7, "randn(r, c): r must be a whole number, not 2.5");
        fails("eye(-1)", 1, 5, "eye(n): n must not be negative, got -1");
        fails("[a, b] = 5", 1, 10, "cannot unpack a number (5) into 2 names; it needs a list");
        fails("save(\"text\", \"x.csv\")", 1, 6,
                "save(value, file, precision=): value must be a tensor (saved as CSV) or a model (saved as JSON or ONNX), not a string");
    }

    // ---- arity and arguments ----

    @Test
    void wrongArgumentCountsNameTheSignature() {
        fails("randn(2)", 1, 1, "randn(r, c) is missing its argument 'c'");
        fails("eye(1, 2)", 1, 8, "eye(n) takes 1 argument but was given 2");
        fails("f = (a, b) -> a\nf(1)", 2, 1, "lambda (a, b) takes 2 arguments but was given 1");
        fails("sum(zeros(2, 2), dim=3)", 1, 22, "sum(x, dim=): dim must be 0 (down the rows) or 1 (across the columns), not 3");
        fails("[a, b, c] = split(zeros(4, 1), zeros(4, 1))", 1, 1, "the right side gives 4 values but the left side names 3");
        fails("split(zeros(4, 1), zeros(4, 1), 0)", 1, 33,
                "split(X, y, fraction=0.8): fraction must be between 0 and 1 (the part of the rows for training), not 0");
        fails("onehot([[0], [5]], 3)", 1, 8, "onehot(labels, k=): labels row 1 is 5, not a class index from 0 to 2");
    }

    // ---- indices and values ----

    @Test
    void indexOutOfRangeGivesTheShapeAndTheIndex() {
        fails("x = zeros(2, 3)\nx[2]", 2, 3, "row index 2 is out of range for a tensor (2×3) (valid: -2 to 1)");
        fails("x = zeros(2, 3)\nx[0, -4]", 2, 6, "column index -4 is out of range for a tensor (2×3) (valid: -3 to 2)");
        fails("x = zeros(2, 3)\nx[0.5]", 2, 3, "an index must be a whole number, not 0.5");
        fails("l = [\"a\", \"b\"]\nl[0, 1]", 2, 6, "a list has one axis; it takes one index, not two");
        fails("l = [\"a\"]\nl[3]", 2, 3, "item index 3 is out of range for a list of 1 (valid: -1 to 0)");
    }

    @Test
    void impossibleValues() {
        fails("mean(zeros(0, 2))", 1, 6, "mean(x, dim=): x is empty (0×2)");
        fails("m = [[1, 2], [2, 4]]\ninv(m)", 2, 5, "inv(A): the matrix is singular (it has no inverse)");
        fails("zeros(1e9, 1e9)", 1, 1, "a 1000000000×1000000000 tensor is too large (1000000000000000000 elements; the limit is 100000000)");
    }

    // ---- files ----

    @Test
    void missingFilesAndFolders() {
        fails("load(\"missing.csv\")", 1, 6, "load(file): no such file: missing.csv");
        fails("X = load(\"bad.cvs\")", 1, 10, "load(file): no such file: bad.cvs — did you mean 'bad.csv'?");
        fails("load(\"nowhere/x.csv\")", 1, 6, "load(file): no such file: nowhere/x.csv (there is no folder " + dir.resolve("nowhere") + ")");
        fails("load(\"folder\")", 1, 6, "load(file): folder is a folder, not a file");
        fails("save(zeros(1, 1), \"folder\")", 1, 19, "save(value, file, precision=): folder is a folder, not a file");
        fails("save(zeros(1, 1), \"bad.csv/y.csv\")", 1, 19, "save(value, file, precision=): cannot write " + dir.resolve("bad.csv/y.csv")
                + ": " + dir.resolve("bad.csv") + " is a file, not a folder");
        fails("save(zeros(1, 1), \"x.json\")", 1, 19, "save(value, file, precision=): a tensor is saved as CSV; name the file .csv (.json is for models)");
    }

    @Test
    void badCsvRowsNameTheFileLineAndColumn() {
        fails("X = load(\"bad.csv\")", 1, 10,
                "load(file): bad.csv line 2, column 2: cannot read 'x' as a number (load reads numbers only: write classes as 0, 1, 2, ...)");
        fails("X = load(\"names.csv\")", 1, 10,
                "load(file): names.csv line 2, column 2: cannot read 'setosa' as a number (load reads numbers only: write classes as 0, 1, 2, ...)");
        fails("X = load(\"ragged.csv\")", 1, 10, "load(file): ragged.csv line 3 has 3 columns, but the rows before it have 2");
        fails("X = load(\"empty-cell.csv\")", 1, 10, "load(file): empty-cell.csv line 2, column 2: the cell is empty (load needs a number in every cell)");
        fails("X = load(\"unclosed.csv\")", 1, 10, "load(file): unclosed.csv line 2: a quoted cell is not closed (a '\"' is missing)");
        fails("X = load(\"header-only.csv\")", 1, 10, "load(file): header-only.csv has no rows of numbers");
        fails("X = load(\"semicolons.csv\")", 1, 10,
                "load(file): semicolons.csv line 2, column 1: cannot read '3;4' as a number (load reads cells separated by commas)");
        fails("X = load(\"binary.csv\")", 1, 10, "load(file): binary.csv is not a text file (UTF-8)");
    }

    @Test
    void anEmbeddedInterpreterTouchesNoFile() {
        MlpError e = assertThrows(MlpError.class, () -> new Interpreter(new Settings().out(new PrintWriter(new StringWriter())))
                .run(new Source("bad.mlp", "x = load(\"data.csv\")")));
        assertEquals("load(file): file access is not allowed here (the host program has not granted a folder): data.csv", e.plainMessage());
        assertEquals("1:10", e.line() + ":" + e.column());
    }
}
