package io.github.lrschedulers;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Assigns DJL parameters to PyTorch-style parameter groups.
 *
 * <p>DJL's optimizer asks a tracker for the rate of a parameter by its id ({@code uid-...}), not by
 * its name, so the assignment is made from a block's parameters: {@link #byName(Block,
 * ToIntFunction)} reads each parameter's name (as {@code block.getParameters()} gives it, e.g.
 * {@code 01Linear_weight}) and records its id. Immutable.
 */
public final class ParameterGroups {

    private final Map<String, Integer> groupById;
    private final Map<String, String> nameById;

    private ParameterGroups(Map<String, Integer> groupById, Map<String, String> nameById) {
        this.groupById = Collections.unmodifiableMap(groupById);
        this.nameById = Collections.unmodifiableMap(nameById);
    }

    /**
     * Assigns every parameter of a block to the group its name maps to.
     *
     * @param block the model's block; its parameters exist once the block is constructed
     * @param groupOfName the group index (from 0) of a parameter name
     * @return the assignment
     * @throws IllegalArgumentException if a group index is negative
     */
    public static ParameterGroups byName(Block block, ToIntFunction<String> groupOfName) {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(groupOfName, "groupOfName");
        Map<String, Integer> groups = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            String name = p.getKey();
            int g = groupOfName.applyAsInt(name);
            Checks.argument(g >= 0, "the group of parameter %s must be >= 0, but was %d", name, g);
            groups.put(p.getValue().getId(), g);
            names.put(p.getValue().getId(), name);
        }
        return new ParameterGroups(groups, names);
    }

    /**
     * Assigns parameters to groups by parameter id.
     *
     * @param groupById the group index (from 0) of each parameter id
     * @return the assignment
     * @throws IllegalArgumentException if a group index is negative
     */
    public static ParameterGroups of(Map<String, Integer> groupById) {
        Map<String, Integer> groups = new HashMap<>();
        for (Map.Entry<String, Integer> e : groupById.entrySet()) {
            int g = Objects.requireNonNull(e.getValue(), e.getKey());
            Checks.argument(
                    g >= 0, "the group of parameter %s must be >= 0, but was %d", e.getKey(), g);
            groups.put(e.getKey(), g);
        }
        return new ParameterGroups(groups, Map.of());
    }

    /**
     * Returns the group of a parameter.
     *
     * @param parameterId the parameter's id, as DJL's optimizer passes it
     * @return the group index
     * @throws IllegalArgumentException if the parameter was not assigned
     */
    public int groupOf(String parameterId) {
        Integer g = groupById.get(parameterId);
        if (g == null) {
            throw new IllegalArgumentException(
                    "parameter "
                            + parameterId
                            + " has no group: it is not one of the "
                            + groupById.size()
                            + " parameters assigned");
        }
        return g;
    }

    /**
     * Returns the largest group index assigned, or -1 if none.
     *
     * @return the largest group index
     */
    public int getMaxGroup() {
        int max = -1;
        for (int g : groupById.values()) {
            max = Math.max(max, g);
        }
        return max;
    }

    /**
     * Returns the name of a parameter assigned by name.
     *
     * @param parameterId the parameter's id
     * @return its name, or null if it was assigned by id
     */
    public String getName(String parameterId) {
        return nameById.get(parameterId);
    }
}
