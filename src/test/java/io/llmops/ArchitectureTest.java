package io.llmops;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The package-by-feature floors of DESIGN.md §3, plain-Java engines, and the one outbound HTTP client. */
@AnalyzeClasses(packages = "io.llmops", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static String[] features(String... names) {
        String[] packages = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            packages[i] = "io.llmops." + names[i] + "..";
        }
        return packages;
    }

    @ArchTest
    static final ArchRule platformDependsOnNoFeature = noClasses()
            .that().resideInAPackage("io.llmops.platform..")
            .should().dependOnClassesThat().resideInAnyPackage(features(
                    "account", "model", "app", "agent", "tool", "knowledge", "workflow", "serviceapi", "ops"))
            .because("platform is the ground floor every feature builds on");

    @ArchTest
    static final ArchRule secondFloorDependsOnlyOnPlatform = noClasses()
            .that().resideInAnyPackage(features("account", "model", "tool"))
            .should().dependOnClassesThat().resideInAnyPackage(features(
                    "knowledge", "agent", "workflow", "app", "serviceapi"))
            .allowEmptyShould(true)
            .because("account, model and tool sit on floor 2 and must not look up");

    @ArchTest
    static final ArchRule thirdFloorDoesNotLookUp = noClasses()
            .that().resideInAnyPackage(features("knowledge", "agent"))
            .should().dependOnClassesThat().resideInAnyPackage(features("workflow", "app", "serviceapi"))
            .allowEmptyShould(true)
            .because("knowledge and agent sit on floor 3 and reach workflows only through tool providers");

    @ArchTest
    static final ArchRule fourthFloorDoesNotLookUp = noClasses()
            .that().resideInAnyPackage(features("workflow", "app"))
            .should().dependOnClassesThat().resideInAnyPackage(features("serviceapi"))
            .allowEmptyShould(true)
            .because("serviceapi is the top floor");

    @ArchTest
    static final ArchRule enginesStayPlainJava = noClasses()
            .that().resideInAPackage("io.llmops..control..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.persistence..")
            .allowEmptyShould(true)
            .because("control classes are unit-testable without a server (DESIGN.md §3)");

    @ArchTest
    static final ArchRule onlyOutboundOpensHttpConnections = noClasses()
            .that().resideOutsideOfPackage("io.llmops.platform.outbound..")
            .should().callMethod(java.net.http.HttpClient.class, "newBuilder")
            .orShould().callMethod(java.net.http.HttpClient.class, "newHttpClient")
            .orShould().callMethod(java.net.URL.class, "openConnection")
            .orShould().callMethod(java.net.URL.class, "openConnection", java.net.Proxy.class)
            .because("outbound calls go through OutboundHttp (bounded timeouts, no redirects, body size cap)");
}
