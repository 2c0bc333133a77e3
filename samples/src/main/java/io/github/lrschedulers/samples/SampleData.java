package io.github.lrschedulers.samples;

import ai.djl.repository.Repository;
import ai.djl.util.TarUtils;
import ai.djl.util.Utils;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the data sets' files on the machine and lays them out as a local DJL repository, the folder
 * DJL's {@code FashionMnist}, {@code Mnist} and {@code Cifar10} read offline through {@code
 * optRepository(Repository.newInstance(name, folder))}.
 *
 * <p>DJL's classes read one artifact whose files are named as in DJL's own repository (read in
 * basicdataset 0.35.1's {@code prepare()}): {@code train_data}, {@code train_labels}, {@code
 * test_data}, {@code test_labels} for the MNISTs (idx files, unzipped); {@code data_batch.bin} (the
 * five training batches, concatenated) and {@code test_batch.bin} for CIFAR-10 (records of 1 label
 * byte and 3072 pixel bytes). This class makes that folder from the files as published:
 *
 * <ul>
 *   <li>MNIST and Fashion-MNIST: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 *       {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each gzipped or not;
 *       Fashion-MNIST also from Debian's {@code dataset-fashion-mnist} ({@value #DEBIAN_FASHION});
 *   <li>CIFAR-10: {@code cifar-10-batches-bin/data_batch_1.bin .. data_batch_5.bin} and {@code
 *       test_batch.bin}, or the archive {@code cifar-10-binary.tar.gz} that holds them.
 * </ul>
 *
 * <p>When no files are found and DJL is online, the samples use DJL's own repository, which
 * downloads them ({@code null} from the methods here).
 */
public final class SampleData {

    /** Where Debian's {@code dataset-fashion-mnist} installs the gzipped idx files. */
    public static final String DEBIAN_FASHION = "/usr/share/datasets/fashion-mnist";

    /** The Debian package with Fashion-MNIST. */
    public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";

    /** The number of training images of MNIST and Fashion-MNIST as published. */
    static final long MNIST_TRAIN_SIZE = 60_000;

    /** The number of training images of CIFAR-10 as published. */
    static final long CIFAR10_TRAIN_SIZE = 50_000;

    /** The bytes of one CIFAR-10 record: a label byte and 3 x 32 x 32 pixel bytes. */
    private static final int CIFAR_RECORD = 3073;

    /**
     * How to let DJL download a data set instead: the samples' {@code exec:exec} sets {@code
     * DJL_OFFLINE=true} unless {@code -Ddjl.offline=false} is given, and DJL reads the environment
     * variable before the system property {@code ai.djl.offline}.
     */
    static final String DOWNLOAD_ADVICE =
            "or let DJL download them: add -Ddjl.offline=false to the mvn exec:exec command, or run"
                    + " java with DJL_OFFLINE=false in the environment (and without"
                    + " -Dai.djl.offline=true)";

    private static final Logger logger = LoggerFactory.getLogger(SampleData.class);

    private static final String[][] IDX = {
        {"train-images-idx3-ubyte", "train_data"},
        {"train-labels-idx1-ubyte", "train_labels"},
        {"t10k-images-idx3-ubyte", "test_data"},
        {"t10k-labels-idx1-ubyte", "test_labels"}
    };

    private SampleData() {}

    /**
     * Returns the repository of Fashion-MNIST, preparing {@code DATA_DIR/fashion-mnist} from the
     * published files in {@code DATA_DIR}, {@code DATA_DIR/fashion-mnist} or Debian's folder.
     * Offline without files, installs Debian's package when running as root with apt-get.
     *
     * @param dataDir the data directory
     * @return the repository, or {@code null} to let DJL download (online only)
     * @throws IOException if the files cannot be read or written, or are missing offline; the
     *     message says what to run
     */
    public static Repository fashionMnist(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("fashion-mnist");
        Path[] sources = {dataDir, dir, Path.of(DEBIAN_FASHION)};
        if (prepareIdx(dir, sources)) {
            return Repository.newInstance("fashion-mnist", dir);
        }
        if (!Utils.isOfflineMode()) {
            return null;
        }
        if (installDebianPackage() && prepareIdx(dir, sources)) {
            return Repository.newInstance("fashion-mnist", dir);
        }
        throw fashionMissing(dataDir);
    }

    /**
     * Returns the repository of MNIST, preparing {@code DATA_DIR/mnist} from the published files in
     * {@code DATA_DIR} or {@code DATA_DIR/mnist}.
     *
     * @param dataDir the data directory
     * @return the repository, or {@code null} to let DJL download (online only)
     * @throws IOException if the files cannot be read or written, or are missing offline
     */
    public static Repository mnist(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("mnist");
        if (prepareIdx(dir, new Path[] {dataDir, dir})) {
            return Repository.newInstance("mnist", dir);
        }
        if (!Utils.isOfflineMode()) {
            return null;
        }
        throw mnistMissing(dataDir);
    }

    /**
     * Returns the repository of CIFAR-10, preparing {@code DATA_DIR/cifar10} from {@code
     * cifar-10-batches-bin/} (in {@code DATA_DIR}, or {@code DATA_DIR} itself) or from {@code
     * DATA_DIR/cifar-10-binary.tar.gz}.
     *
     * @param dataDir the data directory
     * @return the repository, or {@code null} to let DJL download (online only)
     * @throws IOException if the files cannot be read or written, or are missing offline
     */
    public static Repository cifar10(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("cifar10");
        if (Files.isRegularFile(dir.resolve("data_batch.bin"))
                && Files.isRegularFile(dir.resolve("test_batch.bin"))) {
            return Repository.newInstance("cifar10", dir);
        }
        Path archive = dataDir.resolve("cifar-10-binary.tar.gz");
        if (findCifarBatches(dataDir) == null && Files.isRegularFile(archive)) {
            logger.info("Extracting {}", archive);
            try (InputStream is = new BufferedInputStream(Files.newInputStream(archive))) {
                TarUtils.untar(is, dataDir, true);
            }
        }
        Path batches = findCifarBatches(dataDir);
        if (batches != null) {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "data_batch", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                for (int i = 1; i <= 5; i++) {
                    Files.copy(batches.resolve("data_batch_" + i + ".bin"), out);
                }
            }
            Files.copy(
                    batches.resolve("test_batch.bin"),
                    dir.resolve("test_batch.bin"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, dir.resolve("data_batch.bin"), StandardCopyOption.REPLACE_EXISTING);
            logger.info("Prepared CIFAR-10 in {} from {}", dir, batches);
            return Repository.newInstance("cifar10", dir);
        }
        if (!Utils.isOfflineMode()) {
            return null;
        }
        throw cifarMissing(dataDir);
    }

    /**
     * Returns the number of Fashion-MNIST training images {@link #fashionMnist(Path)} will give,
     * read from the labels file it will use, without preparing anything; the published count when
     * there are no files yet (Debian's package and DJL's download hold the published set).
     *
     * @param dataDir the data directory
     * @return the number of training images
     * @throws IOException if a labels file cannot be read, or DJL is offline without the files and
     *     the Debian package cannot be installed
     */
    public static long fashionMnistTrainSize(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("fashion-mnist");
        long n = idxTrainSize(dir, new Path[] {dataDir, dir, Path.of(DEBIAN_FASHION)});
        if (n < 0 && Utils.isOfflineMode() && !canInstallDebianPackage()) {
            throw fashionMissing(dataDir);
        }
        return n < 0 ? MNIST_TRAIN_SIZE : n;
    }

    /**
     * Returns the number of MNIST training images {@link #mnist(Path)} will give, without preparing
     * anything; the published count when there are no files yet.
     *
     * @param dataDir the data directory
     * @return the number of training images
     * @throws IOException if a labels file cannot be read, or DJL is offline without the files
     */
    public static long mnistTrainSize(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("mnist");
        long n = idxTrainSize(dir, new Path[] {dataDir, dir});
        if (n < 0 && Utils.isOfflineMode()) {
            throw mnistMissing(dataDir);
        }
        return n < 0 ? MNIST_TRAIN_SIZE : n;
    }

    /**
     * Returns the number of CIFAR-10 training images {@link #cifar10(Path)} will give, from the
     * sizes of the files it will use, without preparing anything; the published count when there
     * are only the archive or no files yet.
     *
     * @param dataDir the data directory
     * @return the number of training images
     * @throws IOException if a file's size cannot be read, or DJL is offline without the files
     */
    public static long cifar10TrainSize(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("cifar10");
        if (Files.isRegularFile(dir.resolve("data_batch.bin"))
                && Files.isRegularFile(dir.resolve("test_batch.bin"))) {
            return Files.size(dir.resolve("data_batch.bin")) / CIFAR_RECORD;
        }
        Path batches = findCifarBatches(dataDir);
        if (batches == null) {
            if (!Files.isRegularFile(dataDir.resolve("cifar-10-binary.tar.gz"))
                    && Utils.isOfflineMode()) {
                throw cifarMissing(dataDir);
            }
            return CIFAR10_TRAIN_SIZE;
        }
        long bytes = 0;
        for (int i = 1; i <= 5; i++) {
            bytes += Files.size(batches.resolve("data_batch_" + i + ".bin"));
        }
        return bytes / CIFAR_RECORD;
    }

    /**
     * The labels in the training labels file {@link #prepareIdx} will use: DJL counts its bytes.
     */
    private static long idxTrainSize(Path dir, Path[] sources) throws IOException {
        if (complete(dir)) {
            return Files.size(dir.resolve("train_labels")) - 8;
        }
        for (Path source : sources) {
            Path[] found = new Path[IDX.length];
            boolean all = true;
            for (int i = 0; i < IDX.length && all; i++) {
                found[i] = find(source, IDX[i][0]);
                all = found[i] != null;
            }
            if (all) {
                try (InputStream in = open(found[1])) {
                    long n = in.transferTo(OutputStream.nullOutputStream());
                    return Math.max(0, n - 8);
                }
            }
        }
        return -1;
    }

    private static IOException fashionMissing(Path dataDir) {
        Path dir = dataDir.resolve("fashion-mnist");
        return new IOException(
                "Fashion-MNIST not found in "
                        + dataDir.toAbsolutePath()
                        + ", "
                        + dir.toAbsolutePath()
                        + " or "
                        + DEBIAN_FASHION
                        + ", and DJL is offline. Install it with: sudo apt-get install "
                        + DEBIAN_PACKAGE
                        + " (or put the four files "
                        + names()
                        + ", gzipped or not, into "
                        + dataDir.toAbsolutePath()
                        + "; "
                        + DOWNLOAD_ADVICE
                        + ")");
    }

    private static IOException mnistMissing(Path dataDir) {
        Path dir = dataDir.resolve("mnist");
        return new IOException(
                "MNIST not found in "
                        + dataDir.toAbsolutePath()
                        + " or "
                        + dir.toAbsolutePath()
                        + ", and DJL is offline: put the four files "
                        + names()
                        + " (gzipped or not, from http://yann.lecun.com/exdb/mnist/) into "
                        + dataDir.toAbsolutePath()
                        + "; "
                        + DOWNLOAD_ADVICE);
    }

    private static IOException cifarMissing(Path dataDir) {
        return new IOException(
                "CIFAR-10 not found in "
                        + dataDir.toAbsolutePath()
                        + ", and DJL is offline: put cifar-10-binary.tar.gz (from"
                        + " https://www.cs.toronto.edu/~kriz/cifar.html) or its folder"
                        + " cifar-10-batches-bin/ (data_batch_1.bin .. data_batch_5.bin,"
                        + " test_batch.bin) into "
                        + dataDir.toAbsolutePath()
                        + "; "
                        + DOWNLOAD_ADVICE);
    }

    private static Path findCifarBatches(Path dataDir) {
        for (Path p : new Path[] {dataDir.resolve("cifar-10-batches-bin"), dataDir}) {
            boolean all = Files.isRegularFile(p.resolve("test_batch.bin"));
            for (int i = 1; i <= 5 && all; i++) {
                all = Files.isRegularFile(p.resolve("data_batch_" + i + ".bin"));
            }
            if (all) {
                return p;
            }
        }
        return null;
    }

    private static String names() {
        List<String> names = new ArrayList<>();
        for (String[] f : IDX) {
            names.add(f[0]);
        }
        return String.join(", ", names);
    }

    /**
     * Makes {@code dir} hold DJL's four idx files, unzipped, from the first source folder that has
     * all four published files (gzipped or not). Returns whether {@code dir} is complete.
     */
    static boolean prepareIdx(Path dir, Path[] sources) throws IOException {
        if (complete(dir)) {
            return true;
        }
        for (Path source : sources) {
            Path[] found = new Path[IDX.length];
            boolean all = true;
            for (int i = 0; i < IDX.length && all; i++) {
                found[i] = find(source, IDX[i][0]);
                all = found[i] != null;
            }
            if (!all) {
                continue;
            }
            Files.createDirectories(dir);
            for (int i = 0; i < IDX.length; i++) {
                Path tmp = Files.createTempFile(dir, IDX[i][1], ".tmp");
                try (InputStream in = open(found[i])) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(tmp, dir.resolve(IDX[i][1]), StandardCopyOption.REPLACE_EXISTING);
            }
            logger.info("Prepared {} from {}", dir, source);
            return true;
        }
        return false;
    }

    private static boolean complete(Path dir) {
        for (String[] f : IDX) {
            if (!Files.isRegularFile(dir.resolve(f[1]))) {
                return false;
            }
        }
        return true;
    }

    private static Path find(Path folder, String name) {
        for (String candidate : new String[] {name + ".gz", name, name.replace("-idx", ".idx")}) {
            Path p = folder.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            return new GZIPInputStream(in);
        }
        return in;
    }

    private static final String APT_GET = "/usr/bin/apt-get";

    /** Whether {@link #installDebianPackage()} can run: apt-get is there and we are root. */
    private static boolean canInstallDebianPackage() {
        return Files.isExecutable(Path.of(APT_GET))
                && "root".equals(System.getProperty("user.name"));
    }

    /**
     * Installs Debian's {@value #DEBIAN_PACKAGE} with apt-get when running as root; logs what to
     * run otherwise.
     *
     * @return whether the package was installed
     */
    static boolean installDebianPackage() {
        Path aptGet = Path.of(APT_GET);
        if (!Files.isExecutable(aptGet)) {
            return false;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            logger.warn("Fashion-MNIST is missing: run sudo apt-get install {}", DEBIAN_PACKAGE);
            return false;
        }
        logger.info("Fashion-MNIST is missing: installing Debian's {}", DEBIAN_PACKAGE);
        try {
            if (run(
                    aptGet.toString(),
                    "install",
                    "-y",
                    "--no-install-recommends",
                    DEBIAN_PACKAGE)) {
                return true;
            }
            return run(aptGet.toString(), "update")
                    && run(
                            aptGet.toString(),
                            "install",
                            "-y",
                            "--no-install-recommends",
                            DEBIAN_PACKAGE);
        } catch (IOException e) {
            logger.warn("apt-get failed: {}", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        return pb.start().waitFor() == 0;
    }
}
