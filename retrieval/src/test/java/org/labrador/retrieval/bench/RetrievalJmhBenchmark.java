package org.labrador.retrieval.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs the retrieval module's JMH benchmarks ({@code *Jmh}: search per mode, keyword-query
 * building) and prints a Markdown table, with percentiles for the sampled search times. Asserts
 * nothing about speed. The forked JVMs inherit this JVM's flags (JMH's default), which under
 * surefire are the tests' argLine, Lucene's vector module included.
 * Run with {@code ./test -Pbench -pl retrieval -am}.
 */
@Tag("benchmark")
class RetrievalJmhBenchmark {

    private static final int WARMUP_ITERATIONS = 5;
    private static final int MEASURED_ITERATIONS = 5;

    @Test
    void printsSearchLatencyTable() throws RunnerException {
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Options options = new OptionsBuilder()
                .include("^org\\.labrador\\.retrieval\\..*Jmh\\.")
                .forks(1)
                .warmupIterations(WARMUP_ITERATIONS)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(MEASURED_ITERATIONS)
                .measurementTime(TimeValue.seconds(1))
                .build();
        Collection<RunResult> results = new Runner(options).run();

        System.out.println();
        System.out.println("| benchmark | mode | score | error | unit | p50 | p90 | p99 |");
        System.out.println("|---|---|---:|---:|---|---:|---:|---:|");
        for (RunResult run : results) {
            BenchmarkParams params = run.getParams();
            Result<?> primary = run.getPrimaryResult();
            Statistics stats = primary.getStatistics();
            boolean sampled = params.getMode() == Mode.SampleTime;
            System.out.println(String.format(Locale.ROOT, "| %s | %s | %s | ± %s | %s | %s | %s | %s |",
                    label(params), params.getMode().shortLabel(), number(primary.getScore()),
                    number(primary.getScoreError()), primary.getScoreUnit(),
                    sampled ? number(stats.getPercentile(50)) : "", sampled ? number(stats.getPercentile(90)) : "",
                    sampled ? number(stats.getPercentile(99)) : ""));
        }
        System.out.printf(Locale.ROOT, "(1 fork, %d warm-up and %d measured iterations of 1 s; %d cores, load average %.1f"
                        + " at start; Java %s)%n%n", WARMUP_ITERATIONS, MEASURED_ITERATIONS,
                Runtime.getRuntime().availableProcessors(), loadAtStart, System.getProperty("java.version"));
        assertThat(results).isNotEmpty();
    }

    /** {@code SearchJmh.search mode=BM25}: class and method, then parameters. */
    private static String label(BenchmarkParams params) {
        String name = params.getBenchmark();
        StringBuilder label = new StringBuilder(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1));
        for (String key : params.getParamsKeys()) {
            label.append(' ').append(key).append('=').append(params.getParam(key));
        }
        return label.toString();
    }

    /** Three significant figures or so, without exponents. */
    private static String number(double value) {
        double magnitude = Math.abs(value);
        String format = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, format, value);
    }
}
