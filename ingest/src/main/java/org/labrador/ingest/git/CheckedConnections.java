package org.labrador.ingest.git;

import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import java.util.Set;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.HttpConnectionFactory2;
import org.labrador.ingest.net.AddressPolicy;

/**
 * JGit's HTTP connections, each checked against the {@link AddressPolicy} before it opens: JGit
 * opens a new connection for every request, including each redirect it follows, so a repository
 * that redirects to an internal address is refused at that hop.
 */
final class CheckedConnections implements HttpConnectionFactory2 {

    private static final Set<String> SCHEMES = Set.of("http", "https");

    private final AddressPolicy policy;
    private final HttpConnectionFactory delegate;

    CheckedConnections(AddressPolicy policy, HttpConnectionFactory delegate) {
        this.policy = policy;
        this.delegate = delegate;
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
        policy.check(url, SCHEMES);
        return delegate.create(url);
    }

    @Override
    public HttpConnection create(URL url, Proxy proxy) throws IOException {
        policy.check(url, SCHEMES);
        return delegate.create(url, proxy);
    }

    @Override
    public GitSession newSession() {
        if (delegate instanceof HttpConnectionFactory2 sessions) {
            return sessions.newSession();
        }
        return new GitSession() {
            @Override
            public HttpConnection configure(HttpConnection connection, boolean sslVerify) {
                return connection;
            }

            @Override
            public void close() {
            }
        };
    }
}
