package org.sandbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sandbench.results.Json;

/**
 * A real headless Chromium driven over the DevTools protocol (loopback only):
 * loads a page, records every console error, uncaught exception, error log
 * entry, failed or non-local request, reads the images' natural sizes, and
 * takes a full-page screenshot.  The protocol, not stderr scraping, is what
 * reports console errors reliably.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final WebSocket ws;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    record Image(String src, boolean complete, int naturalWidth, int naturalHeight) {
    }

    HeadlessChromium(String binary) throws Exception {
        profile = Files.createTempDirectory("sandbench-chromium-");
        process = new ProcessBuilder(binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--window-size=1280,900", "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String browserUrl = awaitListening();
        URI u = URI.create(browserUrl);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String list = http.send(HttpRequest.newBuilder(URI.create("http://" + u.getHost() + ":" + u.getPort() + "/json/list"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        String pageUrl = null;
        for (JsonNode t : Json.MAPPER.readTree(list))
            if (t.path("type").asText().equals("page"))
                pageUrl = t.path("webSocketDebuggerUrl").asText();
        if (pageUrl == null)
            throw new IOException("Chromium lists no page target: " + list);
        ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(URI.create(pageUrl), new Listener())
                .get(20, TimeUnit.SECONDS);
        for (String domain : List.of("Runtime", "Log", "Network", "Page"))
            call(domain + ".enable", Json.MAPPER.createObjectNode());
    }

    private String awaitListening() throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        StringBuilder seen = new StringBuilder();
        String line;
        while (System.nanoTime() < deadline && (line = err.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                // Keep draining stderr so Chromium never blocks on a full pipe.
                Thread t = new Thread(() -> {
                    try {
                        while (err.readLine() != null) {
                            // discarded: the protocol reports what matters
                        }
                    } catch (IOException ignored) {
                        // the browser went away
                    }
                }, "chromium-stderr");
                t.setDaemon(true);
                t.start();
                return m.group(1);
            }
        }
        throw new IOException("Chromium did not open its DevTools endpoint; its stderr:\n" + seen);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buf = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buf.append(data);
            if (last) {
                String msg = buf.toString();
                buf.setLength(0);
                try {
                    handle(Json.MAPPER.readTree(msg));
                } catch (IOException e) {
                    errors.add("unreadable DevTools message: " + e.getMessage());
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    private void handle(JsonNode m) {
        if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(m.path("id").asInt());
            if (f != null) {
                if (m.has("error"))
                    f.completeExceptionally(new IOException(m.path("error").toString()));
                else
                    f.complete(m.path("result"));
            }
            return;
        }
        JsonNode p = m.path("params");
        switch (m.path("method").asText()) {
            case "Runtime.consoleAPICalled" -> {
                String type = p.path("type").asText();
                if (type.equals("error") || type.equals("assert"))
                    errors.add("console." + type + ": " + p.path("args").toString());
            }
            case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails").toString());
            case "Log.entryAdded" -> {
                if (p.path("entry").path("level").asText().equals("error"))
                    errors.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
            }
            case "Network.requestWillBeSent" -> requests.add(p.path("request").path("url").asText());
            case "Network.loadingFailed" -> errors.add("request failed: " + p.path("errorText").asText());
            case "Page.loadEventFired" -> loaded.complete(null);
            default -> {
            }
        }
    }

    JsonNode call(String method, ObjectNode params) throws IOException {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode msg = Json.MAPPER.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", params);
        ws.sendText(Json.MAPPER.writeValueAsString(msg), true).join();
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException(method + " failed: " + e.getMessage(), e);
        }
    }

    /** Loads a page and waits for its load event, then a moment for late console messages. */
    void load(Path html) throws IOException, InterruptedException {
        loaded = new CompletableFuture<>();
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("url", html.toUri().toString());
        call("Page.navigate", p);
        try {
            loaded.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("the page did not finish loading: " + e.getMessage(), e);
        }
        Thread.sleep(300);
    }

    JsonNode evaluate(String expression) throws IOException {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("expression", expression);
        p.put("returnByValue", true);
        JsonNode r = call("Runtime.evaluate", p);
        if (r.has("exceptionDetails"))
            throw new IOException("evaluation failed: " + r.path("exceptionDetails"));
        return r.path("result").path("value");
    }

    List<Image> images() throws IOException {
        JsonNode v = Json.MAPPER.readTree(evaluate("JSON.stringify(Array.from(document.images).map(i => "
                + "({src: i.currentSrc, complete: i.complete, w: i.naturalWidth, h: i.naturalHeight})))").asText());
        List<Image> out = new ArrayList<>();
        for (JsonNode i : v)
            out.add(new Image(i.path("src").asText(), i.path("complete").asBoolean(), i.path("w").asInt(), i.path("h").asInt()));
        return out;
    }

    /** A screenshot of the whole page (height capped), as PNG bytes written to a file. */
    void screenshot(Path png) throws IOException {
        int height = Math.min(16000, evaluate("document.documentElement.scrollHeight").asInt(900));
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("width", 1280);
        m.put("height", height);
        m.put("deviceScaleFactor", 1);
        m.put("mobile", false);
        call("Emulation.setDeviceMetricsOverride", m);
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("format", "png");
        JsonNode r = call("Page.captureScreenshot", p);
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode(r.path("data").asText()));
        // The same page in screen-sized parts, for a person to look at (a 10,000-pixel image shrinks to nothing).
        String base = png.getFileName().toString().replaceFirst("\\.png$", "");
        for (int y = 0, i = 1; y < height; y += 1600, i++) {
            ObjectNode clip = Json.MAPPER.createObjectNode();
            clip.put("x", 0);
            clip.put("y", y);
            clip.put("width", 1280);
            clip.put("height", Math.min(1600, height - y));
            clip.put("scale", 1);
            ObjectNode cp = Json.MAPPER.createObjectNode();
            cp.put("format", "png");
            cp.set("clip", clip);
            JsonNode part = call("Page.captureScreenshot", cp);
            Files.write(png.resolveSibling(base + "-part" + i + ".png"), Base64.getDecoder().decode(part.path("data").asText()));
        }
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        try {
            ws.abort();
        } catch (RuntimeException ignored) {
            // already gone
        }
        // Only the browser this object started, and the helpers it started.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS))
                process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var s = Files.walk(profile)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile
        }
    }
}
