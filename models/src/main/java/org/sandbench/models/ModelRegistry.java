package org.sandbench.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every model sandbench knows, by id, in the order results list them. */
public final class ModelRegistry {
    private final Map<String, SandboxModel> models = new LinkedHashMap<>();

    public ModelRegistry(List<SandboxModel> models) {
        for (SandboxModel m : models)
            if (this.models.put(m.id(), m) != null)
                throw new IllegalArgumentException("duplicate model id " + m.id());
    }

    public static ModelRegistry linuxHost() {
        return new ModelRegistry(List.of(LinuxLaunchModel.NONE, LinuxLaunchModel.SECCOMP, LinuxLaunchModel.LANDLOCK,
                LinuxLaunchModel.SECCOMP_LANDLOCK));
    }

    public ModelRegistry plus(SandboxModel m) {
        List<SandboxModel> l = new ArrayList<>(models.values());
        l.add(m);
        return new ModelRegistry(l);
    }

    public List<SandboxModel> all() {
        return List.copyOf(models.values());
    }

    public boolean contains(String id) {
        return models.containsKey(id);
    }

    public SandboxModel get(String id) {
        SandboxModel m = models.get(id);
        if (m == null)
            throw new IllegalArgumentException("unknown model '" + id + "' (known: " + String.join(", ", models.keySet()) + ")");
        return m;
    }
}
