/**
 * Git repositories as knowledge sources: analysis code, docs, notebooks and configuration read
 * from one commit of a branch, so every citation can name {@code repo@commit:path#Lstart-Lend}.
 *
 * <p>{@link org.labrador.ingest.git.GitSource} is the entry point: it fetches the remote into a
 * bare repository it owns ({@code RepositoryFetch}), lists the files worth indexing at the head
 * commit ({@code CommitListing}, applying the skip rules of {@link
 * org.labrador.ingest.git.IndexableFiles}), reads blobs straight from the object database ({@code
 * BlobText}) and tells which paths changed since an earlier sync. {@link
 * org.labrador.ingest.git.GitLinks} turns a cited place into a GitHub or GitLab web link.
 * Messages that leave the package pass through {@code Redaction}, so access tokens and URL
 * passwords never reach a log or a screen.
 */
package org.labrador.ingest.git;
