package mlp.jupyter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged kernel as Jupyter runs it: installed as the kernelspec {@code mlp} into a
 * temporary prefix, then driven by Jupyter's own client (nbclient, jupyter_client) from
 * {@code src/test/python/check_kernel.py}: both notebooks executed headless and their outputs
 * checked, then one kernel message by message (errors, progress, live pictures, completion,
 * inspection, is_complete, interrupt, files left, a client that dies). Needs Debian's
 * {@code python3-nbclient jupyter-client} (.ci/run installs them).
 */
class JupyterIT {
    @Test
    void notebooksAndKernelThroughJupytersOwnClient(@TempDir Path tmp) throws Exception {
        Path jar = Path.of(System.getProperty("mlp.jupyter.jar", "target/mlp-jupyter.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the kernel's jar is built: " + jar);
        Path prefix = tmp.resolve("prefix");
        Path spec = KernelSpec.install(KernelSpec.kernelsDir("--prefix", prefix.toString()),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), jar);
        String json = Files.readString(spec.resolve("kernel.json"));
        assertTrue(json.contains("\"interrupt_mode\": \"message\"") && json.contains("\"display_name\": \"mlp\""), json);

        Path work = Files.createDirectories(tmp.resolve("work").resolve("notebook"));
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", Path.of("src/test/python/check_kernel.py").toAbsolutePath().toString(),
                Path.of("../notebooks").toAbsolutePath().normalize().toString(), work.toString())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("JUPYTER_PATH", prefix.resolve("share").resolve("jupyter").toString());
        env.put("JUPYTER_DATA_DIR", Files.createDirectories(tmp.resolve("data")).toString());
        env.put("JUPYTER_RUNTIME_DIR", Files.createDirectories(tmp.resolve("runtime")).toString());
        env.put("JUPYTER_CONFIG_DIR", Files.createDirectories(tmp.resolve("config")).toString());
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the checks end");
        System.out.println(output);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("all checks passed"), output);
    }

    @Test
    void kernelSpecQuotesPaths(@TempDir Path tmp) throws IOException {
        Path dir = KernelSpec.install(tmp, "/opt/my \"java\"/bin/java", tmp.resolve("a b.jar"));
        String json = Files.readString(dir.resolve("kernel.json"));
        assertTrue(json.contains("\"/opt/my \\\"java\\\"/bin/java\""), json);
        assertTrue(json.contains("a b.jar\", \"{connection_file}\"]"), json);
    }
}
