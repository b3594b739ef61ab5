package mlp.repl;

import mlp.eval.Builtins;
import mlp.io.Settings;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The completer called directly with the line as the REPL's parser cuts it, cursor at the end. */
class CompletionTest {
    private Session session;
    private Completion completion;

    @BeforeEach
    void session() {
        session = new Session(new Settings().out(new PrintWriter(new StringWriter())).progress(null)
                .pictures(Settings.Pictures.OFF), e -> { throw new AssertionError(e); });
        session.run("model_a = 1; modulus = 2; x = [[1, 2]]; f = x -> x");
        completion = new Completion(session);
    }

    @AfterEach
    void close() {
        session.close();
    }

    /** Every candidate offered for the line (JLine then keeps those that start with the word). */
    private List<Candidate> all(String line) {
        ParsedLine parsed = new LineParser().parse(line, line.length(), org.jline.reader.Parser.ParseContext.COMPLETE);
        List<Candidate> out = new ArrayList<>();
        completion.complete(null, parsed, out);
        return out;
    }

    /** What the user sees after TAB: the candidates that start with the word under the cursor. */
    private List<String> shown(String line) {
        ParsedLine parsed = new LineParser().parse(line, line.length(), org.jline.reader.Parser.ParseContext.COMPLETE);
        return all(line).stream().map(Candidate::value).filter(v -> v.startsWith(parsed.word())).sorted().toList();
    }

    @Test
    void namesOfTheSessionAndBuiltIns() {
        assertEquals(List.of("model_a", "modulus"), shown("y = mod"));
        assertEquals(List.of("linspace"), shown("lins"));
        assertEquals(List.of("relu"), shown("x |> rel"));
        Candidate mine = all("mod").stream().filter(c -> c.value().equals("model_a")).findFirst().orElseThrow();
        assertEquals("names", mine.group());
        assertEquals("a number (1)", mine.descr());
        Candidate builtin = all("lin").stream().filter(c -> c.value().equals("linspace")).findFirst().orElseThrow();
        assertEquals(Builtins.standard().get("linspace").category(), builtin.group());
    }

    @Test
    void everyBuiltInIsOffered() {
        List<String> values = all("").stream().map(Candidate::value).toList();
        for (String name : Builtins.standard().entries().keySet()) assertTrue(values.contains(name), name);
    }

    @Test
    void namedArgumentsOfTheCallAroundTheCursor() {
        // the argument, beside the names that start with d (a value may go there too)
        assertTrue(shown("cat(x, x, d").contains("dim="), shown("cat(x, x, d").toString());
        assertEquals(List.of("epochs="), shown("run = train(model, X, y, ep"));
        // positional parameters already given are not offered again; named-only ones are
        List<String> args = all("cat(x, x, ").stream().map(Candidate::value).filter(v -> v.endsWith("=")).toList();
        assertEquals(List.of("dim="), args);
        // a name given already is not offered twice
        assertFalse(all("cat(x, x, dim=1, ").stream().anyMatch(c -> c.value().equals("dim=")));
        // the innermost call counts: here the arguments of linspace, not cat
        List<String> inner = all("cat(x, linspace(0, ").stream().map(Candidate::value).filter(v -> v.endsWith("=")).toList();
        assertEquals(List.of("b=", "n="), inner);
        // not at the start of an argument, or not in a call: no argument names
        assertTrue(all("cat(x + ").stream().noneMatch(c -> c.value().endsWith("=")));
        assertTrue(all("[1, ").stream().noneMatch(c -> c.value().endsWith("=")));
        assertTrue(all("f(").stream().noneMatch(c -> c.value().endsWith("="))); // a lambda takes no names
    }

    @Test
    void argumentCandidatesSayTheirDefaultAndAreNotFollowedByASpace() {
        Candidate dim = all("cat(x, x, d").stream().filter(c -> c.value().equals("dim=")).findFirst().orElseThrow();
        assertEquals("default 0", dim.descr());
        assertFalse(dim.complete());
    }

    @Test
    void membersAfterADot() {
        assertEquals(List.of("cols", "rows", "shape"), shown("x."));
        assertEquals(List.of("shape"), shown("y = x.sh"));
    }

    @Test
    void commandsAndTheirArguments() {
        assertEquals(List.of(":help", ":load", ":quit", ":reset", ":vars"), shown(":"));
        assertEquals(List.of(":reset"), shown(":re"));
        assertEquals(List.of("linspace"), shown(":help linsp"));
    }

    @Test
    void theWordUnderTheCursor() {
        ParsedLine p = new LineParser().parse("train(model, X, y, ep", 21, org.jline.reader.Parser.ParseContext.COMPLETE);
        assertEquals("ep", p.word());
        assertEquals(2, p.wordCursor());
        p = new LineParser().parse(":load data/ir", 13, org.jline.reader.Parser.ParseContext.COMPLETE);
        assertEquals("data/ir", p.word());
        p = new LineParser().parse("  :he", 5, org.jline.reader.Parser.ParseContext.COMPLETE);
        assertEquals(":he", p.word());
    }
}
