package io.github.lrschedulers.finder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
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
 * XChart is optional for the range test too: without it the result and its CSV work, and asking for
 * the plot fails with the message of {@code LrPlot}, naming the dependency to add.
 */
class WithoutXChartFinderTest {

    @TempDir Path dir;

    @Test
    void writesTheCsvAndNamesXChartWhenThePlotIsAsked() throws Exception {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        List<String> classpath = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            String unix = entry.replace(File.separatorChar, '/');
            (unix.contains("/org/knowm/xchart/") ? removed : classpath).add(entry);
        }
        assertEquals(1, removed.size(), "the XChart jar on the test classpath: " + removed);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(WithoutXChartFinderMain.class.getName());
        command.add(dir.resolve("out").toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] bytes = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the JVM without XChart did not end");
        String output = new String(bytes, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        Map<String, String> found = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                found.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        assertEquals("absent", found.get("xchart"), output);
        assertEquals("5", found.get("suggestions"), output);
        assertEquals("41", found.get("csv"), output);
        assertEquals(
                "plotting needs XChart, which is not on the classpath: add the dependency "
                        + "org.knowm.xchart:xchart:3.8.8 (optional in djl-lr-schedulers)",
                found.get("plot"),
                output);
        assertEquals("false", found.get("png"), output);
    }
}
