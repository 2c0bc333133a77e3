package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps README.md's quick start true: its Java block is the compiled and tested {@code
 * samples/consumer} program character for character, and its Maven dependencies are the consumer
 * project's.
 */
class ReadmeTest {

    static final Path README = Path.of("README.md");
    static final Path CONSUMER = Path.of("samples", "consumer");
    static final Path QUICK_START =
            CONSUMER.resolve("src/main/java/io/github/lrschedulers/example/QuickStart.java");
    static final String SECTION = "## Quick start";

    private static final Pattern DEPENDENCY =
            Pattern.compile("<dependency>.*?</dependency>", Pattern.DOTALL);
    private static final Pattern XML_COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

    @Test
    void quickStartIsTheConsumersProgramExactly() throws IOException {
        List<String> blocks = fencedBlocks(section(read(README), SECTION), "java");
        assertEquals(1, blocks.size(), "Java blocks in README.md's " + SECTION);
        assertSameText(read(QUICK_START), blocks.get(0));
    }

    @Test
    void quickStartDependenciesAreTheConsumersExactly() throws IOException {
        List<String> readme = new ArrayList<>();
        for (String block : fencedBlocks(section(read(README), SECTION), "xml")) {
            readme.addAll(dependencies(block));
        }
        List<String> consumer = new ArrayList<>();
        for (String d : dependencies(read(CONSUMER.resolve("pom.xml")))) {
            if (!d.contains("<scope>test</scope>")) {
                consumer.add(d);
            }
        }
        assertEquals(
                consumer,
                readme,
                "README.md's " + SECTION + " must list the dependencies of samples/consumer");
    }

    @Test
    void ciRunsTheReadmesTestCommand() throws IOException {
        String readme = read(README);
        int at = readme.indexOf("\nRun the tests");
        assertTrue(at >= 0, "README.md says how to run the tests");
        int open = readme.indexOf("\n```\n", at);
        String command = readme.substring(open + 5, readme.indexOf("\n```\n", open + 5));
        List<String> ci = List.of(read(Path.of(".ci", "run")).split("\n"));
        assertTrue(ci.contains(command), ".ci/run must run the README's test command: " + command);
    }

    @Test
    void extractsTheFencedBlocksOfOneSectionOnly() {
        String md =
                "# t\n## A\n```java\nint a;\n```\n## Quick start\ntext\n```java\nint b;\n\n"
                        + "int c;\n```\n```xml\n<x/>\n```\n```java\nint d;\n```\n## Z\n"
                        + "```java\nint e;\n```\n";
        String section = section(md, SECTION);
        assertEquals(List.of("int b;\n\nint c;\n", "int d;\n"), fencedBlocks(section, "java"));
        assertEquals(List.of("<x/>\n"), fencedBlocks(section, "xml"));
        assertThrows(AssertionError.class, () -> section(md, "## Missing"));
        assertThrows(
                AssertionError.class, () -> fencedBlocks("```java\nint a;\n", "java"), "unclosed");
    }

    @Test
    void anyDifferenceFails() {
        String code = "class A {\n    int a;\n}\n";
        assertSameText(code, code);
        for (String drifted :
                List.of(
                        "class A {\n    int a;\n}",
                        "class A {\n    int a; \n}\n",
                        "class A {\n  int a;\n}\n",
                        "class A {\n    int b;\n}\n",
                        "class A {\n    int a;\n}\n\n")) {
            assertThrows(AssertionError.class, () -> assertSameText(code, drifted), drifted);
        }
    }

    /** Reads a file with Unix line ends (a checkout may convert them). */
    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    /** The text of a Markdown section: from its heading line to the next heading of its level. */
    static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        if (start < 0) {
            throw new AssertionError("no section '" + heading + "' in the README");
        }
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        int end = markdown.indexOf("\n" + level, start + heading.length() + 1);
        return markdown.substring(start + 1, end < 0 ? markdown.length() : end + 1);
    }

    /** The contents of the section's fenced blocks of a language, each ending with a line end. */
    static List<String> fencedBlocks(String markdown, String language) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        boolean other = false;
        for (String line : markdown.split("\n", -1)) {
            if (block == null && !other && line.startsWith("```")) {
                if (line.equals("```" + language)) {
                    block = new StringBuilder();
                } else {
                    other = true;
                }
            } else if (line.equals("```")) {
                if (block != null) {
                    blocks.add(block.toString());
                }
                block = null;
                other = false;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        if (block != null || other) {
            throw new AssertionError("a fenced block is not closed");
        }
        return blocks;
    }

    /** Each {@code <dependency>} element, without comments and white space. */
    static List<String> dependencies(String xml) {
        List<String> found = new ArrayList<>();
        Matcher m = DEPENDENCY.matcher(XML_COMMENT.matcher(xml).replaceAll(""));
        while (m.find()) {
            found.add(m.group().replaceAll("\\s+", ""));
        }
        return found;
    }

    /** Fails unless the README's block is the source, naming the first line that differs. */
    static void assertSameText(String source, String block) {
        if (source.equals(block)) {
            return;
        }
        String[] a = source.split("\n", -1);
        String[] b = block.split("\n", -1);
        int line = 0;
        while (line < a.length && line < b.length && a[line].equals(b[line])) {
            line++;
        }
        assertEquals(
                line < a.length ? a[line] : "<end of file>",
                line < b.length ? b[line] : "<end of block>",
                "README.md's "
                        + SECTION
                        + " Java block differs from "
                        + QUICK_START
                        + " at line "
                        + (line + 1)
                        + ": copy the file into the README (or the README into the file)");
        assertEquals(source, block);
    }
}
