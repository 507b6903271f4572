package io.llmops;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbound rule really catches what it names (a rule that matches nothing passes silently). */
class ArchitectureRuleTest {

    @Test
    void outboundRuleCatchesDirectConnections() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.llmops.archfixture");

        assertThatThrownBy(() -> ArchitectureTest.onlyOutboundOpensHttpConnections.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("URL.openStream()")
                .hasMessageContaining("URL.openConnection()")
                .hasMessageContaining("references method <java.net.URL.openStream()>")
                .hasMessageContaining("HttpClient.newHttpClient()")
                .hasMessageContaining("Socket.<init>(java.lang.String, int)")
                .hasMessageContaining("HttpClients.createDefault()")
                .hasMessageNotContaining("URI.create");
    }
}
