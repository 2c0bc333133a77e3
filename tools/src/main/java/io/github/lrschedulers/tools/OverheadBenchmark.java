package io.github.lrschedulers.tools;

import ai.djl.Model;
import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.basicmodelzoo.basic.Mlp;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.Repository;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import ai.djl.util.Utils;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.listener.LrLoggingListener;
import io.github.lrschedulers.optimizer.ScheduledSgd;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Measures what a schedule costs per training epoch: the Fashion-MNIST MLP of the samples' {@code
 * TrainFashionMnist}, one epoch per run, in alternating order within one JVM, each run from the
 * same seed.
 *
 * <ul>
 *   <li>{@code fixed}: DJL's {@code Sgd} with {@code Tracker.fixed(0.1f)}, momentum 0.9 (the
 *       baseline);
 *   <li>{@code tracker}: DJL's {@code Sgd}, momentum 0.9, with an {@link LrTracker} of OneCycleLR
 *       (the scheduler alone);
 *   <li>{@code logged}: the same with the {@link LrLoggingListener};
 *   <li>{@code scheduled}: {@link ScheduledSgd} with the same tracker and listener, cycling the
 *       momentum as PyTorch does (what the samples run).
 * </ul>
 *
 * <p>Prints the median and the minimum epoch time of each and their ratios to {@code fixed}. Every
 * configuration also has DJL's logging listeners. Epoch times on a shared machine vary by several
 * per cent between rounds, more than the overhead, so the {@code logged} configuration also times,
 * within each epoch, every call into the tracker and the listener (with {@code System.nanoTime}
 * around each call, which overstates them): their share of the epoch is the overhead measured in
 * one run, free of the round-to-round noise.
 *
 * <pre>
 * mvn -B -q -f tools/pom.xml compile exec:exec -Dtool=OverheadBenchmark -Dtool.args="--reps 7"
 * </pre>
 *
 * <p>Options: {@code --reps N} (default 7, after one warm-up round), {@code --batch-size B}
 * (default 128), {@code --data-dir DIR} (default {@code ~/.djl-lr-schedulers/data}, the samples'
 * default: Fashion-MNIST prepared there by a sample is reused, else unzipped there from Debian's
 * {@code dataset-fashion-mnist}).
 */
public final class OverheadBenchmark {

    private static final String[] CONFIGS = {"fixed", "tracker", "logged", "scheduled"};

    /** Nanoseconds spent in the tracker and the listener during the current epoch. */
    private static long inLibrary;

    /** Times every call into a tracker. */
    private static final class TimedTracker implements Tracker {
        private final LrTracker tracker;

        TimedTracker(LrTracker tracker) {
            this.tracker = tracker;
        }

        @Override
        public float getNewValue(int numUpdate) {
            long t = System.nanoTime();
            float v = tracker.getNewValue(numUpdate);
            inLibrary += System.nanoTime() - t;
            return v;
        }

        @Override
        public float getNewValue(String parameterId, int numUpdate) {
            long t = System.nanoTime();
            float v = tracker.getNewValue(parameterId, numUpdate);
            inLibrary += System.nanoTime() - t;
            return v;
        }
    }

    /** Times every call into a listener. */
    private static final class TimedListener implements TrainingListener {
        private final TrainingListener listener;

        TimedListener(TrainingListener listener) {
            this.listener = listener;
        }

        private void timed(Runnable call) {
            long t = System.nanoTime();
            call.run();
            inLibrary += System.nanoTime() - t;
        }

        @Override
        public void onEpoch(Trainer trainer) {
            timed(() -> listener.onEpoch(trainer));
        }

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            timed(() -> listener.onTrainingBatch(trainer, batchData));
        }

        @Override
        public void onValidationBatch(Trainer trainer, BatchData batchData) {
            timed(() -> listener.onValidationBatch(trainer, batchData));
        }

        @Override
        public void onTrainingBegin(Trainer trainer) {
            timed(() -> listener.onTrainingBegin(trainer));
        }

