package org.labrador.webui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenderThrottleTest {

    @Test
    void rendersTheFirstRequestAtOnceAndABurstOnceMoreLater() throws InterruptedException {
        AtomicInteger renders = new AtomicInteger();
        RenderThrottle throttle = new RenderThrottle(Duration.ofMillis(100), renders::incrementAndGet);

        throttle.request();
        assertThat(renders).hasValue(1);
        for (int i = 0; i < 50; i++) {
            throttle.request();
        }
        assertThat(renders).hasValue(1);
        Thread.sleep(400);
        assertThat(renders).as("the end of the burst is rendered once").hasValue(2);
    }

    @Test
    void rendersNothingAfterClose() throws InterruptedException {
        AtomicInteger renders = new AtomicInteger();
        RenderThrottle throttle = new RenderThrottle(Duration.ofMillis(50), renders::incrementAndGet);
        throttle.request();
        throttle.request();
        throttle.close();
        throttle.request();
        Thread.sleep(200);
        assertThat(renders).hasValue(1);
    }
}
