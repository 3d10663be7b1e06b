package org.labrador.index.solr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.GenericSolrRequest;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.Slice;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.ContentStreamBase;
import org.apache.solr.common.util.NamedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The cluster side of the collection: the client, the configset, making the collection, its size. */
final class SolrCollections {

    private static final Logger log = LoggerFactory.getLogger(SolrCollections.class);
    /** The configset's files, in this package's resources; the schema's vector dimension is filled in. */
    static final List<String> CONFIGSET_FILES = List.of("schema.xml", "solrconfig.xml", "stopwords_en.txt");
    static final String DIMENSION_PLACEHOLDER = "@VECTOR_DIMENSION@";

    private SolrCollections() {
    }

    /** How long an update, a commit or a collection request may take: creating a collection is slow. */
    static final int UPDATE_TIMEOUT_SECONDS = 120;
    /**
     * How long a search may take before it is given up and tried again on another replica: a replica
     * that hangs (a node going away or coming back) must not hold a reader for two minutes.
     */
    static final int QUERY_TIMEOUT_SECONDS = 30;

    /** SolrJ's cloud client for updates and administration: routes updates to shard leaders. */
    static CloudSolrClient client(SolrSettings settings) {
        return client(settings, UPDATE_TIMEOUT_SECONDS);
    }

    /** SolrJ's cloud client for searches, spread over live replicas, with the shorter time limit. */
    static CloudSolrClient queryClient(SolrSettings settings) {
        return client(settings, QUERY_TIMEOUT_SECONDS);
    }

    private static CloudSolrClient client(SolrSettings settings, int timeoutSeconds) {
        Http2SolrClient.Builder http = new Http2SolrClient.Builder()
                .withConnectionTimeout(5, TimeUnit.SECONDS)
                .withIdleTimeout(timeoutSeconds, TimeUnit.SECONDS)
                .withRequestTimeout(timeoutSeconds, TimeUnit.SECONDS);
        CloudHttp2SolrClient.Builder builder;
        if (!settings.zkHosts().isEmpty()) {
            int slash = settings.zkHosts().indexOf('/');
            String hosts = slash < 0 ? settings.zkHosts() : settings.zkHosts().substring(0, slash);
            Optional<String> chroot = slash < 0 ? Optional.empty() : Optional.of(settings.zkHosts().substring(slash));
            builder = new CloudHttp2SolrClient.Builder(List.of(hosts.split(",")), chroot)
                    .withZkConnectTimeout(15, TimeUnit.SECONDS).withZkClientTimeout(30, TimeUnit.SECONDS);
        } else {
            builder = new CloudHttp2SolrClient.Builder(settings.urls());
        }
        return builder.withInternalClientBuilder(http).withDefaultCollection(settings.collection()).build();
    }

    /** Uploads the configset and makes the collection, each only when missing. */
    static void ensure(CloudSolrClient client, SolrSettings settings) throws IOException {
        try {
            List<String> collections = CollectionAdminRequest.listCollections(client);
            if (collections.contains(settings.collection())) {
                return;
            }
            List<String> configSets = new ConfigSetAdminRequest.List().process(client).getConfigSets();
            if (!configSets.contains(settings.configSet())) {
                log.info("Uploading configset {} to {}", settings.configSet(), settings.cluster());
                ContentStreamBase.ByteArrayStream zip = new ContentStreamBase.ByteArrayStream(
                        configSetZip(settings.vectorDimension()), settings.configSet() + ".zip", "application/zip");
                ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload();
                upload.setConfigSetName(settings.configSet());
                upload.setUploadStream(zip);
                upload.process(client);
            }
            log.info("Creating collection {} ({} shards, {} replicas each) on {}", settings.collection(),
                    settings.shards(), settings.replicas(), settings.cluster());
            CollectionAdminRequest.Create create = CollectionAdminRequest.createCollection(settings.collection(),
                    settings.configSet(), settings.shards(), settings.replicas());
            create.setWaitForFinalState(true);
            create.process(client);
        } catch (SolrServerException | RuntimeException e) {
            throw new IOException("Could not make the Solr collection " + settings.collection() + " on "
                    + settings.cluster() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Uploads this Labrador's configset over the one the collection was made with and reloads the
     * collection, so that it has the current fields and analysis (for a schema upgrade).
     */
    static void updateConfigSet(CloudSolrClient client, SolrSettings settings) throws SolrServerException, IOException {
        log.info("Uploading configset {} to {} over the old one", settings.configSet(), settings.cluster());
        ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload();
        upload.setConfigSetName(settings.configSet());
        upload.setUploadStream(new ContentStreamBase.ByteArrayStream(configSetZip(settings.vectorDimension()),
                settings.configSet() + ".zip", "application/zip"));
        upload.setOverwrite(true);
        upload.setCleanup(true);
        upload.process(client);
        CollectionAdminRequest.reloadCollection(settings.collection()).process(client);
    }

    /** The configset as a zip, for the Configsets API or {@code bin/solr zk upconfig} after unpacking. */
    static byte[] configSetZip(int vectorDimension) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : configSetFiles(vectorDimension).entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The configset's files by name, the schema made for vectors of {@code vectorDimension}. */
    static Map<String, byte[]> configSetFiles(int vectorDimension) throws IOException {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        for (String name : CONFIGSET_FILES) {
            try (InputStream in = SolrCollections.class.getResourceAsStream("configset/" + name)) {
                if (in == null) {
                    throw new IOException("configset file " + name + " missing from the class path");
                }
                byte[] content = in.readAllBytes();
                if (name.equals("schema.xml")) {
                    content = new String(content, StandardCharsets.UTF_8)
                            .replace(DIMENSION_PLACEHOLDER, Integer.toString(vectorDimension)).getBytes(StandardCharsets.UTF_8);
                }
                files.put(name, content);
            }
        }
        return files;
    }

    /** The dimension of the collection's vector field, from its schema. */
    static int vectorDimension(CloudSolrClient client, String collection) throws SolrServerException, IOException {
        Map<String, Object> field = new SchemaRequest.Field(SolrFields.VECTOR).process(client, collection).getField();
        Object type = field.get("type");
        Map<String, Object> fieldType = new SchemaRequest.FieldType(type.toString()).process(client, collection)
                .getFieldType().getAttributes();
        return Integer.parseInt(fieldType.get("vectorDimension").toString());
    }

    /** Bytes on disk of one copy of the collection: the index of each shard's leader. */
    static long sizeInBytes(CloudSolrClient client, String collection) throws SolrServerException, IOException {
        DocCollection state = client.getClusterState().getCollection(collection);
        long bytes = 0;
        Http2SolrClient http = ((CloudHttp2SolrClient) client).getHttpClient();
        for (Slice slice : state.getActiveSlices()) {
            Replica leader = slice.getLeader();
            if (leader == null) {
                continue;
            }
            ModifiableSolrParams params = new ModifiableSolrParams();
            params.set("action", "STATUS");
            params.set("core", leader.getCoreName());
            params.set("indexInfo", true);
            NamedList<Object> status = http.requestWithBaseUrl(leader.getBaseUrl(), null,
                    new GenericSolrRequest(SolrRequest.METHOD.GET, "/admin/cores", params)).getResponse();
            Object size = status._get(List.of("status", leader.getCoreName(), "index", "sizeInBytes"), null);
            if (size instanceof Number n) {
                bytes += n.longValue();
            }
        }
        return bytes;
    }
}
