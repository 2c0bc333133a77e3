/**
 * The learning-rate range test: {@link io.github.lrschedulers.finder.LrFinder} ramps the rate on a
 * real DJL trainer and records the loss; {@link io.github.lrschedulers.finder.LrFinderResult} holds
 * the curve, writes its CSV and plot, and gives the suggestions of fastai's and Lightning's rules
 * ({@link io.github.lrschedulers.finder.LrSuggestions}, pure functions of the curve).
 */
package io.github.lrschedulers.finder;
