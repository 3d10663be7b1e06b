/**
 * The passage index on an existing SolrCloud cluster, chosen with {@code labrador.index.backend: solr}:
 * {@link org.labrador.index.solr.SolrPassageIndex} keeps the {@link org.labrador.retrieval.PassageIndex}
 * contract of the embedded Lucene index on a sharded, replicated collection through SolrJ. The
 * configset (schema, solrconfig) is in this package's resources and is uploaded on first use.
 * Only SolrJ is on the application's class path: Solr's server side (Lucene 9) runs in the cluster.
 */
package org.labrador.index.solr;
