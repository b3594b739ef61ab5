package mlp.robust;

import mlp.MlpError;
import org.junit.jupiter.api.Test;

import static mlp.robust.Host.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How an error shows hostile source: a 10 MB line clipped around the column with the caret still
 * under the right character, control characters (a terminal escape, NUL) shown as '?', a caret
 * under a character after emoji, long messages shortened in the middle.
 */
class ErrorDisplayTest {
    /** The shown source line and the caret line of a formatted error. */
    private static String[] shown(MlpError e) {
        String[] lines = e.format().split("\n");
        assertEquals(3, lines.length, e.format());
        return new String[]{lines[1].substring(2), lines[2].substring(2)};
    }

    @Test
    void aTenMegabyteLineIsClippedAroundTheColumnWithTheCaretInPlace() {
        String code = "x = [" + "1,".repeat(200_000) + " $ " + "1,".repeat(5_000_000) + "1]";
        MlpError e = run(code).failed();
        assertEquals("1:400007", e.line() + ":" + e.column());
        String[] s = shown(e);
        assertTrue(s[0].length() <= 206, s[0].length() + " characters shown");
        assertTrue(s[0].startsWith("...") && s[0].endsWith("..."), s[0]);
        assertEquals('$', s[0].charAt(s[1].indexOf('^')), "the caret is under the $");
        // at the very end of a long line
        e = run(" ".repeat(10_000_000) + "x = 1 +").failed();
        s = shown(e);
        assertEquals("x = 1 +", s[0].substring(s[0].length() - 7));
        assertEquals(s[0].length(), s[1].indexOf('^'), "the caret just after the last character");
        // at the very start
        e = run("$" + " 1".repeat(5_000_000)).failed();
        s = shown(e);
        assertEquals(0, s[1].indexOf('^'));
        assertTrue(s[0].startsWith("$ 1") && s[0].endsWith("..."), s[0].substring(0, 10));
    }

    @Test
    void controlCharactersDoNotReachTheTerminal() {
        MlpError e = run("x = 1\nprint(x) \u001b[2J\u001b[31m").failed();
        assertEquals("unexpected character U+001B", e.plainMessage());
        String[] s = shown(e);
        assertEquals("print(x) ?[2J?[31m", s[0]);
        assertEquals('?', s[0].charAt(s[1].indexOf('^')));
        assertFalse(e.format().contains("\u001b"));
        e = run("load(\"a\u0007b\u001b.csv\")", java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))).failed();
        assertTrue(e.plainMessage().contains("a\u0007b\u001b.csv"), "the message keeps the name: " + e.plainMessage());
        assertFalse(e.format().contains("\u0007") || e.format().contains("\u001b"), "but shows it harmlessly: " + e.format());
        // a tab in a quoted file name is a space in what is shown (found by Jazzer: "out.c\tat ..."
        // looked like a Java stack trace)
        e = run("load(\"out.c\tat x.csv\")", java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))).failed();
        assertEquals("hostile.mlp:1:6: load(file): no such file: out.c at x.csv", e.format().split("\n")[0]);
    }

    @Test
    void theCaretCountsCharactersNotUtf16Units() {
        MlpError e = run("s = \"😀😀😀\" + 1 $").failed();
        assertEquals("1:15", e.line() + ":" + e.column());
        String[] s = shown(e);
        assertEquals(14, s[1].indexOf('^'));
        assertEquals("$", s[0].substring(s[0].offsetByCodePoints(0, 14), s[0].offsetByCodePoints(0, 15)));
    }

    @Test
    void aHugeNameInAMessageIsShortenedInTheMiddle() {
        String name = "a".repeat(100_000);
        MlpError e = run(name + " = 1\nprint(" + name + "b)").failed();
        assertTrue(e.plainMessage().startsWith("unknown name 'aaaa"), e.plainMessage().substring(0, 20));
        assertTrue(e.plainMessage().endsWith("aaab'"), "the end is kept: " + e.plainMessage());
        assertTrue(e.plainMessage().length() < 520 && e.plainMessage().contains("characters left out"), e.plainMessage().length() + "");
    }
}
