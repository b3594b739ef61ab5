package mlp.jupyter;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar mlp-jupyter.jar CONNECTION_FILE} runs the kernel (Jupyter starts it so, from
 * the kernelspec); {@code java -jar mlp-jupyter.jar --install [--user | --prefix DIR]} writes the
 * kernelspec (what {@code mlp --install-kernel} runs).
 */
public final class KernelMain {
    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("--install")) {
            System.exit(install(args));
        }
        if (args.length != 1) {
            System.err.println("usage: java -jar mlp-jupyter.jar CONNECTION_FILE\n"
                    + "       java -jar mlp-jupyter.jar --install [--user | --prefix DIR]");
            System.exit(2);
        }
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        MlpKernel kernel = new MlpKernel();
        JupyterConnection connection = new JupyterConnection(props);
        PromptShellChannel.install(connection);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        ParentWatch.start(() -> {
            kernel.close();
            Runtime.getRuntime().halt(0); // the client is gone: nothing is left to say goodbye to
        });
        connection.waitUntilClose();
        kernel.close();
        System.exit(0);
    }

    private static int install(String[] args) throws IOException, URISyntaxException {
        String where = args.length >= 2 ? args[1] : "";
        if (!(args.length == 1 || (args.length == 2 && where.equals("--user")) || (args.length == 3 && where.equals("--prefix")))) {
            System.err.println("mlp: usage: mlp --install-kernel [--user | --prefix DIR]");
            return 2;
        }
        Path jar = Path.of(KernelMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = ProcessHandle.current().info().command().orElse("java");
        Path dir = KernelSpec.install(KernelSpec.kernelsDir(where, args.length == 3 ? args[2] : null), java, jar);
        System.out.println("installed the Jupyter kernel 'mlp' in " + dir);
        return 0;
    }
}
