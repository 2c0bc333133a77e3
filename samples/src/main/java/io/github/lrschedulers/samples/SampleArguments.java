package io.github.lrschedulers.samples;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The command-line options shared by the training samples.
 *
 * <pre>
 * --schedule SPEC        a PyTorch scheduler spec, e.g. "StepLR(step_size=1, gamma=0.5)";
 *                        default OneCycleLR(max_lr=LR, total_steps=EPOCHS * BATCHES_PER_EPOCH)
 * --step-unit U          update | epoch: when the scheduler steps; default update for OneCycleLR,
 *                        CyclicLR and compositions holding one, epoch for the others
 * --steps-per-epoch K    with --step-unit epoch: step every K updates instead of at real epoch ends
 * --epochs N             default 3
 * --batch-size B         default 128
 * --max-batches M        at most M training and M validation batches per epoch; default all
 * --optimizer O          sgd (momentum 0.9, default) | adam
 * --lr A[,B...]          base rate of each parameter group; default 0.1 (sgd), 0.001 (adam)
 * --momentum M           SGD's momentum where the schedule does not cycle it; default 0.9
 * --monitor METRIC       ReduceLROnPlateau's metric: validateLoss (default), trainLoss, ...
 * --data-dir DIR         where the data sets are looked for and prepared; default target/data
 * --output-dir DIR       logs, checkpoints, CSV and plots; default target/NAME
 * --plot                 write lr-history.csv, lr-plot.png and lr-plot.svg to the output dir
 * --log-every N          log (and record) the rate every N updates; default 100, 0 = per epoch
 * --checkpoint-every N   also checkpoint every N updates; default 0 (at epoch ends only)
 * --resume               continue from the checkpoint in the output dir
 * --seed S               random seed; default 42
 * </pre>
 */
public final class SampleArguments {

    /** When the scheduler steps. */
    public enum StepUnit {
        /** After every optimizer update (every batch). */
        UPDATE,
        /** At the end of every epoch. */
        EPOCH
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
    private Path dataDir = Path.of("target", "data");
    private Path outputDir;
    private boolean plot;
    private int logEvery = 100;
    private int checkpointEvery;
    private boolean resume;
    private int seed = 42;

    private SampleArguments() {}

    /**
     * Parses the command line.
     *
     * @param args the arguments
     * @param name the sample's short name, for the default output directory
     * @return the options
     * @throws IllegalArgumentException on an unknown option or a bad value; the message names it
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
                default:
                    break;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "option " + opt + " needs a value, or is unknown; " + usage());
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
                        throw new IllegalArgumentException(
                                "--step-unit must be update or epoch, but was " + v, e);
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
                        throw new IllegalArgumentException(
                                "--optimizer must be sgd or adam, but was " + v);
                    }
                    a.optimizer = v;
                    break;
                case "--lr":
                    try {
                        a.lrs =
                                Arrays.stream(v.split(",", -1))
                                        .map(String::trim)
                                        .mapToDouble(Double::parseDouble)
                                        .toArray();
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(
                                "--lr must be numbers separated by commas, but was " + v, e);
                    }
                    break;
                case "--momentum":
                    try {
                        a.momentum = Float.parseFloat(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(
                                "--momentum must be a number, but was " + v, e);
                    }
                    break;
                case "--monitor":
                    a.monitor = v;
                    break;
                case "--data-dir":
                    a.dataDir = Path.of(v);
                    break;
                case "--output-dir":
                    a.outputDir = Path.of(v);
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
                    throw new IllegalArgumentException("unknown option " + opt + "; " + usage());
            }
        }
        if (a.stepsPerEpoch > 0 && a.stepUnit == StepUnit.UPDATE) {
            throw new IllegalArgumentException(
                    "--steps-per-epoch is for --step-unit epoch, but the step unit is update");
        }
        return a;
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
                + " --log-every N --checkpoint-every N --resume --seed S";
    }

    private static int integer(String opt, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " must be an integer, but was " + v, e);
        }
    }

    private static int positive(String opt, String v) {
        int n = integer(opt, v);
        if (n < 1) {
            throw new IllegalArgumentException(opt + " must be >= 1, but was " + v);
        }
        return n;
    }

    private static int nonNegative(String opt, String v) {
        int n = integer(opt, v);
        if (n < 0) {
            throw new IllegalArgumentException(opt + " must be >= 0, but was " + v);
        }
        return n;
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
