package org.labrador.solr.testcluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A SolrCloud cluster on this machine for tests: Solr's {@link MiniSolrCloudCluster} with its
 * embedded ZooKeeper, in a JVM of its own. Arguments: a working folder and the number of nodes.
 * Prints {@code zk-host <address>}, one {@code node <i> <url>} per node, then {@code ready}; then
 * reads commands, one a line, and answers each with one line: {@code stop <i>} stops node i
 * (its data kept), {@code start <i>} starts it again on the same port, {@code quit} shuts the
 * cluster down. The end of its input (the test JVM gone) shuts it down too.
 *
 * <p>Jetty's stop waits for the requests in flight, and under search load a node's shutdown has
 * been seen to hang there for minutes. So a stop runs on a thread of its own: when it has not
 * finished after {@link #STOP_PATIENCE} but the node no longer accepts connections, the node is
 * reported stopped (it is down for every client) and the threads are dumped to the log; a later
 * start first waits for that shutdown to finish.
 */
public final class SolrTestCluster {

    private static final Duration STOP_PATIENCE = Duration.ofSeconds(45);
    private static final Duration START_PATIENCE = Duration.ofSeconds(100);
    private static final Map<Integer, Future<?>> STOPPING = new HashMap<>();
    private static final ExecutorService STOPPERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-cluster-stop");
        thread.setDaemon(true);
        return thread;
    });

    private SolrTestCluster() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args.length > 0 ? args[0] : "target/solr-test-cluster");
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Files.createDirectories(base);
        MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(nodes, base)
                .withMetrics(true)
                .build();
        try {
            System.out.println("zk-host " + cluster.getZkServer().getZkAddress());
            List<JettySolrRunner> runners = cluster.getJettySolrRunners();
            for (int i = 0; i < runners.size(); i++) {
                System.out.println("node " + i + " " + runners.get(i).getBaseUrl());
            }
            System.out.println("ready");
            System.out.flush();
            serve(cluster, List.copyOf(runners));
        } finally {
            cluster.shutdown();
        }
        System.exit(0); // Solr leaves non-daemon threads behind
    }

    private static void serve(MiniSolrCloudCluster cluster, List<JettySolrRunner> runners) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] command = line.trim().split("\\s+");
            try {
                switch (command[0]) {
                    case "stop" -> {
                        int node = Integer.parseInt(command[1]);
                        System.out.println(stop(cluster, node, runners.get(node)));
                    }
                    case "start" -> {
                        int node = Integer.parseInt(command[1]);
                        JettySolrRunner runner = runners.get(node);
                        Future<?> stopping = STOPPING.get(node);
                        if (stopping != null) {
                            stopping.get(START_PATIENCE.toSeconds(), TimeUnit.SECONDS); // a retried start waits again
                            STOPPING.remove(node);
                        }
                        cluster.startJettySolrRunner(runner, true);
                        cluster.waitForNode(runner, 60);
                        System.out.println("started " + command[1] + " " + runner.getBaseUrl());
                    }
                    case "wait-active" -> {
                        // wait-active <collection> <shards> <replicas in all>
                        cluster.waitForActiveCollection(command[1], 60, TimeUnit.SECONDS,
                                Integer.parseInt(command[2]), Integer.parseInt(command[3]));
                        System.out.println("active " + command[1]);
                    }
                    case "quit" -> {
                        System.out.println("bye");
                        return;
                    }
                    default -> System.out.println("error unknown command " + command[0]);
                }
            } catch (Exception e) {
                System.out.println("error " + e.toString().replace('\n', ' '));
            }
            System.out.flush();
        }
    }

    private static String stop(MiniSolrCloudCluster cluster, int node, JettySolrRunner runner) throws Exception {
        URI url = URI.create(runner.getBaseUrl().toString());
        Future<?> stopping = STOPPERS.submit(() -> {
            cluster.stopJettySolrRunner(runner);
            cluster.waitForJettyToStop(runner);
            return null;
        });
        try {
            stopping.get(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            return "stopped " + node;
        } catch (TimeoutException slow) {
            System.err.println("node " + node + " still shutting down after " + STOP_PATIENCE.toSeconds() + " s; threads:");
            for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
                System.err.print(thread);
            }
            if (accepts(url)) {
                stopping.cancel(true);
                return "error node " + node + " did not stop within " + STOP_PATIENCE.toSeconds() + " s";
            }
            STOPPING.put(node, stopping);
            return "stopped " + node + " (its shutdown goes on; it accepts no connections)";
        }
    }

    private static boolean accepts(URI url) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 2_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
