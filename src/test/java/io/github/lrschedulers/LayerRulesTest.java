package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The import rules of README.md, "Layout", checked over the main sources: each package may refer
 * only to packages below it, and {@code module-info.java} exports every package but the Python
 * layer.
 */
class LayerRulesTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final String ROOT = "io.github.lrschedulers";

    /**
     * The packages from the bottom up, by their name below {@code io.github.lrschedulers} ("" is
     * the root package); a package may refer to those before it.
     */
    private static final List<String> LAYERS =
            List.of("internal", "", "spec", "optimizer", "listener", "finder");

    /**
     * The packages of the schedules of other libraries, one per family: part of the schedule layer
     * beside the root package, they may refer to the root package and {@code internal} only, and
     * the layers above the root package may refer to them.
     */
    private static final List<String> FAMILIES =
            List.of("keras", "tf", "mindspore", "transformers", "timm", "optax");

    /** A reference to a project package: in an import or a qualified name in code. */
    private static final Pattern REFERENCE =
            Pattern.compile("\\bio\\.github\\.lrschedulers((?:\\.[a-z_][a-z0-9_]*)*)\\.(?:[A-Z*])");

    @Test
    void everyPackageRefersOnlyToPackagesBelowIt() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN.resolve(ROOT.replace('.', '/')))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = packageOf(MAIN.relativize(file.getParent()));
                String source = Files.readString(file, StandardCharsets.UTF_8);
                violations.addAll(violations(MAIN.relativize(file).toString(), pkg, source));
            }
        }
        assertEquals(List.of(), violations, "README.md, Layout: what each package may import");
    }

    /**
     * The DJL side of the root package: the tracker and what only it uses (the root package keeps
     * them so that users' imports of {@code io.github.lrschedulers.LrTracker} stay valid).
     */
    private static final List<String> TRACKER_SIDE =
            List.of(
                    "LrTracker",
                    "TrackerConfig",
                    "RateCache",
                    "ChangeReasons",
                    "UpdateClock",
                    "EpochRecords",
                    "ParameterGroups",
                    "ScheduleLint");

    @Test
    void theScheduleSideOfTheRootPackageRefersNeitherToTheTrackerNorToDjl() throws IOException {
        Pattern names =
                Pattern.compile("\\b(" + String.join("|", TRACKER_SIDE) + ")\\b|\\bai\\.djl\\.");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.list(MAIN.resolve(ROOT.replace('.', '/')))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = file.getFileName().toString().replace(".java", "");
                if (TRACKER_SIDE.contains(name)) {
                    continue;
                }
                String code =
                        stripCommentsAndStrings(Files.readString(file, StandardCharsets.UTF_8));
                Matcher m = names.matcher(code);
                while (m.find()) {
                    long line =
                            code.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                    violations.add(name + ".java:" + line + ": refers to " + m.group());
                }
            }
        }
        assertEquals(
                List.of(),
                violations,
                "README.md, Layout: the schedules and the step engine know nothing of the tracker"
                        + " or DJL");
    }

    @Test
    void moduleExportsEveryPackageButThePythonLayer() throws IOException {
        String module = stripCommentsAndStrings(Files.readString(MAIN.resolve("module-info.java")));
        Matcher m = Pattern.compile("\\bexports\\s+([\\w.]+)\\s*;").matcher(module);
        TreeSet<String> exported = new TreeSet<>();
        while (m.find()) {
            exported.add(m.group(1));
        }
        TreeSet<String> expected = new TreeSet<>();
        for (String layer : LAYERS) {
            if (!layer.equals("internal")) {
                expected.add(layer.isEmpty() ? ROOT : ROOT + "." + layer);
            }
        }
        for (String family : FAMILIES) {
            if (Files.isDirectory(MAIN.resolve((ROOT + "." + family).replace('.', '/')))) {
                expected.add(ROOT + "." + family);
            }
        }
        assertEquals(expected, exported, "module-info.java exports");
    }

    @Test
    void theCheckFindsUpwardReferencesButIgnoresComments() {
        String source =
                "package io.github.lrschedulers;\n"
                        + "import io.github.lrschedulers.internal.Py;\n"
                        + "import io.github.lrschedulers.listener.LrHistory;\n"
                        + "/** See {@link io.github.lrschedulers.spec.PyLambda}. */\n"
                        + "class A {\n"
                        + "    String s = \"io.github.lrschedulers.finder.LrFinder\";\n"
                        + "    Object o = io.github.lrschedulers.spec.ScheduleSpec.parse(s);\n"
                        + "}\n";
        assertEquals(
                List.of(
                        "A.java:3: (root) refers to io.github.lrschedulers.listener; it may refer"
                                + " only to [internal]",
                        "A.java:7: (root) refers to io.github.lrschedulers.spec; it may refer only"
                                + " to [internal]"),
                violations("A.java", "", source));
        assertTrue(
                violations("B.java", "nowhere", "class B {}").get(0).contains("has no layer"),
                "a package without a layer is reported");
    }

    private static String packageOf(Path dir) {
        String name = dir.toString().replace(dir.getFileSystem().getSeparator(), ".");
        return name.equals(ROOT) ? "" : name.substring(ROOT.length() + 1);
    }

    /** Lists the references of one source file that its package may not make. */
    private static List<String> violations(String file, String pkg, String source) {
        int rank = FAMILIES.contains(pkg) ? 2 : LAYERS.indexOf(pkg);
        if (rank < 0) {
            return List.of(
                    file
                            + ": package '"
                            + pkg
                            + "' has no layer; add it to LAYERS or FAMILIES and to README.md, Layout");
        }
        List<String> allowed = new ArrayList<>(LAYERS.subList(0, rank));
        if (!FAMILIES.contains(pkg) && rank > 1) {
            allowed.addAll(FAMILIES);
        }
        List<String> out = new ArrayList<>();
        String code = stripCommentsAndStrings(source);
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) {
            String target = m.group(1).isEmpty() ? "" : m.group(1).substring(1);
            if (target.equals(pkg) || allowed.contains(target)) {
                continue;
            }
            long line = code.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            out.add(
                    file
                            + ":"
                            + line
                            + ": "
                            + (pkg.isEmpty() ? "(root)" : pkg)
                            + " refers to "
                            + ROOT
                            + (target.isEmpty() ? "" : "." + target)
                            + "; it may refer only to "
                            + allowed.stream()
                                    .map(p -> p.isEmpty() ? "(root)" : p)
                                    .collect(Collectors.toList()));
        }
        return out;
    }

    /**
     * Blanks out comments, string and character literals (text blocks included), keeping line
     * breaks, so that documentation may name any class.
     */
    private static String stripCommentsAndStrings(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            String end = null;
            if (s.startsWith("//", i)) {
                end = "\n";
            } else if (s.startsWith("/*", i)) {
                end = "*/";
            } else if (s.startsWith("\"\"\"", i)) {
                end = "\"\"\"";
            } else if (c == '"' || c == '\'') {
                end = String.valueOf(c);
            }
            if (end == null) {
                sb.append(c);
                i++;
                continue;
            }
            int j = i + (end.equals("\"\"\"") ? 3 : end.equals("*/") ? 2 : 1);
            while (j < n && !s.startsWith(end, j)) {
                j += s.charAt(j) == '\\' && end.length() == 1 && !end.equals("\n") ? 2 : 1;
            }
            int stop = Math.min(n, j + (end.equals("\n") ? 0 : end.length()));
            for (int k = i; k < stop; k++) {
                sb.append(s.charAt(k) == '\n' ? '\n' : ' ');
            }
            i = stop;
        }
        return sb.toString();
    }
}
