package io.llmops;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.util.Map;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

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
    static final ArchRule resourcesAreCdiBeans = classes()
            .that().areAnnotatedWith("jakarta.ws.rs.Path")
            .should().beAnnotatedWith("jakarta.enterprise.context.ApplicationScoped")
            .orShould().beAnnotatedWith("jakarta.enterprise.context.RequestScoped")
            .because("Bean Validation of resource parameters is Hibernate Validator's CDI interceptor alone"
                    + " (Jersey's is off, LlmopsApplication): a resource that is no CDI bean goes unchecked");

    /** Classes that may open a connection only inside platform.outbound, with the members that do it ("*": any). */
    private static final Map<String, Set<String>> CONNECTION_OPENERS = Map.ofEntries(
            Map.entry("java.net.URL", Set.of("openConnection", "openStream", "getContent")),
            Map.entry("java.net.http.HttpClient", Set.of("newHttpClient", "newBuilder")),
            Map.entry("java.net.Socket", Set.of("<init>")),
            Map.entry("javax.net.SocketFactory", Set.of("createSocket")),
            Map.entry("javax.net.ssl.SSLSocketFactory", Set.of("createSocket")),
            Map.entry("java.nio.channels.SocketChannel", Set.of("open")),
            Map.entry("java.nio.channels.AsynchronousSocketChannel", Set.of("open")),
            Map.entry("org.apache.hc.client5.http.impl.classic.HttpClients", Set.of("*")),
            Map.entry("org.apache.hc.client5.http.impl.classic.HttpClientBuilder", Set.of("create")),
            Map.entry("org.apache.hc.client5.http.impl.async.HttpAsyncClients", Set.of("*")),
            Map.entry("org.apache.hc.client5.http.fluent.Request", Set.of("*")),
            Map.entry("dev.langchain4j.data.document.loader.UrlDocumentLoader", Set.of("*")),
            Map.entry("dev.langchain4j.data.document.source.UrlSource", Set.of("*")),
            Map.entry("dev.langchain4j.http.client.jdk.JdkHttpClient", Set.of("*")),
            Map.entry("dev.langchain4j.http.client.jdk.JdkHttpClientBuilder", Set.of("*")),
            Map.entry("com.azure.core.http.HttpClient", Set.of("createDefault")),
            Map.entry("com.azure.core.http.jdk.httpclient.JdkHttpClientProvider", Set.of("<init>")),
            Map.entry("com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder", Set.of("<init>")),
            Map.entry("org.jsoup.Jsoup", Set.of("connect", "parse(java.net.URL)")),
            Map.entry("org.jsoup.helper.HttpConnection", Set.of("*")));

    /**
     * The exceptions are the two model transports: Azure OpenAI calls need the Azure SDK's
     * ({@code model.control.AzureHttpClientProvider}); the other provider modules get LangChain4j's HTTP client
     * SPI implemented by {@code model.control.ModelHttpClient} (one shared JDK client, streams on virtual threads).
     */
    private static boolean modelTransport(JavaAccess<?> access) {
        String origin = access.getOriginOwner().getName();
        String target = access.getTargetOwner().getName();
        return origin.equals("io.llmops.model.control.AzureHttpClientProvider")
                && target.equals("com.azure.core.http.jdk.httpclient.JdkHttpClientProvider")
                || origin.startsWith("io.llmops.model.control.ModelHttpClient")
                && (target.startsWith("java.net.http.") || target.startsWith("dev.langchain4j.http.client.jdk."));
    }

    static final DescribedPredicate<JavaAccess<?>> OPENS_CONNECTION = DescribedPredicate.describe(
            "open an outbound connection", access -> {
                Set<String> members = CONNECTION_OPENERS.get(access.getTargetOwner().getName());
                if (members == null || modelTransport(access)) {
                    return false;
                }
                String name = access.getTarget().getName();
                boolean urlFirst = access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget unit
                        && !unit.getRawParameterTypes().isEmpty()
                        && unit.getRawParameterTypes().getFirst().getName().equals("java.net.URL");
                return members.contains("*") || members.contains(name) || (urlFirst && members.contains(name + "(java.net.URL)"));
            });

    @ArchTest
    static final ArchRule onlyOutboundOpensHttpConnections = noClasses()
            .that().resideOutsideOfPackage("io.llmops.platform.outbound..")
            .should().accessTargetWhere(OPENS_CONNECTION)
            .because("calls on a user's behalf go through OutboundHttp (SSRF guard, timeouts, redirect and body caps);"
                    + " model calls go through the LangChain4j provider modules");

    // Payara's MP-JWT module filters every resource method annotated @PermitAll, @RolesAllowed or @DenyAll and
    // asks the container, not our bearer-token filter, who is signed in: it would refuse those calls.
    // Protected is the default (platform.security.SecureByDefault); @Public marks the public surface.
    @ArchTest
    static final ArchRule noContainerSecurityAnnotationsOnClasses = noClasses()
            .should().beAnnotatedWith(jakarta.annotation.security.RolesAllowed.class)
            .orShould().beAnnotatedWith(jakarta.annotation.security.PermitAll.class)
            .orShould().beAnnotatedWith(jakarta.annotation.security.DenyAll.class)
            .because("SecureByDefault guards resources; Payara's MP-JWT filters for these annotations would refuse calls");

    @ArchTest
    static final ArchRule noContainerSecurityAnnotationsOnMethods = noMethods()
            .should().beAnnotatedWith(jakarta.annotation.security.RolesAllowed.class)
            .orShould().beAnnotatedWith(jakarta.annotation.security.PermitAll.class)
            .orShould().beAnnotatedWith(jakarta.annotation.security.DenyAll.class)
            .because("SecureByDefault guards resources; Payara's MP-JWT filters for these annotations would refuse calls");
}
