package mlp.repl;

import mlp.io.Settings;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The colours of a line, checked character by character. */
class HighlightingTest {
    private final Session session = new Session(new Settings().out(new PrintWriter(new StringWriter())).progress(null)
            .pictures(Settings.Pictures.OFF), e -> { throw new AssertionError(e); });

    private AttributedStyle styleOf(String line, String part) {
        return styleOf(line, part, 0);
    }

    private AttributedStyle styleOf(String line, String part, int from) {
        AttributedString s = new Highlighting(session).highlight(line);
        assertEquals(line, s.toString()); // colours only: the text is unchanged
        int at = line.indexOf(part, from);
        AttributedStyle style = s.styleAt(at);
        for (int i = at; i < at + part.length(); i++) assertEquals(style, s.styleAt(i), "all of '" + part + "' alike");
        return style;
    }

    @Test
    void numbersStringsBuiltInsOperatorsComments() {
        String line = "y = linspace(0, 1.5e3, 3) * 2 |> relu  # \"not a string\"";
        assertEquals(Highlighting.NUMBER, styleOf(line, "1.5e3"));
        assertEquals(Highlighting.BUILTIN, styleOf(line, "linspace"));
        assertEquals(Highlighting.BUILTIN, styleOf(line, "relu"));
        assertEquals(Highlighting.OPERATOR, styleOf(line, "*"));
        assertEquals(Highlighting.OPERATOR, styleOf(line, "|>"));
        assertEquals(Highlighting.COMMENT, styleOf(line, "# \"not a string\""));
        assertEquals(Highlighting.STRING, styleOf("print(\"hi # there\")", "\"hi # there\""));
        assertEquals(Highlighting.NUMBER, styleOf("b = true", "true"));
    }

    @Test
    void unknownNamesStandOutKnownOnesDoNot() {
        session.run("known = 1");
        assertEquals(Highlighting.UNKNOWN, styleOf("known + unknwn", "unknwn"));
        assertEquals(Highlighting.NAME, styleOf("known + unknwn", "known"));
        // names the line itself defines: an assignment, lambda parameters, unpacking, members, named arguments
        assertEquals(Highlighting.NAME, styleOf("z = 2; z + 1", "z", 7));
        assertEquals(Highlighting.NAME, styleOf("g = (a, b) -> a * b", "a", 14));
        assertEquals(Highlighting.NAME, styleOf("h = v -> v", "v", 8));
        assertEquals(Highlighting.NAME, styleOf("[p, q] = lst; p", "p", 14));
        assertEquals(Highlighting.NAME, styleOf("X.shape", "shape"));
        assertEquals(Highlighting.NAME, styleOf("cat(a, b, dim=1)", "dim"));
    }

    @Test
    void commandsAreColouredAsCommands() {
        assertEquals(Highlighting.COMMAND, styleOf(":load x.mlp", ":load"));
        assertEquals(AttributedStyle.DEFAULT, styleOf(":load x.mlp", "x.mlp"));
    }
}
