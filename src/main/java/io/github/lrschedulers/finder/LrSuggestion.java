package io.github.lrschedulers.finder;

import java.util.Locale;
import java.util.Objects;

/**
 * A learning rate suggested by one rule from the curve of a range test, with the point of the curve
 * it marks.
 */
public final class LrSuggestion {

    /** The rules, each with its source. */
    public enum Method {
        /**
         * Lightning's steepest descent ({@code _LRFinder.suggestion}, {@code skip_begin=10}, {@code
         * skip_end=1}): the rate where the gradient of the smoothed loss with respect to the rate
         * is most negative. See {@link LrSuggestions#steepest}.
         */
        STEEPEST("steepest", "Lightning _LRFinder.suggestion: most negative d(loss)/d(lr)"),
        /**
         * fastai's {@code valley}: two thirds into the longest valley of the curve. fastai's
         * default suggestion. See {@link LrSuggestions#valley}.
         */
        VALLEY("valley", "fastai valley: 2/3 into the longest valley"),
        /**
         * fastai's {@code slide}: the interval slide rule ({@code lr_diff=15}, {@code
         * thresh=0.005}). See {@link LrSuggestions#slide}.
         */
        SLIDE("slide", "fastai slide: interval slide rule, lr_diff=15, thresh=0.005"),
        /**
         * fastai's {@code minimum}: a tenth of the rate of the smallest loss. See {@link
         * LrSuggestions#minimum}.
         */
        MINIMUM("minimum", "fastai minimum: rate of the smallest loss / 10"),
        /**
         * fastai's {@code steep}: the rate where the loss falls fastest with the logarithm of the
         * rate. See {@link LrSuggestions#steep}.
         */
        STEEP("steep", "fastai steep: most negative d(loss)/d(log lr)");

        private final String label;
        private final String rule;

        Method(String label, String rule) {
            this.label = label;
            this.rule = rule;
        }

        /**
         * Returns the rule's short name, as fastai names it ({@code steepest} for Lightning's).
         *
         * @return the name
         */
        public String getLabel() {
            return label;
        }

        /**
         * Returns the rule and its source, in one line.
         *
         * @return the rule
         */
        public String getRule() {
            return rule;
        }
    }

    private final Method method;
    private final double lr;
    private final int index;
    private final double markedLr;
    private final double markedLoss;

    LrSuggestion(Method method, double lr, int index, double markedLr, double markedLoss) {
        this.method = Objects.requireNonNull(method, "method");
        this.lr = lr;
        this.index = index;
        this.markedLr = markedLr;
        this.markedLoss = markedLoss;
    }

    /**
     * Returns the rule that made this suggestion.
     *
     * @return the rule
     */
    public Method getMethod() {
        return method;
    }

    /**
     * Returns the suggested learning rate (of parameter group 0).
     *
     * @return the rate
     */
    public double getLr() {
        return lr;
    }

    /**
     * Returns the row of the range test the rule picked (0-based); the suggested rate is that row's
     * rate, a tenth of it for {@link Method#MINIMUM}.
     *
     * @return the row index
     */
    public int getIndex() {
        return index;
    }

    /**
     * Returns the rate of the point the rule marks on the curve: the picked row's rate (fastai
     * marks {@link Method#MINIMUM} at the minimum, not at a tenth of it).
     *
     * @return the marked rate
     */
    public double getMarkedLr() {
        return markedLr;
    }

    /**
     * Returns the smoothed loss of the point the rule marks on the curve.
     *
     * @return the marked loss
     */
    public double getMarkedLoss() {
        return markedLoss;
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%s: %.3g (row %d; %s)",
                method.getLabel(),
                lr,
                index,
                method.getRule());
    }
}
