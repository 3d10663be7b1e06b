package org.labrador.index.solr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.BaseHttpSolrClient.RemoteSolrException;
import org.apache.solr.common.SolrException;
import org.junit.jupiter.api.Test;

/** Which failures of the cluster are waited out and which are reported at once. */
class RetriesTest {

    private static final String NODE = "http://127.0.0.1:36835/solr/passages_shard1_replica_n1";

    @Test
    void aNodeThatIsGoneOrGoingIsWaitedOut() {
        assertThat(Retries.transient_(new SolrServerException(new ConnectException("Connection refused")))).isTrue();
        assertThat(Retries.transient_(new SolrException(SolrException.ErrorCode.SERVICE_UNAVAILABLE, "no servers hosting shard"))).isTrue();
        assertThat(Retries.transient_(new RemoteSolrException(NODE, 500, "No registered leader was found after waiting for 4000ms", null)))
                .as("a node that lost another").isTrue();
        // A node shutting down answers from its web server, not from Solr (CI saw this under a node stop).
        assertThat(Retries.transient_(new RemoteSolrException(NODE, 404, "parsing error", new IOException("unexpected end")))).isTrue();
        assertThat(Retries.transient_(new RemoteSolrException(NODE, 503,
                "Expected mime type application/octet-stream but got text/html.", null))).isTrue();
    }

    @Test
    void aRequestSolrRefusesIsReportedAtOnce() {
        assertThat(Retries.transient_(new RemoteSolrException(NODE, 400, "undefined field wordz", null))).isFalse();
        assertThat(Retries.transient_(new RemoteSolrException(NODE, 500, "java.lang.NullPointerException in the query parser", null)))
                .isFalse();
    }
}
