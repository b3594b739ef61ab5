package mlp.docs;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root folder, found upward from where the tests run (surefire runs them in repl/). */
final class Repo {
    private Repo() {
    }

    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent())
            if (Files.isRegularFile(p.resolve("scripts/seed.mlp")) && Files.isRegularFile(p.resolve("README.md"))) return p;
        throw new IllegalStateException("no folder above " + Path.of("").toAbsolutePath() + " holds scripts/seed.mlp and README.md");
    }
}
