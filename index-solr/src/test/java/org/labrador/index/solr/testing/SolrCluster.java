package org.labrador.index.solr.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.labrador.index.solr.SolrSettings;

/**
 * A real SolrCloud cluster for tests: two Solr 9 nodes and an embedded ZooKeeper (Solr's
 * {@code MiniSolrCloudCluster}), run by the {@code index-solr/test-cluster} module's main class in
 * a JVM of its own, because Solr 9 brings Lucene 9 and this class path has Lucene 10. One cluster
 * serves every test class of a test JVM; it stops when that JVM ends (its input closes). Nodes can
 * be stopped and started again to test failover. See {@link SolrClusterExtension} for skipping
 * when it cannot start.
 */
public final class SolrCluster {

    /** Where the test-cluster module left its classes and class path file; set by the surefire configuration. */
    public static final String DIRECTORY_PROPERTY = "labrador.solr.test-cluster.dir";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final AtomicInteger COLLECTIONS = new AtomicInteger();

    private static SolrCluster shared;
    private static String failure;

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> answers = new ArrayBlockingQueue<>(64);
    private final String zkHost;
    private final List<String> nodeUrls;
    private final Path log;

    private SolrCluster(Process process, Path log) throws IOException, InterruptedException {
        this.process = process;
        this.log = log;
        this.commands = process.outputWriter(StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    answers.put(line);
                }
            } catch (IOException | InterruptedException e) {
                // the cluster's JVM ended
            }
        }, "solr-test-cluster-output");
        reader.setDaemon(true);
        reader.start();
        String zk = null;
        List<String> nodes = new ArrayList<>();
        for (String line = next(START_TIMEOUT); !line.equals("ready"); line = next(START_TIMEOUT)) {
            if (line.startsWith("zk-host ")) {
                zk = line.substring("zk-host ".length());
            } else if (line.startsWith("node ")) {
                nodes.add(line.split(" ")[2]);
            }
        }
        this.zkHost = zk;
        this.nodeUrls = List.copyOf(nodes);
    }

    /**
     * The cluster of this test JVM, started on first use.
     *
     * @throws IllegalStateException with the reason when it cannot start (the caller skips)
     */
    public static synchronized SolrCluster shared() {
        if (shared == null && failure == null) {
            try {
                shared = start(2);
            } catch (IOException | InterruptedException | RuntimeException e) {
                failure = e.getMessage();
            }
        }
        if (shared == null) {
            throw new IllegalStateException(failure);
        }
        return shared;
    }

    private static SolrCluster start(int nodes) throws IOException, InterruptedException {
        Path module = moduleTarget();
        Path classpathFile = module.resolve("cluster-classpath.txt");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("no SolrCloud test cluster: " + classpathFile + " is missing (build with"
                    + " the reactor, e.g. ./test -pl index-solr -am, so that index-solr/test-cluster is built first)");
        }
        String classpath = module.resolve("classes") + File.pathSeparator + Files.readString(classpathFile).strip();
        Path work = Files.createTempDirectory("labrador-solr-cluster");
        Path log = work.resolve("cluster.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + work, "-cp", classpath, "org.labrador.solr.testcluster.SolrTestCluster",
                work.resolve("solr").toString(), Integer.toString(nodes))
                .redirectError(log.toFile());
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        try {
            return new SolrCluster(process, log);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the SolrCloud test cluster did not start (" + e.getMessage() + "; its log: "
                    + log + ")", e);
        }
    }

    private static Path moduleTarget() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        for (String candidate : List.of("test-cluster/target", "index-solr/test-cluster/target", "../index-solr/test-cluster/target")) {
            if (Files.isDirectory(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return Path.of("index-solr/test-cluster/target");
    }

    /** The embedded ZooKeeper, with its {@code /solr} chroot. */
    public String zkHost() {
        return zkHost;
    }

    /** The base URLs of the nodes ({@code http://127.0.0.1:port/solr}). */
    public List<String> nodeUrls() {
        return nodeUrls;
    }

    /** Settings for a new collection of this cluster, 2 shards with 2 replicas each, unique per call. */
    public SolrSettings newCollection(String prefix, int vectorDimension) {
        String name = prefix + "-" + ProcessHandle.current().pid() + "-" + COLLECTIONS.incrementAndGet();
        return new SolrSettings(zkHost, List.of(), name, name, 2, 2, vectorDimension, Duration.ofSeconds(60));
    }

    /** Stops node {@code i}, keeping its data; returns when it is down. */
    public void stopNode(int i) throws IOException, InterruptedException {
        command("stop " + i, "stopped");
    }

    /** Starts node {@code i} again on its port; returns when it has joined the cluster. */
    public void startNode(int i) throws IOException, InterruptedException {
        command("start " + i, "started");
    }

    /** Waits until every replica of {@code collection} is active again. */
    public void waitForActive(String collection, int shards, int replicas) throws IOException, InterruptedException {
        command("wait-active " + collection + " " + shards + " " + replicas, "active");
    }

    private synchronized void command(String command, String expected) throws IOException, InterruptedException {
        commands.write(command + "\n");
        commands.flush();
        String answer = next(COMMAND_TIMEOUT);
        if (!answer.startsWith(expected)) {
            throw new IOException("test cluster: " + command + " answered " + answer + " (log: " + log + ")");
        }
    }

    private String next(Duration timeout) throws IOException, InterruptedException {
        String line = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new IOException(process.isAlive() ? "no answer within " + timeout.toSeconds() + " s"
                    : "its JVM ended with exit code " + process.exitValue());
        }
        return line;
    }
}
