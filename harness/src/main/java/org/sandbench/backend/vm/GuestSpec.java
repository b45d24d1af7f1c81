package org.sandbench.backend.vm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What to boot: a Linux kernel with an initramfs (and the payload appended to it), or
 * a disk image (through a throwaway qcow2 overlay) with the payload as a second disk.
 *
 * @param kernel     Linux only: the kernel image
 * @param initrd     Linux only: the initramfs the guest boots (base + payload, concatenated)
 * @param overlay    FreeBSD only: the qcow2 overlay over the read-only image
 * @param payloadDisk FreeBSD only: a raw tar the guest reads from its second disk
 */
public record GuestSpec(GuestOs os, Optional<Path> kernel, Optional<Path> initrd, String append,
                        Optional<Path> overlay, Optional<Path> payloadDisk, int memoryMb, int cpus) {

    /** The qemu-system-x86_64 command line (without the binary). */
    public List<String> qemuArgs(Accel accel) {
        List<String> a = new ArrayList<>(accel.qemuArgs());
        a.addAll(List.of("-m", Integer.toString(memoryMb), "-smp", Integer.toString(cpus),
                // No default devices (VGA, NIC, floppy, CD), no network at all, no monitor: the only
                // channel is the serial console on QEMU's stdin/stdout.
                "-nodefaults", "-display", "none", "-no-reboot", "-nic", "none", "-monitor", "none",
                "-serial", "stdio"));
        if (os == GuestOs.LINUX) {
            a.addAll(List.of("-kernel", kernel.orElseThrow().toString(), "-initrd", initrd.orElseThrow().toString(),
                    "-append", append));
        } else {
            a.addAll(List.of("-drive", "file=" + overlay.orElseThrow() + ",if=virtio,format=qcow2"));
            a.addAll(List.of("-drive", "file=" + payloadDisk.orElseThrow() + ",if=virtio,format=raw,readonly=on"));
        }
        return a;
    }
}
