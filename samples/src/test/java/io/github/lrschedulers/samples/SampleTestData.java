package io.github.lrschedulers.samples;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Small data sets in their published formats, and the shared folders of the samples' tests. */
final class SampleTestData {

    /** Where the tests prepare Fashion-MNIST (from Debian's package), shared by the tests. */
    static final Path FASHION_DATA_DIR = Path.of("target", "test-data");

    private SampleTestData() {}

    /**
     * Writes MNIST's four gzipped idx files (as published) with random images and labels.
     *
     * @param dir the folder
     * @param train the number of training images
     * @param test the number of test images
     */
    static void writeMnist(Path dir, int train, int test) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(1);
        writeIdx(
                dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"),
                train,
                random);
        writeIdx(
                dir.resolve("t10k-images-idx3-ubyte.gz"),
                dir.resolve("t10k-labels-idx1-ubyte.gz"),
                test,
                random);
    }

    private static void writeIdx(Path images, Path labels, int n, Random random)
            throws IOException {
        byte[] label = new byte[n];
        try (DataOutputStream out = gzip(images)) {
            out.writeInt(0x00000803);
            out.writeInt(n);
            out.writeInt(28);
            out.writeInt(28);
            for (int i = 0; i < n; i++) {
                label[i] = (byte) random.nextInt(10);
                byte[] pixels = new byte[28 * 28];
                // A bright square whose position depends on the label, on noise: learnable.
                random.nextBytes(pixels);
                for (int p = 0; p < pixels.length; p++) {
                    pixels[p] = (byte) ((pixels[p] & 0xFF) / 4);
                }
                for (int r = 0; r < 5; r++) {
                    for (int c = 0; c < 5; c++) {
                        pixels[(2 + label[i] * 2 + r) * 28 + 2 + c] = (byte) 255;
                    }
                }
                out.write(pixels);
            }
        }
        try (DataOutputStream out = gzip(labels)) {
            out.writeInt(0x00000801);
            out.writeInt(n);
            out.write(label);
        }
    }

    private static DataOutputStream gzip(Path file) throws IOException {
        OutputStream os = Files.newOutputStream(file);
        return new DataOutputStream(new GZIPOutputStream(os));
    }

    /**
     * Writes CIFAR-10's binary batches as published in {@code cifar-10-batches-bin}: {@code
     * data_batch_1.bin .. data_batch_5.bin} and {@code test_batch.bin}, records of 1 label byte and
     * 3072 pixel bytes (red, green, blue planes of 32 x 32).
     *
     * @param dir the folder to create {@code cifar-10-batches-bin} in
     * @param perBatch the number of records of each training batch
     * @param test the number of test records
     * @return the labels written, training batches first
     */
    static List<Integer> writeCifar(Path dir, int perBatch, int test) throws IOException {
        Path bin = dir.resolve("cifar-10-batches-bin");
        Files.createDirectories(bin);
        Random random = new Random(2);
        List<Integer> labels = new ArrayList<>();
        for (int b = 1; b <= 6; b++) {
            Path file = bin.resolve(b <= 5 ? "data_batch_" + b + ".bin" : "test_batch.bin");
            int n = b <= 5 ? perBatch : test;
            byte[] data = new byte[n * 3073];
            random.nextBytes(data);
            for (int i = 0; i < n; i++) {
                int label = random.nextInt(10);
                data[i * 3073] = (byte) label;
                labels.add(label);
            }
            Files.write(file, data);
        }
        return labels;
    }
}
