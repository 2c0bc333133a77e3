/**
 * JMH benchmarks of the trackers, built only by the {@code jmh} profile: {@code mvn -B -Pjmh
 * -DskipTests package && java -jar target/benchmarks.jar [--quick]} (see {@link
 * io.github.lrschedulers.jmh.BenchmarkMain}).
 */
package io.github.lrschedulers.jmh;
