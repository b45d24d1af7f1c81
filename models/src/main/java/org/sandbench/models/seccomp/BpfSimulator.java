package org.sandbench.models.seccomp;

import org.sandbench.models.seccomp.BpfProgram.Insn;

/**
 * Runs a seccomp BPF program on a struct seccomp_data, as the kernel's
 * interpreter does (net/core/filter.c), counting executed instructions and
 * whether the program read the arguments or the instruction pointer.  A
 * syscall whose result never depends on them is what the kernel's
 * constant-action cache (Linux 5.11) skips BPF for.
 */
public final class BpfSimulator {
    public static final int AUDIT_ARCH_X86_64 = 0xc000003e;
    public static final int AUDIT_ARCH_I386 = 0x40000003;

    /** @param readArgs the program loaded an argument or the instruction pointer on this path */
    public record Result(int ret, int executed, boolean readArgs) {
        public SeccompAction action() {
            return SeccompAction.fromKernel(ret);
        }
    }

    private BpfSimulator() {
    }

    public static Result run(BpfProgram p, int nr, int arch, long ip, long... args) {
        long[] a = new long[6];
        System.arraycopy(args, 0, a, 0, Math.min(6, args.length));
        int acc = 0, x = 0, pc = 0, executed = 0;
        int[] mem = new int[16];
        boolean readArgs = false;
        while (true) {
            if (pc < 0 || pc >= p.length())
                throw new IllegalStateException("BPF program ran off its end at " + pc);
            Insn in = p.insns().get(pc++);
            executed++;
            int code = in.code();
            switch (code & 0x07) {
                case BpfProgram.LD -> {
                    int mode = code & 0xe0;
                    if (mode == BpfProgram.ABS) {
                        int off = in.k();
                        if (off >= 8)
                            readArgs = true;
                        acc = load(off, nr, arch, ip, a);
                    } else if (mode == BpfProgram.MEM) {
                        acc = mem[in.k()];
                    } else if (mode == BpfProgram.LEN) {
                        acc = 64;
                    } else {
                        acc = in.k();
                    }
                }
                case BpfProgram.LDX -> x = (code & 0xe0) == BpfProgram.MEM ? mem[in.k()] : (code & 0xe0) == BpfProgram.LEN ? 64 : in.k();
                case BpfProgram.ST -> mem[in.k()] = acc;
                case BpfProgram.STX -> mem[in.k()] = x;
                case BpfProgram.ALU -> acc = alu(code, acc, (code & BpfProgram.X) != 0 ? x : in.k());
                case BpfProgram.JMP -> {
                    int op = code & 0xf0;
                    if (op == BpfProgram.JA) {
                        pc += in.k();
                    } else {
                        int src = (code & BpfProgram.X) != 0 ? x : in.k();
                        boolean t = switch (op) {
                            case BpfProgram.JEQ -> acc == src;
                            case BpfProgram.JGT -> Integer.compareUnsigned(acc, src) > 0;
                            case BpfProgram.JGE -> Integer.compareUnsigned(acc, src) >= 0;
                            case BpfProgram.JSET -> (acc & src) != 0;
                            default -> throw new IllegalStateException("bad jump opcode 0x" + Integer.toHexString(code));
                        };
                        pc += t ? in.jt() : in.jf();
                    }
                }
                case BpfProgram.RET -> {
                    int ret = (code & 0x18) == BpfProgram.A ? acc : in.k();
                    return new Result(ret, executed, readArgs);
                }
                default -> {
                    if ((code & 0xf8) == BpfProgram.TXA)
                        acc = x;
                    else
                        x = acc;
                }
            }
        }
    }

    private static int load(int off, int nr, int arch, long ip, long[] a) {
        if (off == 0) return nr;
        if (off == 4) return arch;
        if (off == 8) return (int) ip;
        if (off == 12) return (int) (ip >>> 32);
        if (off >= 16 && off < 64 && off % 4 == 0) {
            long v = a[(off - 16) / 8];
            return off % 8 == 0 ? (int) v : (int) (v >>> 32);
        }
        throw new IllegalStateException("BPF load outside struct seccomp_data: offset " + off);
    }

    private static int alu(int code, int acc, int src) {
        return switch (code & 0xf0) {
            case BpfProgram.ADD -> acc + src;
            case BpfProgram.SUB -> acc - src;
            case BpfProgram.MUL -> acc * src;
            case BpfProgram.DIV -> Integer.divideUnsigned(acc, src);
            case BpfProgram.MOD -> Integer.remainderUnsigned(acc, src);
            case BpfProgram.OR -> acc | src;
            case BpfProgram.AND -> acc & src;
            case BpfProgram.XOR -> acc ^ src;
            case BpfProgram.LSH -> acc << src;
            case BpfProgram.RSH -> acc >>> src;
            case BpfProgram.NEG -> -acc;
            default -> throw new IllegalStateException("bad ALU opcode 0x" + Integer.toHexString(code));
        };
    }

    /**
     * Whether the kernel's action cache would skip this filter for syscall nr on
     * x86-64: the result must not depend on the arguments or instruction pointer.
     * The kernel checks this by emulating the filter with only nr and arch known
     * (seccomp_is_const_allow in kernel/seccomp.c) and requires ALLOW.
     */
    public static boolean cacheableAllow(BpfProgram p, int nr) {
        Result r = run(p, nr, AUDIT_ARCH_X86_64, 0);
        return !r.readArgs() && r.action().equals(SeccompAction.ALLOW);
    }
}
