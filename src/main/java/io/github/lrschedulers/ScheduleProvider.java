package io.github.lrschedulers;

import java.util.List;

/**
 * Supplies user-defined schedules to the {@link ScheduleRegistry} through Java's {@link
 * java.util.ServiceLoader}: list the implementing class in {@code
 * META-INF/services/io.github.lrschedulers.ScheduleProvider} of your jar, and the spec parser, the
 * {@code lr-curve} tool and the samples accept your schedules by name.
 */
public interface ScheduleProvider {

    /**
     * Returns the definitions of the schedules this provider supplies.
     *
     * @return the definitions
     */
    List<ScheduleDefinition<?>> getDefinitions();
}
