package io.github.lrschedulers;

import io.github.lrschedulers.internal.PyRepr;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A length of a schedule (OneCycleLR's {@code total_steps}, StepLR's {@code step_size}, a
 * milestone, a warmup) given in updates, in epochs, or as a fraction of the run, for a tracker to
 * resolve once it knows the run's length ({@link RunLength}).
 *
 * <p>In Java: {@code Length.ofRun(1.0)}, {@code Length.ofEpochs(3)}, {@code Length.ofUpdates(500)},
 * passed to a builder's length setter. In a spec: {@code 1.0*run}, {@code 3*epoch}, {@code
 * 500*update} (also {@code epochs}, {@code updates}), e.g. {@code OneCycleLR(max_lr=0.1,
 * total_steps=1.0*run)}. {@link #toString()} prints the spec form.
 *
 * <p><b>Resolution.</b> A schedule counts its lengths in scheduler steps, and a tracker takes a
 * step every {@code u} updates: 1 when stepping per update, {@code K} with {@code
 * optStepsPerEpoch(K)}, the updates of an epoch when stepping at epoch ends. A length of {@code x}
 * updates, epochs or runs is {@code x}, {@code x * updatesPerEpoch} or {@code x * epochs *
 * updatesPerEpoch} updates; divided by {@code u}, it is rounded half up to a whole number of steps.
 * The arithmetic is decimal on {@code x} as written (its shortest representation, so {@code
 * 0.3*run} of 5 updates is exactly 1.5, hence 2). The schedule then checks the resolved count as it
 * checks a number given directly. Immutable.
 */
public final class Length {

    /** What a length counts. */
    public enum Unit {
        /** Optimizer updates (batches). */
        UPDATE("update"),
        /** Epochs of the run. */
        EPOCH("epoch"),
        /** The whole run: epochs times updates per epoch. */
        RUN("run");

        private final String specName;

        Unit(String specName) {
            this.specName = specName;
        }

        /**
         * Returns the unit's name in a spec, e.g. {@code run}.
         *
         * @return the name
         */
        public String getSpecName() {
            return specName;
        }
    }

    private final double amount;
    private final Unit unit;

    private Length(double amount, Unit unit) {
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException(
                    "a length must be a finite number >= 0, but was "
                            + PyRepr.repr(amount)
                            + "*"
                            + unit.getSpecName());
        }
        this.amount = amount == 0 ? 0.0 : amount; // -0.0 is 0
        this.unit = unit;
    }

    /**
     * Returns a length of {@code n} optimizer updates.
     *
     * @param n the number of updates
     * @return the length
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public static Length ofUpdates(long n) {
        return new Length(n, Unit.UPDATE);
    }

    /**
     * Returns a length of {@code n} epochs, e.g. {@code 3} or {@code 0.5}.
     *
     * @param n the number of epochs
     * @return the length
     * @throws IllegalArgumentException if {@code n} is negative, infinite or NaN
     */
    public static Length ofEpochs(double n) {
        return new Length(n, Unit.EPOCH);
    }

    /**
     * Returns a fraction of the run, e.g. {@code 1.0} for all of it, {@code 0.05} for a warmup.
     *
     * @param fraction the fraction
     * @return the length
     * @throws IllegalArgumentException if {@code fraction} is negative, infinite or NaN
     */
    public static Length ofRun(double fraction) {
        return new Length(fraction, Unit.RUN);
    }

    /**
     * Returns a length of {@code amount} units.
     *
     * @param amount the number of units
     * @param unit the unit
     * @return the length
     * @throws IllegalArgumentException if {@code amount} is negative, infinite or NaN
     */
    public static Length of(double amount, Unit unit) {
        return new Length(amount, Objects.requireNonNull(unit, "unit"));
    }

    /**
     * Returns the number of units.
     *
     * @return the amount
     */
    public double getAmount() {
        return amount;
    }

    /**
     * Returns the unit.
     *
     * @return the unit
     */
    public Unit getUnit() {
        return unit;
    }

    /**
     * Resolves the length to scheduler steps, as the class documentation says.
     *
     * @param run the run's length
     * @param updatesPerStep the updates per scheduler step
     * @return the number of steps, rounded half up
     * @throws IllegalArgumentException if {@code updatesPerStep < 1}, or the count exceeds a long
     */
    public long resolve(RunLength run, long updatesPerStep) {
        Objects.requireNonNull(run, "run");
        Checks.argument(
                updatesPerStep >= 1, "updatesPerStep must be >= 1, but was %d", updatesPerStep);
        long updatesPerUnit;
        switch (unit) {
            case UPDATE:
                updatesPerUnit = 1;
                break;
            case EPOCH:
                updatesPerUnit = run.updatesPerEpoch();
                break;
            default:
                updatesPerUnit = run.updates();
                break;
        }
        BigDecimal steps =
                BigDecimal.valueOf(amount)
                        .multiply(BigDecimal.valueOf(updatesPerUnit))
                        .divide(BigDecimal.valueOf(updatesPerStep), 0, RoundingMode.HALF_UP);
        Checks.argument(
                steps.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0,
                "%s of %s is %s steps, more than a long holds",
                this,
                run,
                steps);
        return steps.longValueExact();
    }

    /** {@inheritDoc} */
    @Override
    public boolean equals(Object o) {
        return o instanceof Length l && Double.compare(amount, l.amount) == 0 && unit == l.unit;
    }

    /** {@inheritDoc} */
    @Override
    public int hashCode() {
        return Double.hashCode(amount) * 31 + unit.hashCode();
    }

    /**
     * Returns the spec form, e.g. {@code 0.05*run}, {@code 3*epoch} or {@code 500*update}; a whole
     * amount prints without a decimal point.
     *
     * @return the spec form
     */
    @Override
    public String toString() {
        String a =
                amount == Math.rint(amount) && amount < 0x1p53
                        ? Long.toString((long) amount)
                        : PyRepr.repr(amount);
        return a + "*" + unit.getSpecName();
    }
}
