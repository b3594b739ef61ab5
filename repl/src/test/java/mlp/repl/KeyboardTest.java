package mlp.repl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keys on a full terminal: TAB, Ctrl-C at the prompt, emacs editing, history across sessions. */
class KeyboardTest {
    @TempDir
    Path folder;

    @Test
    void tabCompletesANamedArgumentAndAName() throws Exception {
        try (Keyboard k = new Keyboard(folder)) {
            k.atPrompt(1, "x = [[1, 2]]\r");
            k.atPrompt(2, "cat(x, x, di\t").waitFor("dim=", 1).type("1)\r");
            k.waitFor("[[1 2 1 2]]", 1);
            k.atPrompt(3, "lins\t").waitFor("linspace", 1).type("(0, 1, 2)\r");
            k.waitFor("[[0]\n [1]]", 1);
            assertEquals(0, k.quit());
        }
    }

    @Test
    void tabCompletesAFileNameAfterLoad() throws Exception {
        try (Keyboard k = new Keyboard(folder)) {
            // surefire runs in the module's folder, where pom.xml is
            k.atPrompt(1, ":load po\t").waitFor(":load pom.xml", 1);
            k.type("\u0015"); // Ctrl-U: drop the line rather than load a pom
            assertEquals(0, k.quit());
        }
    }

    @Test
    void ctrlCAtThePromptDropsTheLineAndTheReplGoesOn() throws Exception {
        try (Keyboard k = new Keyboard(folder)) {
            k.atPrompt(1, "x = 5\r");
            k.atPrompt(2, "x = 99999").waitFor("x = 99999", 1).type("\u0003");
            k.atPrompt(3, "\u0003"); // at an empty prompt: a hint, nothing else
            k.waitFor("(to leave: :quit or Ctrl-D)", 1);
            k.atPrompt(4, "x\r");
            k.waitFor("\n5\n", 1);
            assertEquals(0, k.quit());
            assertFalse(k.screen().contains("99999\n"), k.screen());
        }
    }

    @Test
    void multiLineInputShowsTheContinuationPrompt() throws Exception {
        try (Keyboard k = new Keyboard(folder)) {
            k.atPrompt(1, "m = [[1, 2],\r");
            k.waitFor(Repl.CONTINUATION, 1).type("[3, 4]]\r");
            k.atPrompt(2, "m'\r");
            k.waitFor("[[1 3]\n [2 4]]", 1);
            assertEquals(0, k.quit());
        }
    }

    @Test
    void emacsKeysEditTheLine() throws Exception {
        try (Keyboard k = new Keyboard(folder)) {
            // type "2 * 3", Ctrl-A to the start, "1 + " there, Ctrl-E to the end, " - 1", Enter
            k.atPrompt(1, "2 * 3\u0001").type("1 + \u0005").type(" - 1\r");
            k.waitFor("\n6\n", 1);
            assertEquals(0, k.quit());
        }
    }

    @Test
    void historyComesBackInTheNextSession() throws Exception {
        try (Keyboard k = new Keyboard(folder)) {
            k.atPrompt(1, "h = 40 + 2\r");
            k.atPrompt(2, "g = 7\r");
            k.atPrompt(3, "");
            assertEquals(0, k.quit());
        }
        try (Keyboard k = new Keyboard(folder)) {
            k.atPrompt(1, "\u0012").type("40"); // Ctrl-R: search the history backwards
            k.waitFor("h = 40 + 2", 1).type("\r");
            k.atPrompt(2, "h\r");
            k.waitFor("\n42\n", 1);
            assertEquals(0, k.quit());
        }
        try (Keyboard k = new Keyboard(folder)) {
            k.atPrompt(1, "\u0010\u0010\r"); // Ctrl-P twice: the line before last, from the last session
            k.atPrompt(2, "h\r");
            k.waitFor("\n42\n", 1);
            assertEquals(0, k.quit());
            assertTrue(k.screen().contains("h = 40 + 2"), k.screen());
        }
    }
}
