package io.github.lrschedulers.tools;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The outcome of one {@link LrCurveTool#run} call: exit code, standard output and error. */
record ToolRun(int code, String out, String err) {

    /**
     * Runs the tool in this JVM.
     *
     * @param stdin the standard input
     * @param args the command line
     * @return the outcome
     */
    static ToolRun withInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, false, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, false, StandardCharsets.UTF_8)) {
            code =
                    LrCurveTool.run(
                            args,
                            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                            o,
                            e);
        }
        return new ToolRun(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs the tool with empty standard input.
     *
     * @param args the command line
     * @return the outcome
     */
    static ToolRun args(String... args) {
        return withInput("", args);
    }
}
