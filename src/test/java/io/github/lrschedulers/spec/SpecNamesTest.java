package io.github.lrschedulers.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.ScheduleRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Names across libraries: an unknown name lists the names of its own namespace (not every
 * library's), and a type error names the library whose check it is.
 */
class SpecNamesTest {

    private static List<String> namesUnder(String prefix) {
        List<String> out = new ArrayList<>();
        for (ScheduleDefinition<?> d : ScheduleRegistry.getDefinitions()) {
            if (d.getName().startsWith(prefix)) {
                out.add(d.getName());
            }
        }
        return out;
    }

    @Test
    void aMisspeltNameListsItsNamespace() {
        String spec = "keras.optimizers.schedules.ExponentialDeacy(0.1, 10, 0.9)";
        SpecParseException e =
                assertThrows(SpecParseException.class, () -> ScheduleSpec.parse(spec));
        List<String> keras = namesUnder("keras.optimizers.schedules.");
        assertEquals(6, keras.size(), keras.toString());
        assertEquals(
                "unknown scheduler 'keras.optimizers.schedules.ExponentialDeacy'; expected one of "
                        + keras
                        + " at index 0 in \""
                        + spec
                        + "\"",
                e.getMessage());
        e = assertThrows(SpecParseException.class, () -> ScheduleSpec.parse("keras.Foo(1)"));
        assertTrue(e.getMessage().contains(keras.toString()), e.getMessage());
        e = assertThrows(SpecParseException.class, () -> ScheduleSpec.parse("nolib.x.Foo(1)"));
        assertTrue(e.getMessage().contains("[LambdaLR, "), e.getMessage());
        assertTrue(!e.getMessage().contains("keras."), e.getMessage());
    }

    @Test
    void aTypeErrorNamesTheLibraryWhoseCheckItIs() {
        SpecParseException e =
                assertThrows(
                        SpecParseException.class,
                        () ->
                                ScheduleSpec.parse(
                                        "keras.optimizers.schedules.ExponentialDecay(1, 10, 0.9)"));
        assertTrue(
                e.getMessage().contains("(a Python int makes Keras compute the whole schedule in"),
                e.getMessage());
        assertEquals("PyTorch", ScheduleRegistry.find("StepLR").getLibrary());
        assertEquals(
                "TensorFlow",
                ScheduleRegistry.find("tf.compat.v1.train.cosine_decay").getLibrary());
    }
}