        @Override
        public void onTrainingEnd(Trainer trainer) {
            timed(() -> listener.onTrainingEnd(trainer));
        }
    }

    private OverheadBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args the command line
     * @throws IOException if the data cannot be read
     * @throws TranslateException if the data cannot be transformed
     */
    public static void main(String[] args) throws IOException, TranslateException {
        // As the samples: tracking off and DJL offline unless the environment or -D says otherwise.
        if (System.getenv("OPT_OUT_TRACKING") == null
                && System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        if (System.getenv("DJL_OFFLINE") == null && System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        int reps = 7;
        int batchSize = 128;
        Path dataDir = Path.of(System.getProperty("user.home"), ".djl-lr-schedulers", "data");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--reps":
                    reps = Integer.parseInt(args[i + 1]);
                    break;
                case "--batch-size":
                    batchSize = Integer.parseInt(args[i + 1]);
                    break;
                case "--data-dir":
                    dataDir = Path.of(args[i + 1]);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Repository repository = fashionMnist(dataDir);
        FashionMnist.Builder b =
                FashionMnist.builder().optUsage(Dataset.Usage.TRAIN).setSampling(batchSize, true);
        if (repository != null) {
            b.optRepository(repository);
        }
        FashionMnist train = b.build();
        train.prepare();
        int updates = (int) ((train.size() + batchSize - 1) / batchSize);

        List<List<Double>> times = new ArrayList<>();
        for (int c = 0; c < CONFIGS.length; c++) {
            times.add(new ArrayList<>());
        }
        for (int rep = 0; rep <= reps; rep++) {
            for (int k = 0; k < CONFIGS.length; k++) {
                // Rotate the order each round, so no configuration always runs first.
                int c = (k + rep) % CONFIGS.length;
                double seconds = epoch(CONFIGS[c], train, updates);
                if (rep > 0) {
                    times.get(c).add(seconds);
                }
                System.out.printf(
                        Locale.ROOT,
                        "round %d %-9s %.3f s%s%n",
                        rep,
                        CONFIGS[c],
                        seconds,
                        rep == 0 ? " (warm-up)" : "");
            }
        }
        shares.remove(0); // the warm-up round
        double base = median(times.get(0));
        double baseMin = min(times.get(0));
        System.out.printf(
                Locale.ROOT,
                "Fashion-MNIST MLP, %d updates of %d per epoch, %d rounds, %s:%n",
                updates,
                batchSize,
                reps,
                Arrays.toString(Engine.getInstance().getDevices()));
        for (int c = 0; c < CONFIGS.length; c++) {
            double m = median(times.get(c));
            double least = min(times.get(c));
            System.out.printf(
                    Locale.ROOT,
                    "%-9s median %.3f s/epoch (%+.2f %% vs fixed), min %.3f s (%+.2f %%)%n",
                    CONFIGS[c],
                    m,
                    (m / base - 1) * 100,
                    least,
                    (least / baseMin - 1) * 100);
        }
        System.out.printf(
                Locale.ROOT,
                "time in the tracker and LrLoggingListener, measured within each epoch:"
                        + " median %.3f %% of the epoch, max %.3f %%%n",
                median(shares) * 100,
                max(shares) * 100);
    }

    /**
     * Returns DJL's local repository of Fashion-MNIST, {@code DATA_DIR/fashion-mnist} with the four
     * files named as DJL reads them, unzipped there from Debian's package the first time.
     *
     * @return the repository, or {@code null} to let DJL download the data (online only)
     * @throws IOException if the files cannot be read or written, or are missing offline
     */
    private static Repository fashionMnist(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("fashion-mnist");
        for (String[] file : FASHION_FILES) {
            Path target = dir.resolve(file[1]);
            Path source = Path.of(DEBIAN_FASHION, file[0]);
            if (Files.isRegularFile(target)) {
                continue;
            }
            if (!Files.isRegularFile(source)) {
                if (!Utils.isOfflineMode()) {
                    return null;
                }
                throw new IOException(
                        "Fashion-MNIST not found in "
                                + dir.toAbsolutePath()
                                + " or "
                                + DEBIAN_FASHION
                                + ", and DJL is offline: sudo apt-get install"
                                + " dataset-fashion-mnist, or run a training sample first");
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file[1], ".tmp");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(source))) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return Repository.newInstance("fashion-mnist", dir);
    }

    /** Where Debian's {@code dataset-fashion-mnist} installs the gzipped idx files. */
    private static final String DEBIAN_FASHION = "/usr/share/datasets/fashion-mnist";

    /** Each published file of Fashion-MNIST and the name DJL's {@code FashionMnist} reads. */
    private static final String[][] FASHION_FILES = {
        {"train-images-idx3-ubyte.gz", "train_data"},
        {"train-labels-idx1-ubyte.gz", "train_labels"},
        {"t10k-images-idx3-ubyte.gz", "test_data"},
        {"t10k-labels-idx1-ubyte.gz", "test_labels"}
    };

    /** The share of each {@code logged} epoch spent in the tracker and the listener. */
    private static final List<Double> shares = new ArrayList<>();

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Trains one epoch from the same seed and returns its wall time in seconds. */
    private static double epoch(String kind, FashionMnist train, int updates)
            throws IOException, TranslateException {
        Engine.getInstance().setRandomSeed(42);
        try (Model model = Model.newInstance("mlp")) {
            model.setBlock(new Mlp(28 * 28, 10, new int[] {128, 64}));
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .addEvaluator(new Accuracy())
                            .optDevices(Engine.getInstance().getDevices())
                            .addTrainingListeners(TrainingListener.Defaults.basic());
            if (kind.equals("fixed")) {
                config.optOptimizer(
                        Optimizer.sgd()
                                .setLearningRateTracker(Tracker.fixed(0.1f))
                                .optMomentum(0.9f)
                                .build());
            } else {
                LrTracker tracker =
                        LrTracker.builder()
                                .setSchedule(
                                        ScheduleSpec.parse(
                                                "OneCycleLR(max_lr=0.1, total_steps="
                                                        + updates
                                                        + ")"))
                                .build();
                TrainingListener lrLog =
                        LrLoggingListener.builder()
                                .setTracker(tracker)
                                .optLogEveryUpdates(100)
                                .build();
                boolean timed = kind.equals("logged");
                if (!kind.equals("tracker")) {
                    config.addTrainingListeners(timed ? new TimedListener(lrLog) : lrLog);
                }
                config.optOptimizer(
                        !kind.equals("scheduled")
                                ? Optimizer.sgd()
                                        .setLearningRateTracker(
                                                timed ? new TimedTracker(tracker) : tracker)
                                        .optMomentum(0.9f)
                                        .build()
                                : ScheduledSgd.builder()
                                        .setLearningRateTracker(tracker)
                                        .optMomentum(0.9f)
                                        .build());
            }
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 1, 28, 28));
                inLibrary = 0;
                long start = System.nanoTime();
                for (Batch batch : trainer.iterateDataset(train)) {
                    EasyTrain.trainBatch(trainer, batch);
                    trainer.step();
                    batch.close();
                }
                trainer.notifyListeners(listener -> listener.onEpoch(trainer));
                long elapsed = System.nanoTime() - start;
                if (kind.equals("logged")) {
                    shares.add((double) inLibrary / elapsed);
                }
                return elapsed / 1e9;
            }
        }
    }
}
