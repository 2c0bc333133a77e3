package io.github.lrschedulers.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The samples' errors come first and in one line: options, spec, monitor and the schedule against
 * the planned run are checked before DJL's engine starts or data is prepared.
 */
class SampleErrorsTest {

    @TempDir Path dir;

    /** The outcome of a sample's {@code main} run in this JVM. */
    record Outcome(int code, String out, String err) {}

    /** A sample's {@code main} with its output streams. */
    @FunctionalInterface
    interface Sample {
        int main(String[] argv, PrintStream out, PrintStream err) throws Exception;
    }

    static Outcome main(Sample sample, String... argv) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = sample.main(argv, o, e);
        }
        return new Outcome(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertOneLine(Outcome o, int code, String... parts) {
        assertEquals(code, o.code(), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
        assertFalse(o.err().contains("\tat "), o.err());
        for (String part : parts) {
            assertTrue(o.err().contains(part), o.err() + " should contain " + part);
        }
    }

    private String[] mnistArgs(String... more) throws IOException {
        // 10 batches of 32 per epoch, 3 epochs: 30 planned updates.
        SampleTestData.writeMnist(dir.resolve("data"), 320, 32);
        List<String> all =
                new ArrayList<>(
                        List.of(
                                "--data-dir",
                                dir.resolve("data").toString(),
                                "--output-dir",
                                dir.resolve("out").toString(),
                                "--batch-size",
                                "32",
                                "--epochs",
                                "3"));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    private void assertNothingPrepared() throws IOException {
        assertFalse(Files.exists(dir.resolve("data/mnist")), "the data was prepared");
        assertFalse(Files.exists(dir.resolve("out")), "the output directory was created");
    }

    @Test
    void specTypoFailsInOneLineBeforeTheData() throws Exception {
        Outcome o = main(TrainMnist::main, mnistArgs("--schedule", "OneCyleLR(max_lr=0.1)"));
        assertOneLine(o, SampleMain.EXIT_USAGE, "mnist: --schedule: ", "OneCyleLR");
        assertEquals("", o.out());
        assertNothingPrepared();
    }

    @Test
    void unknownMonitorNamesTheChoices() throws Exception {
        Outcome o = main(TrainMnist::main, mnistArgs("--monitor", "validLoss"));
        assertOneLine(
                o,
                SampleMain.EXIT_USAGE,
                "--monitor must be one of validateLoss, trainLoss, validate_Accuracy,"
                        + " train_Accuracy, but was validLoss");
        assertNothingPrepared();
    }

    @Test
    void badOptionValuesFailInOneLine() throws Exception {
        String[][] cases = {
            {"option --epochs needs a value", "--epochs"},
            {"--epochs must be >= 1, but was 0", "--epochs", "0"},
            {"--lr must be finite rates >= 0", "--lr", "-0.1"},
            {"--lr must be a number, but was ", "--lr", "0.1,"},
            {"--lr must be a number, but was 1d", "--lr", "1d"},
            {"--momentum must be >= 0 and < 1, but was 1.5", "--momentum", "1.5"},
            {"unknown option --bogus", "--plot", "--bogus"},
            {
                "--step-unit: ReduceLROnPlateau",
                "--schedule",
                "ReduceLROnPlateau()",
                "--step-unit",
                "update"
            },
            {
                "--steps-per-epoch: ReduceLROnPlateau",
                "--schedule",
                "ReduceLROnPlateau()",
                "--steps-per-epoch",
                "5"
            },
            {
                "--schedule OneCycleLR with these options: ",
                "--schedule",
                "OneCycleLR(max_lr=[0.1, 0.01], total_steps=30)"
            },
            {"--resume: no checkpoint mlp in ", "--resume"},
        };
        for (String[] c : cases) {
            String[] argv = Arrays.copyOfRange(c, 1, c.length);
            Outcome o = main(TrainMnist::main, mnistArgs(argv));
            assertOneLine(o, SampleMain.EXIT_USAGE, "mnist: " + c[0]);
            assertNothingPrepared();
        }
    }

    @Test
    void aScheduleThatWouldCrashIsRejectedWithTheNumbers() throws Exception {
        String spec = "OneCycleLR(max_lr=0.1, total_steps=20)";
        LrTracker tracker =
                LrTracker.builder().setSchedule(ScheduleSpec.parse(spec)).optBaseLr(0.1).build();
        int failing = 1;
        while (true) {
            try {
                tracker.getLr(0, failing);
                failing++;
            } catch (IllegalStateException e) {
                break;
            }
        }
        Outcome o = main(TrainMnist::main, mnistArgs("--schedule", spec));
        assertOneLine(
                o,
                SampleMain.EXIT_USAGE,
                "fails at update " + failing + " of the 30 planned",
                "total_steps is 20",
                "(the run: 3 epochs of 10 updates)");
        assertNothingPrepared();
    }

    @Test
    void warningsNameTheSamplesOptionToStepPerUpdate() throws Exception {
        // 10 updates per epoch, 3 epochs: a warm restart every 20 steps needs per-update stepping.
        RunPlan plan =
                RunPlan.of(
                        SampleArguments.parse(
                                mnistArgs(
                                        "--schedule",
                                        "CosineAnnealingWarmRestarts(T_0=20)",
                                        "--monitor",
                                        "trainLoss"),
                                "mnist"),
                        "mlp",
                        SampleData::mnistTrainSize);
        assertEquals(30, plan.plannedUpdates());
        List<String> warnings = plan.warnings();
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("horizon is 20 scheduler steps"), warnings.get(0));
        assertTrue(
                warnings.get(0).contains("the run's 3 scheduler steps (30 updates"),
                warnings.get(0));
        assertTrue(warnings.get(0).endsWith(": use --step-unit update"), warnings.get(0));
        assertEquals(
                "--monitor trainLoss is ignored: only ReduceLROnPlateau uses a metric, and the"
                        + " schedule is CosineAnnealingWarmRestarts",
                warnings.get(1));
        assertTrue(
                plan.lint()
                        .getPreview()
                        .startsWith("CosineAnnealingWarmRestarts stepped per epoch"),
                plan.lint().getPreview());
        assertNothingPrepared();
    }

    @Test
    void missingDataFailsInOneLineWithAdviceThatWorks() throws Exception {
        Outcome o =
                main(
                        TrainMnist::main,
                        "--data-dir",
                        dir.resolve("empty").toString(),
                        "--output-dir",
                        dir.resolve("out").toString());
        assertOneLine(
                o,
                SampleMain.EXIT_FAILURE,
                "mnist: error: MNIST not found",
                "-Ddjl.offline=false",
                "DJL_OFFLINE=false");
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void helpListsEveryOptionAndSucceeds() throws Exception {
        for (String flag : new String[] {"--help", "-h"}) {
            Outcome o = main(TrainFashionMnist::main, "--epochs", "2", flag);
            assertEquals(SampleMain.EXIT_OK, o.code(), o.err());
            assertEquals("", o.err());
            for (String option :
                    Stream.of(SampleArguments.usage().split(" "))
                            .filter(w -> w.startsWith("--"))
                            .toList()) {
                assertTrue(o.out().contains("  " + option + " "), option + " in " + o.out());
            }
            assertTrue(o.out().contains(SampleArguments.DEFAULT_DATA_DIR.getFileName().toString()));
        }
    }

    @Test
    void dataDefaultsOutsideTheBuildFolder() {
        SampleArguments args = SampleArguments.parse(new String[0], "t");
        Path data = args.getDataDir().toAbsolutePath();
        assertTrue(data.startsWith(Path.of(System.getProperty("user.home"))), data.toString());
        assertFalse(data.toString().contains("target"), data.toString());
    }

    /**
     * A spec typo in a fresh JVM: one line, exit code 2, nothing on standard output. How fast is
     * not a unit test's business (timings are noisy on a shared machine): {@code .ci/run} times the
     * same typo with {@code samples.jar} on the CI machine (under 2 s).
     */
    @Test
    void specTypoInAFreshJvmFailsInOneLine() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Outcome o =
                run(
                        List.of(
                                java,
                                "-cp",
                                cp,
                                TrainFashionMnist.class.getName(),
                                "--data-dir",
                                dir.resolve("data").toString(),
                                "--schedule",
                                "OneCycleLR(max_lr=0.1, total_step=1407)"),
                        "typo");
        assertEquals(SampleMain.EXIT_USAGE, o.code(), o.err());
        assertEquals("", o.out());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().startsWith("fashion-mnist: --schedule: "), o.err());
        assertTrue(o.err().contains("total_step"), o.err());
    }

    private Outcome run(List<String> command, String name) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running");
        return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
