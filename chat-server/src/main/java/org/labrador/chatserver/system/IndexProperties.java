package org.labrador.chatserver.system;

import java.time.Duration;
import java.util.List;
import org.labrador.index.solr.SolrSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the passages live, under {@code labrador.index.}: the embedded Lucene index in the data
 * folder (default), or a collection on an existing SolrCloud cluster (docs/configuration.md).
 *
 * @param backend {@code lucene} (default) or {@code solr}
 * @param solr    the cluster, for {@code solr}
 */
@ConfigurationProperties("labrador.index")
public record IndexProperties(@DefaultValue("lucene") Backend backend, @DefaultValue Solr solr) {

    /** The index implementations. */
    public enum Backend { LUCENE, SOLR }

    /**
     * @param zkHosts    the cluster's ZooKeeper ensemble, {@code zk1:2181,zk2:2181/solr}
     * @param urls       Solr node URLs instead, when ZooKeeper is not reachable from Labrador
     * @param collection the collection; made on first start when missing
     * @param configSet  the configset a new collection is made with; uploaded when missing (default: the collection's name)
     * @param shards     shards of a new collection
     * @param replicas   copies of each shard of a new collection
     * @param retryFor   how long a request is retried while a node is down or a leader elected
     */
    public record Solr(String zkHosts, List<String> urls, @DefaultValue("labrador") String collection, String configSet,
                       @DefaultValue("2") int shards, @DefaultValue("2") int replicas,
                       @DefaultValue("30s") Duration retryFor) {

        /** The settings for an embedding model of {@code vectorDimension} dimensions. */
        public SolrSettings settings(int vectorDimension) {
            return new SolrSettings(zkHosts, urls, collection, configSet, shards, replicas, vectorDimension, retryFor);
        }
    }
}
