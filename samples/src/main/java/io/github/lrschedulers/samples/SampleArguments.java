package io.github.lrschedulers.samples;

import io.github.lrschedulers.StepUnit;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The command-line options shared by the training samples ({@link #help()} lists them).
 *
 * <p>{@link #parse(String[], String)} checks every option on its own; {@link RunPlan} then checks
 * the spec, the monitored metric and the schedule against the planned run, all before DJL's engine
 * starts or any data is prepared. {@link SampleMain} turns the command line into exit codes.
 */
public final class SampleArguments {

    /**
     * The default data directory, {@code ~/.djl-lr-schedulers/data}: outside the build folders, so
     * that {@code mvn clean} keeps the prepared data sets.
     */
    public static final Path DEFAULT_DATA_DIR =
            Path.of(System.getProperty("user.home"), ".djl-lr-schedulers", "data");

    /** The metrics {@code --monitor} accepts: the samples' loss and their Accuracy evaluator. */
    public static final List<String> MONITORS =
            List.of("validateLoss", "trainLoss", "validate_Accuracy", "train_Accuracy");

    /**
     * A bad command line or a run that cannot work: the message is one line that names the option
     * and the value, and the samples print it without a stack trace.
     */
    public static final class InvalidOptionsException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message the one-line message
         */
        public InvalidOptionsException(String message) {
            super(oneLine(message));
        }

        private static String oneLine(String message) {
            return String.valueOf(message).replaceAll("\\s*[\\r\\n]+\\s*", " ");
        }
    }

    private String schedule;
    private StepUnit stepUnit;
    private int stepsPerEpoch;
    private int epochs = 3;
    private int batchSize = 128;
    private int maxBatches = -1;
    private String optimizer = "sgd";
    private double[] lrs;
    private float momentum = 0.9f;
    private String monitor = "validateLoss";
    private Path dataDir = DEFAULT_DATA_DIR;
    private Path outputDir;
    private boolean plot;
    private int logEvery = 100;
    private int checkpointEvery;
    private boolean resume;
    private boolean findLr;
    private int seed = 42;
    private boolean help;

    private SampleArguments() {}

    /**
     * Parses the command line.
     *
     * @param args the arguments
     * @param name the sample's short name, for the default output directory
     * @return the options
     * @throws InvalidOptionsException on an unknown option or a bad value; the message names it
     */
    public static SampleArguments parse(String[] args, String name) {
        SampleArguments a = new SampleArguments();
        a.outputDir = Path.of("target", name);
        for (int i = 0; i < args.length; i++) {
            String opt = args[i];
            switch (opt) {
                case "--plot":
                    a.plot = true;
                    continue;
                case "--resume":
                    a.resume = true;
                    continue;
                case "--find-lr":
                    a.findLr = true;
                    continue;
                case "--help":
                case "-h":
                    a.help = true;
                    continue;
                default:
                    break;
            }
            if (!OPTIONS.contains(opt)) {
                throw new InvalidOptionsException(
                        "unknown option " + opt + "; " + usage() + " (--help explains them)");
            }
            if (i + 1 >= args.length) {
                throw new InvalidOptionsException("option " + opt + " needs a value");
            }
            String v = args[++i];
            switch (opt) {
                case "--schedule":
                    a.schedule = v;
                    break;
                case "--step-unit":
                    try {
                        a.stepUnit = StepUnit.valueOf(v.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new InvalidOptionsException(
                                "--step-unit must be update or epoch, but was " + v);
                    }
                    break;
                case "--steps-per-epoch":
                    a.stepsPerEpoch = positive(opt, v);
                    break;
                case "--epochs":
                    a.epochs = positive(opt, v);
                    break;
                case "--batch-size":
                    a.batchSize = positive(opt, v);
                    break;
                case "--max-batches":
                    a.maxBatches = positive(opt, v);
                    break;
                case "--optimizer":
                    if (!v.equals("sgd") && !v.equals("adam")) {
                        throw new InvalidOptionsException(
                                "--optimizer must be sgd or adam, but was " + v);
                    }
                    a.optimizer = v;
                    break;
                case "--lr":
                    a.lrs = rates(v);
                    break;
                case "--momentum":
                    a.momentum = (float) number(opt, v);
                    if (!(a.momentum >= 0 && a.momentum < 1)) {
                        throw new InvalidOptionsException(
                                "--momentum must be >= 0 and < 1, but was " + v);
                    }
                    break;
                case "--monitor":
                    if (!MONITORS.contains(v)) {
                        throw new InvalidOptionsException(
                                "--monitor must be one of "
                                        + String.join(", ", MONITORS)
                                        + ", but was "
                                        + v);
                    }
                    a.monitor = v;
                    break;
                case "--data-dir":
                    a.dataDir = path(opt, v);
                    break;
                case "--output-dir":
                    a.outputDir = path(opt, v);
                    break;
                case "--log-every":
                    a.logEvery = nonNegative(opt, v);
                    break;
                case "--checkpoint-every":
                    a.checkpointEvery = nonNegative(opt, v);
                    break;
                case "--seed":
                    a.seed = integer(opt, v);
                    break;
                default:
                    throw new AssertionError(opt);
            }
        }
        if (a.findLr && a.resume) {
            throw new InvalidOptionsException(
                    "--find-lr runs the range test on a new model; it cannot --resume");
        }
        if (a.stepsPerEpoch > 0 && a.stepUnit == StepUnit.UPDATE) {
            throw new InvalidOptionsException(
                    "--steps-per-epoch is for --step-unit epoch, but the step unit is update");
        }
        return a;
    }

    private static final List<String> OPTIONS =
            List.of(
                    "--schedule",
                    "--step-unit",
                    "--steps-per-epoch",
                    "--epochs",
                    "--batch-size",
                    "--max-batches",
                    "--optimizer",
                    "--lr",
                    "--momentum",
                    "--monitor",
                    "--data-dir",
                    "--output-dir",
                    "--log-every",
                    "--checkpoint-every",
                    "--seed");

    private static double[] rates(String v) {
        String[] items = v.split(",", -1);
        double[] lrs = new double[items.length];
        for (int i = 0; i < items.length; i++) {
            lrs[i] = number("--lr", items[i].trim());
            if (!(lrs[i] >= 0) || Double.isInfinite(lrs[i])) {
                throw new InvalidOptionsException(
                        "--lr must be finite rates >= 0 separated by commas, but was " + v);
            }
        }
        return lrs;
    }

    private static double number(String opt, String v) {
        try {
            if (v.isEmpty() || !v.matches("[-+.0-9eE]+|[-+]?(?i:nan|inf|infinity)")) {
                throw new NumberFormatException(v);
            }
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new InvalidOptionsException(opt + " must be a number, but was " + v);
        }
    }

    private static Path path(String opt, String v) {
        try {
            if (v.isBlank()) {
                throw new InvalidOptionsException(opt + " must be a directory, but was empty");
            }
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw new InvalidOptionsException(
                    opt + " must be a directory, but was " + v + " (" + e.getReason() + ")");
        }
    }

    /**
     * Returns the help text: every option with its default.
     *
     * @return the text, several lines
     */
    public static String help() {
        return String.join(
                "\n",
                "options (all optional):",
                "  --schedule SPEC        a PyTorch scheduler spec, e.g. \"StepLR(step_size=1,"
                        + " gamma=0.5)\";",
                "                         lengths may be relative to the run: total_steps=1.0*run,"
                        + " T_max=3*epoch;",
                "                         default OneCycleLR(max_lr=LR, total_steps=1.0*run)",
                "  --step-unit U          update | epoch: when the scheduler steps; default update"
                        + " for OneCycleLR,",
                "                         CyclicLR and compositions holding one, epoch for the"
                        + " others",
                "  --steps-per-epoch K    with --step-unit epoch: step every K updates instead of"
                        + " at real epoch ends",
                "  --epochs N             default 3",
                "  --batch-size B         default 128",
                "  --max-batches M        at most M training and M validation batches per epoch;"
                        + " default all",
                "  --optimizer O          sgd (momentum 0.9, default) | adam",
                "  --lr A[,B...]          base rate of each parameter group; default 0.1 (sgd),"
                        + " 0.001 (adam)",
                "  --momentum M           SGD's momentum where the schedule does not cycle it;"
                        + " default 0.9",
                "  --monitor METRIC       ReduceLROnPlateau's metric: "
                        + String.join(", ", MONITORS)
                        + "; default validateLoss",
                "  --data-dir DIR         where the data sets are looked for and prepared;"
                        + " default ~/.djl-lr-schedulers/data",
                "  --output-dir DIR       logs, checkpoints, CSV and plots; default"
                        + " target/NAME",
                "  --plot                 write lr-history.csv, lr-plot.png and lr-plot.svg to"
                        + " the output dir",
                "  --log-every N          log (and record) the rate every N updates; default"
                        + " 100, 0 = per epoch",
                "  --checkpoint-every N   also checkpoint every N updates; default 0 (at epoch"
                        + " ends only)",
                "  --resume               continue from the checkpoint in the output dir",
                "  --find-lr              run the learning-rate range test (100 updates, 1e-7 to"
                        + " 10) instead of",
                "                         training: print the suggested rates, write lr-find.csv,"
                        + " .png, .svg",
                "  --seed S               random seed; default 42",
                "  --help, -h             print this text",
                "");
    }

    /**
     * Returns the usage text.
     *
     * @return the options, one line
     */
    public static String usage() {
        return "options: --schedule SPEC --step-unit update|epoch --steps-per-epoch K --epochs N"
                + " --batch-size B --max-batches M --optimizer sgd|adam --lr A[,B...]"
                + " --momentum M --monitor METRIC --data-dir DIR --output-dir DIR --plot"
                + " --log-every N --checkpoint-every N --resume --find-lr --seed S";
    }

    private static int integer(String opt, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InvalidOptionsException(opt + " must be an integer, but was " + v);
        }
    }

    private static int positive(String opt, String v) {
        int n = integer(opt, v);
        if (n < 1) {
            throw new InvalidOptionsException(opt + " must be >= 1, but was " + v);
        }
        return n;
    }

    private static int nonNegative(String opt, String v) {
        int n = integer(opt, v);
        if (n < 0) {
            throw new InvalidOptionsException(opt + " must be >= 0, but was " + v);
        }
        return n;
    }

    /**
     * Returns whether {@code --find-lr} asks for the learning-rate range test instead of training.
     *
     * @return whether to run the range test
     */
    public boolean isFindLr() {
        return findLr;
    }

    /**
     * Returns whether {@code --help} was asked for.
     *
     * @return whether to print the help text
     */
    public boolean isHelp() {
        return help;
    }

    /**
     * Returns the schedule spec, or {@code null} for the sample's default.
     *
     * @return the spec
     */
    public String getSchedule() {
        return schedule;
    }

    /**
     * Returns the step unit asked for, or {@code null} for the schedule's default.
     *
     * @return the step unit
     */
    public StepUnit getStepUnit() {
        return stepUnit;
    }

    /**
     * Returns the fixed number of updates per scheduler step, or 0 to step at real epoch ends.
     *
     * @return the steps per epoch
     */
    public int getStepsPerEpoch() {
        return stepsPerEpoch;
    }

    /**
     * Returns the number of epochs.
     *
     * @return the epochs
     */
    public int getEpochs() {
        return epochs;
    }

    /**
     * Returns the batch size.
     *
     * @return the batch size
     */
    public int getBatchSize() {
        return batchSize;
    }

    /**
     * Returns the maximum number of batches per epoch, or -1 for all.
     *
     * @return the maximum
     */
    public int getMaxBatches() {
        return maxBatches;
    }

    /**
     * Returns the number of examples per epoch the options allow, for DJL's {@code optLimit}: all,
     * or {@code --max-batches} batches.
     *
     * @return the limit
     */
    public long getExampleLimit() {
        return maxBatches < 0 ? Long.MAX_VALUE : (long) maxBatches * batchSize;
    }

    /**
     * Returns the optimizer, {@code sgd} or {@code adam}.
     *
     * @return the optimizer
     */
    public String getOptimizer() {
        return optimizer;
    }

    /**
     * Returns the base rates, one per parameter group.
     *
     * @return the rates
     */
    public double[] getLrs() {
        if (lrs != null) {
            return lrs.clone();
        }
        return new double[] {optimizer.equals("adam") ? 0.001 : 0.1};
    }

    /**
     * Returns SGD's momentum where the schedule does not cycle it.
     *
     * @return the momentum
     */
    public float getMomentum() {
        return momentum;
    }

    /**
     * Returns the metric ReduceLROnPlateau monitors.
     *
     * @return the metric name
     */
    public String getMonitor() {
        return monitor;
    }

    /**
     * Returns the data directory.
     *
     * @return the directory
     */
    public Path getDataDir() {
        return dataDir;
    }

    /**
     * Returns the output directory.
     *
     * @return the directory
     */
    public Path getOutputDir() {
        return outputDir;
    }

    /**
     * Returns whether to write the CSV and plots.
     *
     * @return whether to plot
     */
    public boolean isPlot() {
        return plot;
    }

    /**
     * Returns the number of updates between rate log lines, 0 for per epoch only.
     *
     * @return the interval
     */
    public int getLogEvery() {
        return logEvery;
    }

    /**
     * Returns the number of updates between extra checkpoints, 0 for epoch ends only.
     *
     * @return the interval
     */
    public int getCheckpointEvery() {
        return checkpointEvery;
    }

    /**
     * Returns whether to resume from the output directory's checkpoint.
     *
     * @return whether to resume
     */
    public boolean isResume() {
        return resume;
    }

    /**
     * Returns the random seed.
     *
     * @return the seed
     */
    public int getSeed() {
        return seed;
    }
}
