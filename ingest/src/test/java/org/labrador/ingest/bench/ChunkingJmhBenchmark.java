package org.labrador.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.labrador.ingest.bench.RepositoryFiles.TextFile;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the ingest module's JMH benchmarks ({@code *Jmh}: chunking throughput) and prints a
 * Markdown table: corpus passes, megabytes and passages per second. Asserts nothing about speed.
 * The forked JVMs inherit this JVM's flags (JMH's default), which under surefire are the tests' argLine.
 * Run with {@code ./mvnw -B -o -Pbench verify -pl ingest -am}.
 */
@Tag("benchmark")
class ChunkingJmhBenchmark {

    private static final int WARMUP_ITERATIONS = 5;
    private static final int MEASURED_ITERATIONS = 5;

    @Test
    void printsChunkingThroughputTable() throws RunnerException, IOException {
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Options options = new OptionsBuilder()
                .include("^org\\.labrador\\.ingest\\..*Jmh\\.")
                .forks(1)
                .warmupIterations(WARMUP_ITERATIONS)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(MEASURED_ITERATIONS)
                .measurementTime(TimeValue.seconds(1))
                .build();
        Collection<RunResult> results = new Runner(options).run();

        System.out.println();
        System.out.println("| benchmark | mode | score | error | unit |");
        System.out.println("|---|---|---:|---:|---|");
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark();
            String label = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            String mode = run.getParams().getMode().shortLabel();
            Result<?> primary = run.getPrimaryResult();
            row(label, mode, primary, primary.getScoreUnit().replace("ops", "corpus passes"));
            for (Map.Entry<String, Result> counter : run.getSecondaryResults().entrySet()) {
                String counterName = counter.getKey();
                Result<?> result = counter.getValue();
                row(label + " · " + counterName, mode, result, result.getScoreUnit().replace("ops", counterName));
            }
        }
        System.out.println("(one corpus pass: " + String.join("; ", List.of(
                corpus("markdown", ChunkingJmh.MARKDOWN_FILES),
                corpus("javaCode", ChunkingJmh.JAVA_FILES),
                corpus("pythonCode", ChunkingJmh.PYTHON_FILES))) + ")");
        System.out.printf(Locale.ROOT, "(1 fork, %d warm-up and %d measured iterations of 1 s; %d cores, load average %.1f"
                        + " at start; Java %s)%n%n", WARMUP_ITERATIONS, MEASURED_ITERATIONS,
                Runtime.getRuntime().availableProcessors(), loadAtStart, System.getProperty("java.version"));
        assertThat(results).isNotEmpty();
    }

    private static void row(String label, String mode, Result<?> result, String unit) {
        System.out.println(String.format(Locale.ROOT, "| %s | %s | %s | ± %s | %s |", label, mode,
                number(result.getScore()), number(result.getScoreError()), unit));
    }

    /** {@code markdown = 12 files, 0.07 MB of `**.md`}: what one pass of a benchmark reads. */
    private static String corpus(String benchmark, String glob) throws IOException {
        List<TextFile> files = RepositoryFiles.matching(glob);
        long bytes = files.stream().mapToLong(TextFile::bytes).sum();
        return String.format(Locale.ROOT, "%s = %d files, %.2f MB of `%s`", benchmark, files.size(), bytes / 1e6, glob);
    }

    /** Three significant figures or so, without exponents. */
    private static String number(double value) {
        double magnitude = Math.abs(value);
        String format = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, format, value);
    }
}
