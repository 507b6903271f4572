package io.llmops.platform.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts Maven writes at build time (llmops-build.properties). */
public final class BuildInfo {

    private static final Properties PROPERTIES = load();

    private BuildInfo() {
    }

    public static String version() {
        return PROPERTIES.getProperty("version");
    }

    public static String swaggerUiVersion() {
        return PROPERTIES.getProperty("swagger-ui.version");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream("llmops-build.properties")) {
            if (in != null) {
                properties.load(in);
            }
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
