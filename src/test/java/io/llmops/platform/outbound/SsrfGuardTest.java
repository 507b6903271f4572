package io.llmops.platform.outbound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SsrfGuardTest {

    /** A resolver that knows only these names, and records what it was asked. */
    private final List<String> asked = new ArrayList<>();
    private final Map<String, String[]> dns = Map.of(
            "internal.example.test", new String[]{"10.1.2.3"},
            "public.example.test", new String[]{"93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"},
            "mixed.example.test", new String[]{"93.184.215.14", "192.168.1.10"},
            "metadata.example.test", new String[]{"169.254.169.254"},
            "v6local.example.test", new String[]{"fd00::1"});

    private InetAddress[] lookup(String host) throws UnknownHostException {
        asked.add(host);
        String[] literals = dns.get(host);
        if (literals == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[literals.length];
        for (int i = 0; i < literals.length; i++) {
            out[i] = InetAddress.ofLiteral(literals[i]);
        }
        return out;
    }

    private SsrfGuard guard(String allowlist) {
        return new SsrfGuard(allowlist, this::lookup);
    }

    private final SsrfGuard strict = guard("");

    @ParameterizedTest
    @ValueSource(strings = {
            "127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "172.16.0.1",
            "172.31.255.255", "192.168.0.1", "192.168.255.255", "100.64.0.1", "100.127.255.255", "169.254.169.254",
            "169.254.0.1", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255", "192.0.0.8", "192.0.2.1",
            "198.18.0.1", "198.51.100.7", "203.0.113.9"})
    void internalIpv4IsRefused(String address) {
        assertThatThrownBy(() -> strict.resolve(address)).isInstanceOf(OutboundBlockedException.class)
                .hasMessageContaining(address);
        assertThat(asked).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[::1]", "[::]", "[fe80::1]", "[febf::1]", "[fc00::1]", "[fd12:3456::1]", "[ff02::1]", "[fec0::1]",
            "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::ffff:169.254.169.254]", "[::ffff:10.0.0.1]",
            "[::127.0.0.1]", "[::10.0.0.1]", "[64:ff9b::127.0.0.1]", "[64:ff9b::a9fe:a9fe]", "[64:ff9b:1::1]",
            "[2002:7f00:1::]", "[2002:a00:1::1]", "[2002:c0a8:101::1]", "[2001:db8::1]", "[2001::1]", "[100::1]",
            "[0:0:0:0:0:0:0:1]", "[1::1]"})
    void internalIpv6FormsAreRefused(String address) {
        assertThatThrownBy(() -> strict.resolve(address)).isInstanceOf(OutboundBlockedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0x7f000001", "0x7F.0.0.1", "0177.0.0.1", "127.1", "127.0.1", "017700000001",
            "127.0.0.1.", "127.000.000.001", "1.2.3.4.5", "256.0.0.1", "0", "[fe80::1%25eth0]", "[::1", "[zz::1]"})
    void oddSpellingsAreRefusedWithoutAskingDns(String host) {
        assertThatThrownBy(() -> strict.resolve(host)).isInstanceOf(OutboundBlockedException.class)
                .hasMessageStartingWith("refused host");
        assertThat(asked).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.215.14", "[2606:4700:4700::1111]", "[2a00:1450:4001:80e::200e]",
            "[::ffff:8.8.8.8]", "[64:ff9b::808:808]", "[2002:808:808::1]", "100.63.255.255", "100.128.0.0", "172.32.0.1",
            "172.15.255.255", "169.253.255.255", "192.169.0.1", "11.0.0.1"})
    void publicAddressesPass(String address) throws Exception {
        assertThat(strict.resolve(address)).hasSize(1);
    }

    @Test
    void nameResolvingToPrivateAddressIsRefused() {
        assertThatThrownBy(() -> strict.resolve("internal.example.test"))
                .isInstanceOf(OutboundBlockedException.class)
                .hasMessage("refused host: internal.example.test resolves to 10.1.2.3, a private address");
        assertThatThrownBy(() -> strict.resolve("metadata.example.test")).isInstanceOf(OutboundBlockedException.class)
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> strict.resolve("v6local.example.test")).isInstanceOf(OutboundBlockedException.class)
                .hasMessageContaining("unique-local");
    }

    @Test
    void nameWithAnyInternalAddressIsRefusedWhole() {
        assertThatThrownBy(() -> strict.resolve("mixed.example.test"))
                .isInstanceOf(OutboundBlockedException.class).hasMessageContaining("192.168.1.10");
    }

    @Test
    void publicNameAnswersEveryCheckedAddressFromOneLookup() throws Exception {
        assertThat(strict.resolve("Public.Example.Test.")).extracting(InetAddress::getHostAddress)
                .containsExactly("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c");
        assertThat(asked).containsExactly("public.example.test");
    }

    @Test
    void unknownNameIsNotFoundNotBlocked() {
        assertThatThrownBy(() -> strict.resolve("nowhere.example.test"))
                .isInstanceOf(UnknownHostException.class).isNotInstanceOf(OutboundBlockedException.class);
    }

    @Test
    void malformedNamesAreRefused() {
        assertThatThrownBy(() -> strict.resolve("a b.test")).isInstanceOf(OutboundBlockedException.class);
        assertThatThrownBy(() -> strict.resolve("")).isInstanceOf(OutboundBlockedException.class);
        assertThatThrownBy(() -> strict.resolve(null)).isInstanceOf(OutboundBlockedException.class);
    }

    @Test
    void allowListedHostNamePassesWhateverItResolvesTo() throws Exception {
        SsrfGuard guard = guard("Internal.Example.Test , other.test");

        assertThat(guard.resolve("internal.example.test")).extracting(InetAddress::getHostAddress).containsExactly("10.1.2.3");
        assertThatThrownBy(() -> guard.resolve("metadata.example.test")).isInstanceOf(OutboundBlockedException.class);
        assertThatThrownBy(() -> guard.resolve("10.1.2.3")).isInstanceOf(OutboundBlockedException.class);
    }

    @Test
    void allowListedCidrsPassTheirAddressesOnly() throws Exception {
        SsrfGuard guard = guard("127.0.0.2, 10.1.0.0/16, fd00::/64");

        assertThat(guard.resolve("127.0.0.2")).hasSize(1);
        assertThat(guard.resolve("internal.example.test")).hasSize(1);
        assertThat(guard.resolve("v6local.example.test")).hasSize(1);
        assertThat(guard.resolve("[::ffff:127.0.0.2]")).hasSize(1);
        assertThat(guard.resolve("[64:ff9b::a01:203]")).hasSize(1);
        assertThatThrownBy(() -> guard.resolve("127.0.0.1")).isInstanceOf(OutboundBlockedException.class);
        assertThatThrownBy(() -> guard.resolve("10.2.0.1")).isInstanceOf(OutboundBlockedException.class);
        assertThatThrownBy(() -> guard.resolve("[fd00:0:0:1::1]")).isInstanceOf(OutboundBlockedException.class);
        assertThatThrownBy(() -> guard.resolve("169.254.169.254")).isInstanceOf(OutboundBlockedException.class);
    }

    @Test
    void ipv6LoopbackCanBeAllowListed() throws Exception {
        assertThat(guard("::1").resolve("[::1]")).hasSize(1);
        assertThat(guard("::1/128").resolve("[0:0:0:0:0:0:0:1]")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.1/8", "2130706433", "0177.0.0.1", "127.1", "10.0.0.0/x", "*.example.com",
            "http://example.com", "exa mple.com", "fd00::/129", "fd00::1/64", "::ffff:zz", "10.0.0.0/", "/8"})
    void malformedAllowListEntriesFailClosed(String entry) {
        assertThatThrownBy(() -> guard("example.com, " + entry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("LLMOPS_SSRF_ALLOWLIST is malformed:");
    }

    @Test
    void emptyAllowListEntriesAreIgnored() throws Exception {
        assertThat(guard(" , ,127.0.0.2,").resolve("127.0.0.2")).hasSize(1);
        assertThatThrownBy(() -> guard(null).resolve("127.0.0.2")).isInstanceOf(OutboundBlockedException.class);
    }
}
