package io.github.lrschedulers.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What a project depending on djl-lr-schedulers receives: DJL's API and Gson with their own
 * dependencies, and no engine, native library, dataset, model zoo, plotting or test library.
 *
 * <p>Reads the verbose dependency tree that maven-dependency-plugin writes at {@code
 * generate-test-resources} (path in the system property {@code dependency.tree}). The verbose tree
 * keeps the library's dependencies that this project also declares ("omitted for duplicate"), so an
 * engine the library passed on is seen even though this project adds one itself.
 */
class DependencyTreeTest {

    private static final String LIBRARY = "io.github.lrschedulers:djl-lr-schedulers:jar:";

    /** One artifact of the tree: its depth (the project is 0) and coordinates. */
    private record Node(
            int depth,
            String groupId,
            String artifactId,
            String classifier,
            String scope,
            String line) {

        String key() {
            return groupId + ":" + artifactId;
        }

        /** Parses a line such as "| +- (g:a:jar[:classifier]:v:scope - omitted for ...)". */
        static Node parse(String line) {
            int start = 0;
            while (start < line.length() && "|+-\\ ".indexOf(line.charAt(start)) >= 0) {
                start++;
            }
            String text = line.substring(start);
            if (text.startsWith("(")) {
                text = text.substring(1);
            }
            int end = text.indexOf(' ');
            String[] parts = (end < 0 ? text : text.substring(0, end)).split(":");
            if (parts.length < 5 || parts.length > 6) {
                fail("not a dependency in the tree: " + line);
            }
            String classifier = parts.length == 6 ? parts[3] : "";
            String scope = parts[parts.length - 1].replace(")", "");
            return new Node(start / 3, parts[0], parts[1], classifier, scope, line);
        }
    }

    @Test
    void libraryPassesOnOnlyTheApiAndGson() throws IOException {
        List<Node> library = librarySubtree();
        Set<String> direct = new TreeSet<>();
        for (Node n : library.subList(1, library.size())) {
            if (n.depth() == library.get(0).depth() + 1) {
                direct.add(n.key());
            }
        }
        assertEquals(Set.of("ai.djl:api", "com.google.code.gson:gson"), direct, treeText(library));
    }

    @Test
    void libraryPassesOnNoEngineNativeDatasetPlottingOrTestJar() throws IOException {
        List<Node> library = librarySubtree();
        assertFalse(
                library.size() < 3, "the library's subtree is too small:\n" + treeText(library));
        List<String> banned = new ArrayList<>();
        for (Node n : library.subList(1, library.size())) {
            String why = banned(n);
            if (why != null) {
                banned.add(n.key() + ": " + why);
            }
        }
        assertEquals(
                List.of(),
                banned,
                "djl-lr-schedulers passes on these; its tree:\n" + treeText(library));
    }

    /** Why a dependency must not come from the library, or null if it may. */
    private static String banned(Node n) {
        String g = n.groupId();
        if (g.startsWith("ai.djl.")) {
            return "a DJL engine or its natives"; // ai.djl.pytorch, ai.djl.mxnet, ...
        }
        if (g.equals("ai.djl") && !n.artifactId().equals("api")) {
            return "a DJL extension (datasets, model zoo, ...)";
        }
        if (!n.classifier().isEmpty()) {
            return "a platform-specific (native) jar";
        }
        if (n.scope().equals("test")) {
            return "a test-scoped dependency";
        }
        if (g.startsWith("org.junit")
                || g.equals("junit")
                || g.equals("org.opentest4j")
                || g.equals("org.testng")
                || g.equals("net.jqwik")
                || g.startsWith("org.mockito")
                || g.equals("org.hamcrest")
                || g.equals("org.assertj")) {
            return "a test library";
        }
        if (g.equals("org.knowm.xchart") || g.endsWith(".pdfbox")) {
            return "plotting, which is optional";
        }
        if (g.startsWith("org.slf4j") && !n.artifactId().equals("slf4j-api")) {
            return "an SLF4J provider or bridge, which is the user's choice";
        }
        return null;
    }

    /** The library's node and every node under it. */
    private static List<Node> librarySubtree() throws IOException {
        String property = System.getProperty("dependency.tree");
        assertNotNull(property, "system property dependency.tree (set in pom.xml)");
        List<String> lines = Files.readAllLines(Path.of(property), StandardCharsets.UTF_8);
        List<Node> subtree = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            Node n = Node.parse(line);
            if (subtree.isEmpty()) {
                if (line.contains(LIBRARY)) {
                    subtree.add(n);
                }
            } else if (n.depth() > subtree.get(0).depth()) {
                subtree.add(n);
            } else {
                break;
            }
        }
        assertFalse(subtree.isEmpty(), "no " + LIBRARY + " in " + property + ":\n" + lines);
        return subtree;
    }

    private static String treeText(List<Node> nodes) {
        StringBuilder sb = new StringBuilder();
        for (Node n : nodes) {
            sb.append(n.line()).append('\n');
        }
        return sb.toString();
    }
}
