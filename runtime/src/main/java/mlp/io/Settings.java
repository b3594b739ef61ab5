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
        /** Handed to the host's {@link PictureSink} (a notebook shows them inline). */
        INLINE,
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
    private int threads = Runtime.getRuntime().availableProcessors();
    private mlp.train.TrainingListener trainingListener = null;
    private int regionCells = 60;
    private final java.util.Set<Path> picturesNamed = new java.util.HashSet<>();
    private PictureSink pictureSink = null;
    private mlp.train.ProgressSink progressSink = null;

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

    /** Where pictures go when they are {@link Pictures#INLINE}. */
    public PictureSink pictureSink() {
        return pictureSink;
    }

    /** Pictures go to {@code sink} (pictures become {@link Pictures#INLINE}). */
    public Settings pictures(PictureSink sink) {
        this.pictureSink = java.util.Objects.requireNonNull(sink, "sink");
        this.pictures = Pictures.INLINE;
        return this;
    }

    /**
     * The host's display of the progress bar (a notebook's line updated in place), or null: then
     * the bar goes to {@link #progress()}.
     */
    public mlp.train.ProgressSink progressSink() {
        return progressSink;
    }

    public Settings progressSink(mlp.train.ProgressSink sink) {
        this.progressSink = sink;
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

    /** How many cores large matrix products and elementwise passes use (default: all the machine has). */
    public int threads() {
        return threads;
    }

    public Settings threads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        this.threads = threads;
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

    /**
     * The cells along each side of the grid a classification run's decision regions are recorded
     * on (60: 3,600 points evaluated per kept frame); 0 records none.
     */
    public int regionCells() {
        return regionCells;
    }

    public Settings regionCells(int cells) {
        if (cells < 0 || cells > 1000) throw new IllegalArgumentException("regionCells must be 0 to 1000, not " + cells);
        this.regionCells = cells;
        return this;
    }

    /**
     * Claims a plots-folder file for a picture of this session: true the first time, false when
     * this session already wrote it (headless pictures never overwrite each other in one run).
     */
    public boolean claimPictureName(Path file) {
        synchronized (picturesNamed) {
            return picturesNamed.add(file);
        }
    }
}
