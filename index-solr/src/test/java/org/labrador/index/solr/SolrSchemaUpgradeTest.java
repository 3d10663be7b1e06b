package org.labrador.index.solr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.util.ContentStreamBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.labrador.index.solr.testing.SolrCluster;
import org.labrador.index.solr.testing.SolrClusterExtension;
import org.labrador.retrieval.Chunk;
import org.labrador.retrieval.Hit;
import org.labrador.retrieval.IndexedDocument;
import org.labrador.retrieval.ReadAccess;
import org.labrador.retrieval.Retriever;
import org.labrador.retrieval.SearchMode;
import org.labrador.retrieval.SearchRequest;

/**
 * A collection written by the first Solr schema (no keyword field of all words) is upgraded when
 * Labrador connects: new configset, passages re-added with their text and embeddings, so that a
 * question in plain words finds code whose file path holds them, as on the embedded index.
 */
@ExtendWith(SolrClusterExtension.class)
class SolrSchemaUpgradeTest {

    @Test
    void aCollectionOfTheFirstSchemaIsUpgradedOnConnectKeepingTextAndEmbeddings() throws Exception {
        var embeddings = new AllMiniLmL6V2QuantizedEmbeddingModel();
        SolrSettings settings = SolrCluster.shared().newCollection("schema1", 384);
        Chunk chunk = new Chunk("c1", "code", "straxen/plugins/gps_syncing/gps_syncing.py", "gps_syncing.py", List.of(), 1, 2,
                "def compute(self, raw_records_aqmon): pass", "", "h", List.of("compute"), 0, 0, "", List.of("xenon"));
        float[] vector = embeddings.embed(TextSegment.from(chunk.text())).content().vector();
        try (CloudSolrClient client = SolrCollections.client(settings)) {
            makeFirstSchemaCollection(client, settings);
            SolrInputDocument block = SolrFields.block(
                    new IndexedDocument("code", chunk.path(), "t", "h", "minilm", 1, Instant.now()), List.of(chunk), List.of(vector));
            Collection<Object> children = block.getFieldValues(SolrFields.CHUNKS);
            assertThat(children).hasSize(1);
            children.forEach(child -> ((SolrInputDocument) child).removeField(SolrFields.WORDS));
            SolrInputDocument state = new SolrInputDocument();
            state.setField(SolrFields.ID, SolrFields.STATE_ID);
            state.setField(SolrFields.KIND, SolrFields.KIND_STATE);
            state.setField(SolrFields.DATA_KEYS, List.of(SolrPassageIndex.SCHEMA_KEY, "synced.code"));
            state.setField(SolrFields.DATA_VALUES, List.of("1", "yesterday"));
            UpdateRequest update = new UpdateRequest();
            update.add(List.of(block, state));
            update.setAction(UpdateRequest.ACTION.COMMIT, true, true);
            update.process(client, settings.collection());
        }

        try (SolrPassageIndex index = SolrPassageIndex.connect(settings)) {
            Retriever retriever = new Retriever(index, embeddings, "");
            ReadAccess xenon = ReadAccess.groups(Set.of("xenon"));
            List<Hit> byPath = retriever.search(new SearchRequest("gps syncing", SearchMode.BM25, 1, Set.of(), xenon));
            assertThat(byPath).extracting(h -> h.chunk().id()).containsExactly("c1");
            assertThat(byPath.getFirst().chunk().groups()).containsExactly("xenon");
            List<Hit> byMeaning = retriever.search(new SearchRequest(chunk.text(), SearchMode.VECTOR, 1, Set.of(), xenon));
            assertThat(byMeaning.getFirst().similarity()).isGreaterThan(0.99);
            assertThat(index.commitData()).containsEntry("synced.code", "yesterday")
                    .containsEntry(SolrPassageIndex.SCHEMA_KEY, Integer.toString(SolrPassageIndex.SCHEMA));
        }
    }

    /** The collection as the first schema made it: today's configset without the keyword field of all words. */
    private static void makeFirstSchemaCollection(CloudSolrClient client, SolrSettings settings) throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            for (Map.Entry<String, byte[]> file : SolrCollections.configSetFiles(settings.vectorDimension()).entrySet()) {
                byte[] content = file.getValue();
                if (file.getKey().equals("schema.xml")) {
                    String schema = new String(content, StandardCharsets.UTF_8);
                    String withoutWords = schema.replaceAll("<field name=\"words\"[^>]*/>", "");
                    assertThat(withoutWords).isNotEqualTo(schema);
                    content = withoutWords.getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(content);
                zip.closeEntry();
            }
        }
        ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload();
        upload.setConfigSetName(settings.configSet());
        upload.setUploadStream(new ContentStreamBase.ByteArrayStream(zipped.toByteArray(), "old.zip", "application/zip"));
        upload.process(client);
        CollectionAdminRequest.Create create = CollectionAdminRequest.createCollection(settings.collection(),
                settings.configSet(), settings.shards(), settings.replicas());
        create.setWaitForFinalState(true);
        create.process(client);
    }
}
