package org.labrador.ingest.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Sources fetch only from public addresses unless an administrator allowed a host: every spelling
 * of loopback, link-local, private and other internal addresses is refused before a connection.
 */
class AddressPolicyTest {

    private static final Set<String> HTTP = Set.of("http", "https");

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/api.php", "http://localhost/", "http://[::1]/x.git",
            "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.1.1/",
            "http://0.0.0.0:22/", "http://2130706433/", "http://127.1/", "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:7f00:1]/", "http://[::127.0.0.1]/", "http://[0:0:0:0:0:0:0:0]/", "http://[fe80::1]/",
            "http://[fd00::1]/", "http://[2002:7f00:1::]/", "http://[64:ff9b::a9fe:a9fe]/", "http://224.0.0.1/",
            "http://100.64.0.1/", "http://255.255.255.255/", "https://user:pw@127.0.0.1/x.git", "http://[ff02::1]/"})
    void internalAddressesAreRefusedInEverySpelling(String url) {
        assertThatThrownBy(() -> AddressPolicy.blockingInternal().check(URI.create(url), HTTP))
                .isInstanceOf(BlockedAddressException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "jar:file:///x.jar!/a", "ftp://example.org/", "gopher://127.0.0.1/"})
    void otherSchemesAreRefused(String url) {
        assertThatThrownBy(() -> AddressPolicy.blockingInternal().check(URI.create(url), HTTP))
                .isInstanceOf(BlockedAddressException.class).hasMessageContaining("scheme");
    }

    @Test
    void publicAddressesPass() throws Exception {
        for (String address : List.of("93.184.215.14", "2606:4700::1111", "8.8.8.8", "172.32.0.1", "192.169.0.1")) {
            assertThat(AddressPolicy.isInternal(InetAddress.getByName(address))).as(address).isFalse();
        }
        assertThatCode(() -> AddressPolicy.blockingInternal().check(URI.create("https://93.184.215.14/w/api.php"), HTTP))
                .doesNotThrowAnyException();
    }

    @Test
    void anAdministratorMayAllowHostsByNameAddressOrRange() {
        AddressPolicy policy = AddressPolicy.allowing(List.of("gitlab.internal", "127.0.0.1", "10.1.0.0/16", "[::1]"));
        assertThatCode(() -> policy.check(URI.create("http://127.0.0.1:9999/x.git"), HTTP)).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(URI.create("http://[::1]:9999/x.git"), HTTP)).doesNotThrowAnyException();
        assertThatCode(() -> policy.checkHost("10.1.200.3")).doesNotThrowAnyException();
        assertThatCode(() -> policy.checkHost("GitLab.Internal")).as("names, without resolving").doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.checkHost("10.2.0.1")).isInstanceOf(BlockedAddressException.class);
        assertThatThrownBy(() -> policy.checkHost("127.0.0.2")).isInstanceOf(BlockedAddressException.class);
        assertThatThrownBy(() -> policy.checkHost("169.254.169.254")).isInstanceOf(BlockedAddressException.class)
                .hasMessageContaining("169.254.169.254");
        assertThatThrownBy(() -> AddressPolicy.allowing(List.of("10.0.0.0/99"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void teredoAndSixToFourCarryingAnInternalAddressAreRefused() throws Exception {
        // Teredo stores the client's IPv4 address inverted: ~127.0.0.1 = 80ff:fffe
        assertThat(AddressPolicy.isInternal(InetAddress.getByName("2001:0:4136:e378:8000:63bf:80ff:fffe"))).isTrue();
        assertThat(AddressPolicy.isInternal(InetAddress.getByName("2002:c0a8:0101::1"))).isTrue();
        assertThat(AddressPolicy.isInternal(InetAddress.getByName("2002:5db8:d70e::1"))).isFalse();
    }
}
