package org.sandbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sandbench.harness.Home;
import org.sandbench.host.Commands;
import org.sandbench.host.HostProbe;

/**
 * The environment manifest (env.json) of a result set: the host, its mitigations,
 * the tools, the exact command and the sandbench commit, so a result can be
 * re-run and its confounds judged.  Sections are added by the commands that know them.
 */
public final class Environment {
    private final Map<String, Object> root = new LinkedHashMap<>();

    public static Environment capture(Home home, JsonNode kernel, List<String> commandLine, String libseccomp) {
        Environment e = new Environment();
        e.root.put("sandbench", Map.of(
                "git_commit", git(home, "rev-parse", "HEAD"),
                // Uncommitted changes to what is built and run; results/ is output (a reference set being
                // regenerated in place must not mark its own run as made from modified sources).
                "git_dirty", !git(home, "status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)results")
                        .isEmpty(),
                "command", commandLine));
        e.root.put("started_utc", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        e.root.put("kernel", kernel);
        e.root.put("machine", HostProbe.machine());
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        tools.put("libseccomp", libseccomp);
        tools.put("cc", firstLine(Commands.run(List.of("cc", "--version"), 5000).out()));
        tools.put("glibc", firstLine(Commands.run(List.of("ldd", "--version"), 5000).out()));
        e.root.put("tools", tools);
        return e;
    }

    private static String git(Home home, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", home.root().toString()));
        cmd.addAll(List.of(args));
        Commands.Result r = Commands.run(cmd, 5000);
        return r.ok() ? r.out().trim() : "unknown";
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return (i < 0 ? s : s.substring(0, i)).trim();
    }

    public Environment put(String key, Object value) {
        root.put(key, value);
        return this;
    }

    public Map<String, Object> asMap() {
        return root;
    }

    public void write(java.nio.file.Path file) {
        root.put("finished_utc", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Json.write(file, root);
    }
}
