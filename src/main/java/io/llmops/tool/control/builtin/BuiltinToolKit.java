package io.llmops.tool.control.builtin;

import io.llmops.platform.outbound.OutboundHttp;

import java.time.Clock;
import java.util.Map;

/** The implementation of every catalogue tool, keyed {@code provider.tool}. */
public final class BuiltinToolKit {

    private BuiltinToolKit() {
    }

    public static Map<String, BuiltinTool> create(OutboundHttp http, BaseUrls urls, Clock clock) {
        return Map.of(
                "time.current_time", new CurrentTimeTool(clock),
                "duckduckgo.search", new DuckDuckGoSearchTool(http, urls.duckduckgo()),
                "gaode.weather", new GaodeWeatherTool(http, urls.gaode()),
                "dalle.dalle3", new DalleImageTool(http, urls.dalle()),
                "wikipedia.search", new WikipediaSearchTool(http, urls.wikipedia()),
                "webpage.read", new WebpageReadTool(http),
                "google.serper", new SerperSearchTool(http, urls.serper()));
    }
}
