package mlp.io;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Where an interpreter's output goes and what it may touch. The command line and the Java API
 * each fill one in; built-ins read it through {@link Interpreter#settings()}.
 */
public final class Settings {
    /** How pictures are shown. */
    public enum Pictures {
        /** Windows when a display exists, else files in the plots folder. */
        WINDOWS,
        /** Always files in the plots folder (the {@code --headless} flag). */
        FILES,
        /** Nothing is drawn or written. */
        OFF
    }

    private PrintWriter out = new PrintWriter(System.out, true);
    private PrintStream progress = System.err;
    private boolean progressIsTerminal = System.console() != null;
    private Pictures pictures = Pictures.WINDOWS;
    private Path plotsDir = Path.of("plots");
    private Path fileRoot = null;
    private Path workingDir = Path.of("").toAbsolutePath();
    private long maxElements = 100_000_000L;
    private long maxEpochs = Long.MAX_VALUE;
    private mlp.train.TrainingListener trainingListener = null;

    /** Where {@code print} and echoed values go. */
    public PrintWriter out() {
        return out;
    }

    public Settings out(PrintWriter out) {
        this.out = out;
        return this;
    }

    /** Where the training progress bar goes; null turns it off. */
    public PrintStream progress() {
        return progress;
    }

    public Settings progress(PrintStream progress) {
        this.progress = progress;
        return this;
    }

    /** True when the progress stream is a terminal (a live bar), false for one line at the end. */
    public boolean progressIsTerminal() {
        return progressIsTerminal;
    }

    public Settings progressIsTerminal(boolean terminal) {
        this.progressIsTerminal = terminal;
        return this;
    }

    public Pictures pictures() {
        return pictures;
    }

    public Settings pictures(Pictures pictures) {
        this.pictures = pictures;
        return this;
    }

    /** Where pictures are written when no window can be opened. */
    public Path plotsDir() {
        return plotsDir;
    }

    public Settings plotsDir(Path dir) {
        this.plotsDir = dir;
        return this;
    }

    /**
     * The folder inside which {@code load}/{@code save} may touch files; null (the default for an
     * embedded interpreter) refuses every file. The command line grants the file system.
     */
    public Path fileRoot() {
        return fileRoot;
    }

    public Settings fileRoot(Path root) {
        this.fileRoot = root == null ? null : root.toAbsolutePath().normalize();
        return this;
    }

    /** The folder relative file names are resolved against (the current folder by default). */
    public Path workingDir() {
        return workingDir;
    }

    public Settings workingDir(Path dir) {
        this.workingDir = dir.toAbsolutePath().normalize();
        return this;
    }

    /** The largest tensor (in elements) any operation may create. */
    public long maxElements() {
        return maxElements;
    }

    public Settings maxElements(long max) {
        this.maxElements = max;
        return this;
    }

    /** The most epochs one {@code train} call may run. */
    public long maxEpochs() {
        return maxEpochs;
    }

    public Settings maxEpochs(long max) {
        this.maxEpochs = max;
        return this;
    }

    /**
     * A host's watcher of every training run (the Java API's progress listener), or null. train
     * calls it on the training thread, beside its own progress bar and live window.
     */
    public mlp.train.TrainingListener trainingListener() {
        return trainingListener;
    }

    public Settings trainingListener(mlp.train.TrainingListener listener) {
        this.trainingListener = listener;
        return this;
    }
}
