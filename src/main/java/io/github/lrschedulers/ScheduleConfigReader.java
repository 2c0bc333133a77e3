package io.github.lrschedulers;

import java.util.Map;
import java.util.Optional;

/**
 * Reads a schedule that another library serialized as a dict, such as Keras's {@code {"class_name":
 * "CosineDecay", "config": {...}}}, into the spec string of the same schedule.
 *
 * <p>A family of schedules provides one (a service of this module); {@link
 * io.github.lrschedulers.spec.ScheduleSpec#parse(String)} hands a dict at the top level of a spec
 * to the readers and parses the spec of the one that claims it, so the schedule goes through the
 * same checks as a spec written by hand.
 */
public interface ScheduleConfigReader {

    /**
     * Returns the spec a serialized schedule stands for, if this reader's library wrote it.
     *
     * @param serialized the dict, with the values of {@link Param.Kind#DICT}
     * @return the spec, or empty if the dict is not of this reader's library
     * @throws IllegalArgumentException if the dict is of this reader's library but has an unknown
     *     key or class, naming it
     */
    Optional<String> toSpec(Map<String, Object> serialized);
}
