package org.labrador.ingest.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void removesUrlUserInfoAndKnownSecrets() {
        Redaction redaction = new Redaction(List.of("tok123456"));
        assertThat(redaction.apply("https://user:pw@github.com/o/r.git: not authorized (token tok123456)"))
                .isEqualTo("https://***@github.com/o/r.git: not authorized (token ***)");
        assertThat(Redaction.stripUserInfo("https://oauth2:abc@gitlab.cern.ch/g/p.git"))
                .isEqualTo("https://gitlab.cern.ch/g/p.git");
    }

    @Test
    void describesTheWholeCauseChainRedacted() {
        Exception error = new RuntimeException("fetch failed", new IllegalStateException("https://a:b@h/x: refused"));
        assertThat(new Redaction(List.of()).describe(error)).isEqualTo("fetch failed: https://***@h/x: refused");
    }
}
