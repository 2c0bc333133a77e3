package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One definition per schedule: every schedule class of the library holds one, the registry finds
 * them all from their own files, the README's table of schedulers is derived from them, the
 * builders have the methods the table names, and no code outside a schedule's own file tests for
 * that schedule by type or name.
 */
class ScheduleDefinitionsTest {

    private static final Path MAIN = Path.of("src/main/java/io/github/lrschedulers");

    /** The schedule classes of the library's package, from its sources. */
    private static List<Class<?>> scheduleClasses() throws Exception {
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(MAIN)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".java") || name.equals("package-info.java")) {
                    continue;
                }
                Class<?> c =
                        Class.forName("io.github.lrschedulers" + "." + name.replace(".java", ""));
                if (Schedule.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    @Test
    void everyScheduleClassHoldsItsDefinitionAndTheRegistryFindsIt() throws Exception {
        List<Class<?>> classes = scheduleClasses();
        assertTrue(classes.size() >= 15, "schedule classes: " + classes);
        for (Class<?> c : classes) {
            Object d = c.getField("DEFINITION").get(null);
            assertTrue(d instanceof ScheduleDefinition<?>, c + " DEFINITION");
            ScheduleDefinition<?> def = (ScheduleDefinition<?>) d;
            assertEquals(c, def.getType());
            assertEquals(def, ScheduleRegistry.find(def.getName()), def.getName());
        }
    }

    @Test
    void theRegistryListsPyTorchsSchedulersInTheirSourceOrder() {
        List<String> torch = new ArrayList<>();
        for (ScheduleDefinition<?> d : ScheduleRegistry.getDefinitions()) {
            if (d.getUpstream().equals(Schedule.TORCH)) {
                torch.add(d.getName());
            }
        }
        assertEquals(
                List.of(
                        "LambdaLR",
                        "MultiplicativeLR",
                        "StepLR",
                        "MultiStepLR",
                        "ConstantLR",
                        "LinearLR",
                        "ExponentialLR",
                        "SequentialLR",
                        "PolynomialLR",
                        "CosineAnnealingLR",
                        "ChainedScheduler",
                        "ReduceLROnPlateau",
                        "CyclicLR",
                        "CosineAnnealingWarmRestarts",
                        "OneCycleLR"),
                torch);
    }

    /** The README's table of schedulers, as the definitions give it. */
    static String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(
                "| upstream | spec name | Java entry point | per-group lists | update n gets |"
                        + " dtype |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (ScheduleDefinition<?> d : ScheduleRegistry.getDefinitions()) {
            sb.append("| `").append(d.getUpstream()).append("` | `").append(d.getName());
            sb.append("` | `").append(d.getJavaEntryPoint()).append("` | ");
            List<String> perGroup = new ArrayList<>();
            for (String m : d.getPerGroupSetters()) {
                perGroup.add("`" + m + "`");
            }
            sb.append(String.join(", ", perGroup)).append(perGroup.isEmpty() ? "|" : " |");
            sb.append(' ').append(d.getStepOrigin()).append(" | ").append(d.getDtype());
            sb.append(" |\n");
        }
        return sb.toString();
    }

    @Test
    void theReadmesTableIsDerivedFromTheDefinitions() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String want = table();
        if (!readme.contains(want)) {
            fail(
                    "README.md must hold the table of schedulers as the definitions give it:\n"
                            + want);
        }
    }

    @Test
    void theBuildersHaveTheMethodsTheTableNames() throws Exception {
        for (ScheduleDefinition<?> d : ScheduleRegistry.getDefinitions()) {
            Method builder = d.getType().getMethod("builder");
            Class<?> b = builder.getReturnType();
            for (Param p : d.getParams()) {
                if (p.isRequired()) {
                    assertNotNull(method(b, "set" + p.getJavaName()), d.getName() + " " + p);
                } else if (p.isStored()) {
                    assertNotNull(method(b, "opt" + p.getJavaName()), d.getName() + " " + p);
                }
            }
            for (String m : d.getPerGroupSetters()) {
                assertNotNull(method(b, m), d.getName() + " " + m);
            }
        }
    }

    private static Method method(Class<?> c, String name) {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        return null;
    }

    private static final Pattern INSTANCEOF = Pattern.compile("instanceof\\s+(\\w+)");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void noCodeTestsForAScheduleByTypeOrNameOutsideItsOwnFile() throws Exception {
        List<String> classNames = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ScheduleDefinition<?> d : ScheduleRegistry.getDefinitions()) {
            classNames.add(d.getType().getSimpleName());
            names.add(d.getName());
        }
        List<String> found = new ArrayList<>();
        for (Path root :
                List.of(
                        Path.of("src/main/java"),
                        Path.of("samples/src/main/java"),
                        Path.of("tools/src/main/java"))) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String own = f.getFileName().toString().replace(".java", "");
                    String code = Files.readString(f, StandardCharsets.UTF_8);
                    int i = 0;
                    for (String line : code.split("\n")) {
                        i++;
                        String t = line.trim();
                        if (t.startsWith("*") || t.startsWith("/*") || t.startsWith("//")) {
                            continue;
                        }
                        Matcher m = INSTANCEOF.matcher(line);
                        while (m.find()) {
                            if (classNames.contains(m.group(1)) && !m.group(1).equals(own)) {
                                found.add(f + ":" + i + ": " + t);
                            }
                        }
                        Matcher s = STRING.matcher(line);
                        while (s.find()) {
                            int at = names.indexOf(s.group(1));
                            if (at >= 0 && !classNames.get(at).equals(own)) {
                                found.add(f + ":" + i + ": " + t);
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found, "tests of a schedule by type or name outside its file");
    }
}
