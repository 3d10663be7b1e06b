package org.labrador.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A model server's answer is read within the deadline, body included, and up to a size: against a socket
 * that writes raw HTTP/1.1, so that headers and body can be sent apart as a stalling server does.
 */
class BoundedHttpTest {

    private static final String BODY = "{\"embeddings\":[[0.1,0.2]]}";

    private ServerSocket socket;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void close() throws IOException {
        socket.close();
    }

    @Test
    void aWholeAnswerComesBackWithItsStatus() throws Exception {
        serve(Duration.ZERO, BODY, 418);
        BoundedHttp.Reply reply = BoundedHttp.send(client, request(Duration.ofSeconds(2)), Duration.ofSeconds(2), 1_000);
        assertThat(reply.status()).isEqualTo(418);
        assertThat(reply.body()).isEqualTo(BODY);
    }

    @Test
    void anAnswerWhoseBodyStallsIsGivenUpAtTheDeadline() throws Exception {
        serve(Duration.ofSeconds(5), BODY, 200);
        long started = System.nanoTime();
        // The request's own timeout would not help: the headers come at once.
        assertThatThrownBy(() -> BoundedHttp.send(client, request(Duration.ofMillis(300)), Duration.ofMillis(300), 1_000))
                .isInstanceOf(HttpTimeoutException.class).hasMessageContaining("not complete in time");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anAnswerLargerThanTheCapIsRefused() throws Exception {
        serve(Duration.ZERO, "x".repeat(5_000), 200);
        assertThatThrownBy(() -> BoundedHttp.send(client, request(Duration.ofSeconds(2)), Duration.ofSeconds(2), 4_096))
                .isInstanceOf(BoundedHttp.TooLargeException.class).hasMessageContaining("4096 bytes");
    }

    private HttpRequest request(Duration timeout) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/api/embed"))
                .timeout(timeout).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    }

    /** One connection: the headers and the body's first bytes at once, the rest after {@code stall}. */
    private void serve(Duration stall, String body, int status) throws IOException {
        socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket connection = socket.accept()) {
                connection.getInputStream().read(new byte[65_536]);
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                OutputStream out = connection.getOutputStream();
                out.write(("HTTP/1.1 " + status + " Status\r\nContent-Type: application/json\r\nContent-Length: "
                        + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes, 0, 5);
                out.flush();
                Thread.sleep(stall);
                out.write(bytes, 5, bytes.length - 5);
                out.flush();
            } catch (IOException | InterruptedException e) {
                // the client went away: what a stalling server sees
            }
        });
    }
}
