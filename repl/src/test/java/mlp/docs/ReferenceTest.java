package mlp.docs;

import mlp.eval.Builtins;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's language reference is the registry's help texts, the same ones {@code :help}
 * shows, and every built-in has a help text worth showing.
 */
class ReferenceTest {
    private static final Path README = Repo.root().resolve("README.md");

    @Test
    void everyBuiltinHasAHelpTextWhoseFirstLineIsASentence() {
        List<String> bad = new ArrayList<>();
        for (Builtins.Entry e : Builtins.standard().entries().values()) {
            String help = e.help(), first = e.summary();
            if (help == null || help.isBlank()) bad.add(e.name() + ": no help text");
            else if (!first.equals(first.strip()) || first.isEmpty()) bad.add(e.name() + ": the first line is empty or padded: '" + first + "'");
            else if (!(first.endsWith(".") || first.endsWith(".)"))) bad.add(e.name() + ": the first line is not a whole sentence: '" + first + "'");
            else if (first.length() > 110) bad.add(e.name() + ": the first line is too long for :help's list (" + first.length() + " characters)");
            if (e.signature() == null || !e.signature().startsWith(e.name()))
                bad.add(e.name() + ": its signature '" + e.signature() + "' does not start with its name");
        }
        assertTrue(bad.isEmpty(), "built-ins whose :help text is missing or broken:\n" + String.join("\n", bad));
    }

    @Test
    void theReadmesReferenceIsTheOneGeneratedFromTheHelpTexts() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String generated = Reference.markdown(Builtins.standard());
        if (Boolean.getBoolean("mlp.writeReadme")) {
            Files.writeString(README, Reference.withSection(readme, generated), StandardCharsets.UTF_8);
            readme = Files.readString(README, StandardCharsets.UTF_8);
        }
        String section = Reference.section(readme);
        assertNotNull(section, "README.md has no reference markers; put these two lines where the reference goes:\n"
                + Reference.START + "\n" + Reference.END);
        assertEquals(generated, section, "README.md's reference differs from the built-ins' help texts; regenerate it with\n  "
                + Reference.REGENERATE + "\n(from the repository's folder), then review and commit README.md");
    }

    @Test
    void everyBuiltinAppearsInTheReadmesReference() throws IOException {
        String section = Reference.section(Files.readString(README, StandardCharsets.UTF_8));
        assertNotNull(section, "README.md has no reference markers");
        List<String> missing = new ArrayList<>();
        for (Builtins.Entry e : Builtins.standard().entries().values())
            if (!section.contains("#### `" + e.signature() + "`\n\n```text\n" + e.help().strip() + "\n```"))
                missing.add(e.name());
        assertTrue(missing.isEmpty(), "built-ins missing from README.md's reference (or with another text): " + missing
                + "\nregenerate it with\n  " + Reference.REGENERATE);
    }
}
