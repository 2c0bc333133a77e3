package io.github.lrschedulers.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XChart is an optional dependency: a JVM whose classpath is this project's test classpath without
 * the XChart jar trains with an {@link LrLoggingListener}, logs and writes its CSV, and asking for
 * a plot fails with one message naming the dependency to add.
 */
class WithoutXChartTest {

    @TempDir Path dir;

    /** The test classpath, as surefire gives it to this JVM. */
    private static List<String> testClasspath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        return List.of(cp.split(File.pathSeparator));
    }

    @Test
    void trainsLogsAndWritesTheCsvWithoutXChartAndNamesItWhenAPlotIsAsked()
            throws IOException, InterruptedException {
        List<String> classpath = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String entry : testClasspath()) {
            String unix = entry.replace(File.separatorChar, '/');
            (unix.contains("/org/knowm/xchart/") ? removed : classpath).add(entry);
        }
        assertEquals(1, removed.size(), "the XChart jar on the test classpath: " + removed);
        assertTrue(
                classpath.stream().anyMatch(e -> e.endsWith("test-classes")),
                "test classes on " + classpath);

        Path out = dir.resolve("out");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String p :
                List.of(
                        "DJL_CACHE_DIR",
                        "ENGINE_CACHE_DIR",
                        "ai.djl.offline",
                        "offline",
                        "OPT_OUT_TRACKING")) {
            String v = System.getProperty(p);
            if (v != null) {
                command.add("-D" + p + "=" + v);
            }
        }
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(WithoutXChartMain.class.getName());
        command.add(out.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Process process = pb.start();
        process.getOutputStream().close();
        byte[] bytes = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the JVM without XChart did not end");
        String output = new String(bytes, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);

        Map<String, String> found = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[a-z.]+")) {
                found.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        String missing =
                "plotting needs XChart, which is not on the classpath: add the dependency "
                        + "org.knowm.xchart:xchart:3.8.8 (optional in djl-lr-schedulers)";
        assertEquals("absent", found.get("xchart"), output);
        assertEquals("false", found.get("available"), output);
        assertEquals(missing, found.get("build"), output);
        assertTrue(found.get("listener").contains("plot=false"), output);
        assertEquals("8", found.get("updates"), output);
        assertEquals("4", found.get("rows"), output);
        assertEquals("true", found.get("csv"), output);
        assertEquals("false", found.get("png"), output);
        assertEquals("false", found.get("svg"), output);
        assertEquals(missing, found.get("write"), output);
        assertEquals("false", found.get("asked.png"), output);
        // Logging works, and says once why there is no plot.
        assertTrue(output.contains("LrLoggingListener - Epoch 2: lr "), output);
        assertTrue(
                output.contains(
                        "No learning-rate plot: XChart is not on the classpath; add"
                                + " org.knowm.xchart:xchart:3.8.8 to plot"),
                output);
    }
}
