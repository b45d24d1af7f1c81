package org.sandbench.backend.vm;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/** What `doctor` says about the VM backend: the store, the Linux guest, the KVM verdict, and how to get what is missing. */
public final class VmDoctor {
    private VmDoctor() {
    }

    public static Map<String, String> report() {
        VmStore store = VmStore.locate();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("vm store", store.root().toString());
        m.put("linux guest", store.linuxGuest(null).map(g -> g.name() + " (" + g.meta().get("busybox") + ")")
                .orElse(LinuxGuestBuilder.debianKernel().isPresent() && Files.isExecutable(LinuxGuestBuilder.BUSYBOX)
                        ? "not built yet: ./sandbench vm build-linux (run --backend vm:linux builds it on first use)"
                        : "cannot be built: apt-get install linux-image-amd64 busybox-static cpio"));
        m.put("kvm boot test", Files.isRegularFile(store.accelFile())
                ? String.valueOf(VmStore.readJson(store.accelFile()).get("verdict")) + ": "
                + VmStore.readJson(store.accelFile()).get("detail")
                : "not run yet: ./sandbench vm boot-test (guests use TCG until a KVM guest has booted here)");
        m.put("freebsd image", FreeBsdImages.availability(null, store).available()
                ? FreeBsdImages.availability(null, store).reason() : FreeBsdImages.HOW_TO_GET);
        return m;
    }
}
