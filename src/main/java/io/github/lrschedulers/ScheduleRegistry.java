package io.github.lrschedulers;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The schedules known by name: the built-in ones, those of {@link ScheduleProvider}s on the class
 * path, and those registered with {@link #register(ScheduleDefinition)}. The spec parser looks
 * names up here.
 *
 * <p>A built-in schedule is found from its own file: every class of this package that extends
 * {@link Schedule} and holds a {@code public static final ScheduleDefinition DEFINITION}. Adding a
 * schedule to the library is that one file.
 */
public final class ScheduleRegistry {

    private static final String PACKAGE = Schedule.class.getPackageName();

    /**
     * The library's packages that hold no schedules; every other package below this one holds a
     * family of them (e.g. {@code keras}), found as the root package's are.
     */
    private static final Set<String> NOT_SCHEDULES =
            Set.of("internal", "spec", "listener", "optimizer", "finder");

    private static final Map<String, ScheduleDefinition<?>> DEFINITIONS = load();

    private ScheduleRegistry() {}

    /**
     * Returns the definition of a name.
     *
     * @param name the name in spec strings, e.g. {@code StepLR}
     * @return the definition, or {@code null} if no schedule has that name
     */
    public static synchronized ScheduleDefinition<?> find(String name) {
        return DEFINITIONS.get(name);
    }

    /**
     * Returns every known definition: the built-in ones in upstream order, then the others in the
     * order they came.
     *
     * @return the definitions
     */
    public static synchronized List<ScheduleDefinition<?>> getDefinitions() {
        return List.copyOf(DEFINITIONS.values());
    }

    /**
     * Registers a user-defined schedule under its name.
     *
     * @param definition the definition
     * @throws IllegalArgumentException if another definition has that name
     */
    public static synchronized void register(ScheduleDefinition<?> definition) {
        ScheduleDefinition<?> old = DEFINITIONS.get(definition.getName());
        if (old != null && old != definition) {
            throw new IllegalArgumentException(
                    "a schedule named '"
                            + definition.getName()
                            + "' is registered already: "
                            + old.getType().getName());
        }
        DEFINITIONS.put(definition.getName(), definition);
    }

    private static Map<String, ScheduleDefinition<?>> load() {
        List<ScheduleDefinition<?>> builtIn = new ArrayList<>();
        for (String className : builtInClassNames()) {
            ScheduleDefinition<?> d = definitionOf(className);
            if (d != null) {
                builtIn.add(d);
            }
        }
        builtIn.sort(
                Comparator.comparing(
                                (ScheduleDefinition<?> d) -> !d.getUpstream().startsWith("torch."))
                        .thenComparing(ScheduleDefinition::getUpstream)
                        .thenComparingInt(ScheduleDefinition::getUpstreamIndex)
                        .thenComparing(ScheduleDefinition::getName));
        Map<String, ScheduleDefinition<?>> map = new LinkedHashMap<>();
        for (ScheduleDefinition<?> d : builtIn) {
            map.put(d.getName(), d);
        }
        for (ScheduleProvider p : ServiceLoader.load(ScheduleProvider.class)) {
            for (ScheduleDefinition<?> d : p.getDefinitions()) {
                map.putIfAbsent(d.getName(), d);
            }
        }
        return map;
    }

    /** Returns the definition a class of this package holds, or null if it is no schedule. */
    private static ScheduleDefinition<?> definitionOf(String className) {
        try {
            Class<?> c = Class.forName(className, false, Schedule.class.getClassLoader());
            if (!Schedule.class.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers())) {
                return null;
            }
            Field f = c.getField("DEFINITION");
            if (!Modifier.isStatic(f.getModifiers())
                    || !ScheduleDefinition.class.isAssignableFrom(f.getType())) {
                return null;
            }
            return (ScheduleDefinition<?>) f.get(null);
        } catch (NoSuchFieldException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the definition of " + className, e);
        }
    }

    /**
     * Lists the top-level classes of this package and of its family packages, where the library's
     * classes are.
     */
    private static List<String> builtInClassNames() {
        CodeSource source = Schedule.class.getProtectionDomain().getCodeSource();
        URL location = source != null ? source.getLocation() : null;
        if (location == null) {
            throw new IllegalStateException(
                    "cannot list the built-in schedules: no location for " + Schedule.class);
        }
        String dir = PACKAGE.replace('.', '/') + '/';
        List<String> files = new ArrayList<>(); // relative to dir: "X.class" or "family/X.class"
        try {
            Path path = Path.of(location.toURI());
            if (Files.isDirectory(path)) {
                Path root = path.resolve(dir);
                try (Stream<Path> s = Files.walk(root, 2)) {
                    s.filter(Files::isRegularFile)
                            .forEach(
                                    p ->
                                            files.add(
                                                    root.relativize(p)
                                                            .toString()
                                                            .replace('\\', '/')));
                }
            } else {
                try (JarFile jar = new JarFile(path.toFile())) {
                    jar.stream()
                            .map(e -> e.getName())
                            .filter(n -> n.startsWith(dir))
                            .forEach(n -> files.add(n.substring(dir.length())));
                }
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "cannot list the built-in schedules in " + location + ": " + e, e);
        }
        List<String> out = new ArrayList<>();
        for (String f : files) {
            String[] parts = f.split("/");
            boolean inFamily = parts.length == 2 && !NOT_SCHEDULES.contains(parts[0]);
            String file = parts[parts.length - 1];
            if ((parts.length == 1 || inFamily)
                    && file.endsWith(".class")
                    && file.indexOf('$') < 0
                    && !file.equals("module-info.class")
                    && !file.equals("package-info.class")) {
                String cls = f.substring(0, f.length() - ".class".length()).replace('/', '.');
                out.add(PACKAGE + '.' + cls);
            }
        }
        out.sort(null);
        return out;
    }
}
