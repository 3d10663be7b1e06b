package org.labrador.index.solr;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the SolrCloud collection is and how to make it.
 *
 * @param zkHosts         the cluster's ZooKeeper ensemble, {@code zk1:2181,zk2:2181/solr} (chroot after the
 *                        first slash); empty when {@code urls} are given instead
 * @param urls            Solr node URLs ({@code http://solr1:8983/solr}), when ZooKeeper is not reachable from here
 * @param collection      the collection holding the passages; made on first use when missing
 * @param configSet       the configset the collection is made with; uploaded on first use when missing
 * @param shards          shards of a new collection
 * @param replicas        copies of each shard in a new collection (NRT replicas)
 * @param vectorDimension the embedding model's dimension, written into the schema of a new configset
 * @param retryFor        how long a request keeps being retried while a node is down or a leader is elected
 */
public record SolrSettings(String zkHosts, List<String> urls, String collection, String configSet, int shards,
                           int replicas, int vectorDimension, Duration retryFor) {

    public SolrSettings {
        zkHosts = zkHosts == null ? "" : zkHosts.trim();
        urls = urls == null ? List.of() : urls.stream().map(String::trim).filter(u -> !u.isEmpty()).toList();
        if (zkHosts.isEmpty() == urls.isEmpty()) {
            throw new IllegalArgumentException("Give the Solr cluster either as labrador.index.solr.zk-hosts"
                    + " or as labrador.index.solr.urls (one of the two)");
        }
        Objects.requireNonNull(collection, "collection");
        configSet = configSet == null || configSet.isBlank() ? collection : configSet;
        if (shards < 1 || replicas < 1 || vectorDimension < 1) {
            throw new IllegalArgumentException("shards, replicas and the vector dimension must be at least 1");
        }
        retryFor = retryFor == null ? Duration.ofSeconds(30) : retryFor;
    }

    /** A cluster known by its ZooKeeper ensemble, with the defaults for the rest. */
    public static SolrSettings zookeeper(String zkHosts, String collection, int vectorDimension) {
        return new SolrSettings(zkHosts, List.of(), collection, collection, 2, 2, vectorDimension, Duration.ofSeconds(30));
    }

    /** The same settings with another collection and configset name. */
    public SolrSettings withCollection(String name) {
        return new SolrSettings(zkHosts, urls, name, name, shards, replicas, vectorDimension, retryFor);
    }

    /** Where the cluster is, as said in messages: the ZooKeeper address or the first URL. */
    public String cluster() {
        return zkHosts.isEmpty() ? String.join(",", urls) : "zk " + zkHosts;
    }
}
