package io.llmops.archfixture;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.util.function.Function;

/** Code the outbound rule must catch (never run; only imported by {@code ArchitectureRuleTest}). */
final class OpensConnections {

    static InputStream stream(URL url) throws IOException {
        return url.openStream();
    }

    static Function<URL, InputStream> reference() {
        return u -> {
            try {
                return u.openConnection().getInputStream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    interface Opener {
        InputStream open(URL url) throws IOException;
    }

    static Opener methodReference() {
        return URL::openStream;
    }

    static HttpClient jdk() {
        return HttpClient.newHttpClient();
    }

    static Socket socket() throws IOException {
        return new Socket("127.0.0.1", 80);
    }

    static Object apache() {
        return org.apache.hc.client5.http.impl.classic.HttpClients.createDefault();
    }

    static URI harmless() {
        return URI.create("http://example.com");
    }
}
