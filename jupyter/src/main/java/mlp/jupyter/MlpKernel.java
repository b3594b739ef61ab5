package mlp.jupyter;

import mlp.MlpError;
import mlp.embed.MlpInterpreter;
import mlp.embed.MlpProgram;
import mlp.embed.MlpStopped;
import mlp.embed.MlpValue;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/**
 * The mlp kernel: one {@link MlpInterpreter} per kernel, so names live from cell to cell. A cell
 * runs on the interpreter's own thread (deep stack) while the shell thread waits; the stop button
 * arrives on the control thread and cancels it as Ctrl-C does. Printed text, pictures and the
 * progress bar go to the cell that runs.
 */
final class MlpKernel extends BaseKernel {
    private final MlpInterpreter mlp;
    private final Assist assist = new Assist();
    private volatile Cell current;

    MlpKernel() {
        super("mlp", version(),
                new LanguageInfo.Builder("mlp").version(version()).mimetype("text/x-mlp").fileExtension(".mlp")
                        .codemirror("python").build(), // no mlp mode in CodeMirror: Python's colours its comments, strings, numbers, for/in/if/else
                List.of(), null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(), null,
                new MagicsRegistry(), false, new StringStyler.Builder().build());
        mlp = MlpInterpreter.builder()
                .output(new CellWriter(() -> current))
                .pictures(new NotebookPictures(() -> current))
                .progress(new NotebookProgress(() -> current))
                .allowFiles(Path.of("/")) // as the command line: the notebook's user owns the files
                .workingDir(Path.of("").toAbsolutePath()) // Jupyter starts a kernel in its notebook's folder
                .build();
    }

    private static String version() {
        String v = MlpKernel.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }

    @Override
    public String getBanner() {
        return "mlp " + version() + ": a small language for neural networks";
    }

    /**
     * One cell: its outputs while it runs, then its value as {@code Out[n]} or its error as
     * {@code In[n]:line:col: message}, the source line and a caret; {@code ename} is the kind of
     * error (SyntaxError, Error, Interrupted).
     */
    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        ExecuteRequest request = message.getContent();
        int count = executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        Cell cell = new Cell(env, count);
        current = cell;
        try {
            DisplayData out = run(request.getCode(), count);
            cell.flush();
            if (out != null) env.publish(new PublishExecuteResult(count, out));
            env.defer().reply(new ExecuteReply(count, Collections.emptyMap()));
        } catch (CellError e) {
            cell.flush();
            env.publish(new PublishError(e.ename, e.evalue, e.traceback));
            ErrorReply reply = new ErrorReply(e.ename, e.evalue, e.traceback);
            reply.setExecutionCount(count);
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
        } finally {
            current = null;
        }
    }

    private DisplayData run(String code, int count) {
        MlpProgram program;
        try {
            program = MlpProgram.parse(code, "In[" + count + "]");
        } catch (MlpError e) {
            throw new CellError("SyntaxError", e);
        } catch (StackOverflowError e) {
            throw new CellError("SyntaxError", new MlpError("too deep: the expression nests too deeply"));
        }
        MlpValue value;
        try {
            value = mlp.eval(program);
        } catch (MlpStopped e) {
            throw new CellError("Interrupted", e);
        } catch (MlpError e) {
            throw new CellError("Error", e);
        }
        try {
            return Displays.of(value);
        } catch (MlpError e) {
            throw new CellError("Error", e);
        }
    }

    /** An error as a notebook shows it: its kind, its message, and the lines under the cell. */
    static final class CellError extends RuntimeException {
        final String ename;
        final String evalue;
        final List<String> traceback;

        CellError(String ename, MlpError e) {
            super(e.plainMessage(), null, false, false);
            this.ename = ename;
            this.evalue = e.plainMessage();
            List<String> lines = List.of(e.format().split("\n", -1));
            // the first line in red, as Jupyter's own kernels show an error's name
            this.traceback = lines.isEmpty() ? lines
                    : java.util.stream.Stream.concat(java.util.stream.Stream.of("\u001b[0;31m" + lines.get(0) + "\u001b[0m"),
                    lines.stream().skip(1)).toList();
        }
    }

    @Override
    public Object evalRaw(String code) {
        throw new UnsupportedOperationException("cells run through handleExecuteRequest");
    }

    @Override
    public void interrupt() {
        mlp.cancel(); // training stops after its epoch; the model keeps it
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        Assist.Word w = Assist.wordAt(code, at);
        int cursor = Math.max(0, Math.min(at, code.length()));
        String prefix = code.substring(w.start(), cursor);
        return new ReplacementOptions(assist.complete(prefix, mlp.names()), w.start(), w.end());
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        String name = Assist.subject(code, at);
        if (name == null) return null;
        if (mlp.has(name)) {
            MlpValue v = mlp.get(name);
            String text = v.toString();
            if (text.length() > 2000) text = text.substring(0, 2000) + " ...";
            return new DisplayData(name + " is a " + v.kind() + ", defined in this notebook:\n" + text);
        }
        String help = assist.help(name);
        return help == null ? null : new DisplayData(help);
    }

    @Override
    public String isComplete(String code) {
        return switch (Assist.status(code)) {
            case "complete" -> IS_COMPLETE_YES;
            case "incomplete" -> "";
            default -> IS_COMPLETE_BAD;
        };
    }

    @Override
    public void onShutdown(boolean restarting) {
        close();
    }

    void close() {
        mlp.close();
    }
}
