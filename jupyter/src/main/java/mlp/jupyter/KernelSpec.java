package mlp.jupyter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The kernelspec {@code mlp}: a folder {@code kernels/mlp} holding {@code kernel.json}, whose
 * command runs this jar with the Java that installed it. {@code interrupt_mode: message}: the
 * stop button arrives as a message, which stops training as Ctrl-C does.
 */
final class KernelSpec {
    private KernelSpec() {
    }

    static final String NAME = "mlp";

    /** The folder of kernelspecs for {@code --user}, {@code --prefix DIR}, or the whole system. */
    static Path kernelsDir(String where, String prefix) {
        return switch (where) {
            case "--user" -> {
                String data = System.getenv("JUPYTER_DATA_DIR");
                yield (data != null && !data.isBlank() ? Path.of(data) : Path.of(System.getProperty("user.home"), ".local", "share", "jupyter"))
                        .resolve("kernels");
            }
            case "--prefix" -> Path.of(prefix).resolve("share").resolve("jupyter").resolve("kernels");
            default -> Path.of("/usr/local/share/jupyter/kernels");
        };
    }

    /** Writes {@code kernels/mlp/kernel.json} and returns its folder. */
    static Path install(Path kernelsDir, String java, Path jar) throws IOException {
        Path dir = kernelsDir.resolve(NAME);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kernel.json"), json(java, jar), StandardCharsets.UTF_8);
        return dir;
    }

    static String json(String java, Path jar) {
        List<String> argv = List.of(java,
                "-Djava.awt.headless=true", // pictures go into the notebook, never into windows
                "-XX:-UsePerfData",         // no hsperfdata file left in /tmp
                "-XX:+UseSerialGC",         // fewer threads and a quicker start; training allocates little
                "-jar", jar.toAbsolutePath().toString(), "{connection_file}");
        return "{\n  \"argv\": [" + argv.stream().map(KernelSpec::quote).collect(Collectors.joining(", ")) + "],\n"
                + "  \"display_name\": \"mlp\",\n"
                + "  \"language\": \"mlp\",\n"
                + "  \"interrupt_mode\": \"message\"\n}\n";
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') out.append('\\').append(ch);
            else if (ch < 0x20) out.append(String.format("\\u%04x", (int) ch));
            else out.append(ch);
        }
        return out.append('"').toString();
    }
}
