package io.bigpicture.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A customer's website on its own origin: pages registered by path (with a query, so that each
 * test's page has its own {@code context.page.search}), and the installed browser libraries under
 * {@code /lib/}.
 */
final class SitePages implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    SitePages() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    /** The page's address on this site, e.g. {@code /shop/checkout?scenario=standard}. */
    String add(String pathAndQuery, String html) {
        pages.put(pathAndQuery, html);
        return "http://localhost:" + server.getAddress().getPort() + pathAndQuery;
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        byte[] body;
        String type;
        if (path.startsWith("/lib/") && !path.contains("..")) {
            Path file = BrowserLibraries.INSTALLED.resolve(path.substring("/lib/".length()));
            body = Files.exists(file) ? Files.readAllBytes(file) : null;
            type = "text/javascript";
        } else {
            String page = pages.get(query == null ? path : path + "?" + query);
            body = page == null ? null : page.getBytes(StandardCharsets.UTF_8);
            type = "text/html; charset=utf-8";
        }
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
