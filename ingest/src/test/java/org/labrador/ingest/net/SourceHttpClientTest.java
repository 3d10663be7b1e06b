package org.labrador.ingest.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A source's server that stalls in the middle of an answer ends the request after the client's timeout without
 * a byte, while one that sends a large answer slowly but steadily is read to the end: against a socket that
 * writes raw HTTP/1.1 in timed pieces.
 */
class SourceHttpClientTest {

    private ServerSocket socket;

    @AfterEach
    void close() throws IOException {
        socket.close();
    }

    @Test
    void anAnswerThatStallsEndsAfterTheTimeoutWithoutAByte() throws Exception {
        serve("{\"events\": [\"a talk on the S1 threshold\"]}", List.of(5, 10_000)); // 5 bytes, then 10 s of nothing
        SourceHttpClient client = new SourceHttpClient("the Indico server at test", AddressPolicy.allowing(List.of("127.0.0.1")),
                Duration.ofMillis(400), Duration.ZERO);
        long started = System.nanoTime();
        assertThatThrownBy(() -> client.get(uri(), Map.of(), 1_000_000)).isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aSlowAnswerThatKeepsComingIsReadWhole() throws Exception {
        String body = "{\"events\": [\"" + "x".repeat(200) + "\"]}";
        // A piece every 200 ms for over a second: longer than the timeout in all, never silent for as long.
        serve(body, List.of(40, 200, 40, 200, 40, 200, 40, 200, 40, 200, 40, 200, 10_000));
        SourceHttpClient client = new SourceHttpClient("the Indico server at test", AddressPolicy.allowing(List.of("127.0.0.1")),
                Duration.ofMillis(700), Duration.ZERO);
        SourceHttpClient.Answer answer = client.get(uri(), Map.of(), 1_000_000);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).isEqualTo(body);
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/export/categ/1.json");
    }

    /** One connection: the headers, then the body in pieces; {@code plan} alternates bytes to send and ms to wait. */
    private void serve(String body, List<Integer> plan) throws IOException {
        socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket connection = socket.accept()) {
                connection.getInputStream().read(new byte[65_536]);
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                OutputStream out = connection.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                int sent = 0;
                for (int i = 0; i < plan.size() && sent < bytes.length; i++) {
                    if (i % 2 == 0) {
                        int n = Math.min(plan.get(i), bytes.length - sent);
                        out.write(bytes, sent, n);
                        out.flush();
                        sent += n;
                    } else {
                        Thread.sleep(plan.get(i));
                    }
                }
                if (sent < bytes.length) {
                    out.write(bytes, sent, bytes.length - sent);
                }
                out.flush();
            } catch (IOException | InterruptedException e) {
                // the client went away
            }
        });
    }
}
