package org.labrador.solr.testcluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A SolrCloud cluster on this machine for tests: Solr's {@link MiniSolrCloudCluster} with its
 * embedded ZooKeeper, in a JVM of its own. Arguments: a working folder and the number of nodes.
 * Prints {@code zk-host <address>}, one {@code node <i> <url>} per node, then {@code ready}; then
 * reads commands, one a line, and answers each with one line: {@code stop <i>} stops node i
 * (its data kept), {@code start <i>} starts it again on the same port, {@code quit} shuts the
 * cluster down. The end of its input (the test JVM gone) shuts it down too.
 */
public final class SolrTestCluster {

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
                        JettySolrRunner runner = runners.get(Integer.parseInt(command[1]));
                        cluster.stopJettySolrRunner(runner);
                        cluster.waitForJettyToStop(runner);
                        System.out.println("stopped " + command[1]);
                    }
                    case "start" -> {
                        JettySolrRunner runner = runners.get(Integer.parseInt(command[1]));
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
}
