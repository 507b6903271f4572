package io.llmops.tool.control.builtin;

/**
 * Where each built-in tool reaches its upstream (configurable, so tests point them at loopback
 * fakes). {@code wikipedia} is a template in which {@code {lang}} becomes the language code.
 */
public record BaseUrls(String duckduckgo, String gaode, String dalle, String wikipedia, String serper) {

    public static final String DUCKDUCKGO = "https://html.duckduckgo.com";
    public static final String GAODE = "https://restapi.amap.com";
    public static final String DALLE = "https://api.openai.com/v1";
    public static final String WIKIPEDIA = "https://{lang}.wikipedia.org";
    public static final String SERPER = "https://google.serper.dev";

    public static BaseUrls defaults() {
        return new BaseUrls(DUCKDUCKGO, GAODE, DALLE, WIKIPEDIA, SERPER);
    }

    static String trim(String url) {
        String stripped = url.strip();
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }
}
