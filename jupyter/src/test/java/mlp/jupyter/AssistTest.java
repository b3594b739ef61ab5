package mlp.jupyter;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TAB, Shift-TAB and is_complete, from the same registry as the REPL. */
class AssistTest {
    private final Assist assist = new Assist();

    @Test
    void completionOffersTheNotebooksNamesThenTheBuiltins() {
        List<String> names = assist.complete("tr", new LinkedHashSet<>(List.of("trained", "X")));
        assertEquals("trained", names.get(0));
        assertTrue(names.contains("train"), names.toString());
        assertTrue(assist.complete("", new LinkedHashSet<>()).contains("relu"));
        assertEquals(List.of(), assist.complete("zzz", new LinkedHashSet<>()));
    }

    @Test
    void theSubjectIsTheNameUnderTheCursorOrTheCallItIsIn() {
        assertEquals("train", Assist.subject("run = train", 11));
        assertEquals("tra", Assist.subject("run = tra", 8), "the word as typed so far");
        assertEquals("train", Assist.subject("train(model, X, ", 16));
        assertEquals("animate", Assist.subject("animate(run, title=f(x), ", 25));
        assertEquals("X", Assist.subject("train(model, X", 14));
        assertNull(Assist.subject("1 + ", 4));
    }

    @Test
    void helpIsTheSameTextAsTheReplsHelp() {
        String help = assist.help("relu");
        assertTrue(help.startsWith("relu"), help);
        assertTrue(help.contains("\n\n"), help);
        assertNull(assist.help("nosuch"));
    }

    @Test
    void aCellIsCompleteIncompleteOrInvalid() {
        assertEquals("complete", Assist.status("x = [1, 2]\ny = x * 2"));
        assertEquals("incomplete", Assist.status("x = [1, 2"));
        assertEquals("incomplete", Assist.status("m = linear(2, 4) |>"));
        assertEquals("invalid", Assist.status("x = )"));
    }
}
