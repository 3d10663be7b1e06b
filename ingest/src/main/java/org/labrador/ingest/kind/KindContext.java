package org.labrador.ingest.kind;

import java.nio.file.Path;
import java.util.function.Function;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.net.AddressPolicy;

/**
 * What the application lends a kind to open a source: the limits and tools every reader shares,
 * and the source's own means of reaching out. A kind gets nothing else of the application.
 *
 * @param maxFileBytes documents larger than this are skipped with the reason
 *                     ({@code labrador.ingest.max-file-bytes})
 * @param chunker      cuts prose into passages, for kinds that cut their documents themselves
 * @param secrets      looks a secret up by the name a {@link SettingType#SECRET_ENV} setting holds
 *                     (environment, then the secrets file); null when unset. Never log a value.
 * @param addresses    the hosts the source may reach: check it before every connection and redirect
 * @param workFolder   a folder of the source's own for what it keeps between syncs (a Git clone);
 *                     it may not exist yet, and is deleted with the source
 */
public record KindContext(long maxFileBytes, DocumentChunker chunker, Function<String, String> secrets,
                          AddressPolicy addresses, Path workFolder) {
}
