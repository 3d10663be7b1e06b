package org.labrador.index.solr.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the shared {@link SolrCluster} before a test class, or skips the class with the reason
 * when the cluster cannot start (for example when index-solr/test-cluster was not built).
 */
public final class SolrClusterExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            SolrCluster.shared();
        } catch (IllegalStateException e) {
            Assumptions.abort("Skipped: " + e.getMessage());
        }
    }
}
