package org.labrador.index.solr;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a request while the cluster heals: a node that went down (connection refused, its
 * replicas not yet marked down), a shard electing a new leader, a collection reloading. Every
 * request Labrador sends is idempotent (adds replace by id, deletes and commits repeat harmlessly),
 * so repeating one is safe. A request Solr refuses as wrong (4xx) is not retried.
 */
final class Retries {

    private static final Logger log = LoggerFactory.getLogger(Retries.class);

    /** One request to the cluster. */
    @FunctionalInterface
    interface Request<T> {
        T send() throws SolrServerException, IOException;
    }

    private final Duration retryFor;

    Retries(Duration retryFor) {
        this.retryFor = retryFor;
    }

    <T> T call(String what, Request<T> request) throws IOException {
        long deadline = System.nanoTime() + retryFor.toNanos();
        long pauseMs = 100;
        for (int attempt = 1; ; attempt++) {
            try {
                return request.send();
            } catch (SolrServerException | IOException | SolrException e) {
                if (!transient_(e) || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMs) > deadline) {
                    throw new IOException("Solr: " + what + " failed: " + message(e), e);
                }
                log.debug("Solr: {} failed (attempt {}), retrying: {}", what, attempt, message(e));
                try {
                    Thread.sleep(pauseMs);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Solr: " + what + " interrupted", interrupted);
                }
                pauseMs = Math.min(2_000, pauseMs * 2);
            }
        }
    }

    /**
     * Whether the failure may pass by itself: no answer from a node, a shard without a live
     * replica or leader for a while (503), a node's error that says it lost another node, or an
     * answer that is not Solr's at all (a node shutting down answers from its web server: an error
     * page SolrJ cannot parse, whatever its status). A refused request (4xx) or any other server
     * error (a query Solr cannot run) is final.
     */
    static boolean transient_(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof SolrException && (message.endsWith(": parsing error") || message.contains("Expected mime type"))) {
                return true;
            }
            if (t instanceof SolrException solr && solr.code() > 0) {
                int code = solr.code();
                if (code >= 400 && code < 500) {
                    return false;
                }
                if (code == 500 && !CLUSTER_TROUBLE.matcher(String.valueOf(solr.getMessage())).find()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** What a node says when another node or a leader is missing, rather than about the request. */
    private static final java.util.regex.Pattern CLUSTER_TROUBLE = java.util.regex.Pattern.compile(
            "(?i)hosting shard|connect|refused|timeout|timed out|EOF|closed|unavailable|recover|leader|no live|stale|shutdown|down");

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
