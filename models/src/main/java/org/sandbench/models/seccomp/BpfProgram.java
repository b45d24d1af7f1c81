package org.sandbench.models.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A classic-BPF program as loaded by seccomp(2): struct sock_filter {u16 code; u8 jt;
 * u8 jf; u32 k;} in host byte order.  Read from `sb-launch --export-bpf`, so the
 * program simulated and disassembled here is byte for byte the one the kernel runs.
 */
public record BpfProgram(List<Insn> insns) {
    public record Insn(int code, int jt, int jf, int k) {
    }

    // Opcode fields (include/uapi/linux/bpf_common.h).
    static final int LD = 0x00, LDX = 0x01, ST = 0x02, STX = 0x03, ALU = 0x04, JMP = 0x05, RET = 0x06, MISC = 0x07;
    static final int W = 0x00, ABS = 0x20, IMM = 0x00, MEM = 0x60, LEN = 0x80;
    static final int K = 0x00, X = 0x08, A = 0x10;
    static final int JA = 0x00, JEQ = 0x10, JGT = 0x20, JGE = 0x30, JSET = 0x40;
    static final int ADD = 0x00, SUB = 0x10, MUL = 0x20, DIV = 0x30, OR = 0x40, AND = 0x50, LSH = 0x60, RSH = 0x70,
            NEG = 0x80, MOD = 0x90, XOR = 0xa0;
    static final int TAX = 0x00, TXA = 0x80;

    public BpfProgram {
        insns = List.copyOf(insns);
    }

    public static BpfProgram parse(byte[] bytes) {
        if (bytes.length == 0 || bytes.length % 8 != 0)
            throw new IllegalArgumentException("a BPF program is a non-empty multiple of 8 bytes, got " + bytes.length);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Insn> l = new ArrayList<>();
        while (b.hasRemaining())
            l.add(new Insn(Short.toUnsignedInt(b.getShort()), Byte.toUnsignedInt(b.get()), Byte.toUnsignedInt(b.get()), b.getInt()));
        return new BpfProgram(l);
    }

    public int length() {
        return insns.size();
    }

    /** A readable listing, one instruction per line, in the style of scmp_bpf_disasm. */
    public String disassemble() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < insns.size(); i++) {
            Insn in = insns.get(i);
            sb.append(String.format("%04d: %s%n", i, describe(i, in)));
        }
        return sb.toString();
    }

    private static String describe(int pc, Insn in) {
        int cls = in.code() & 0x07;
        String k = String.format("0x%08x", in.k());
        switch (cls) {
            case LD:
                if ((in.code() & 0xe0) == ABS)
                    return "ld  $data[" + in.k() + "]" + field(in.k());
                if ((in.code() & 0xe0) == MEM)
                    return "ld  M[" + in.k() + "]";
                return "ld  #" + k;
            case LDX:
                return (in.code() & 0xe0) == MEM ? "ldx M[" + in.k() + "]" : "ldx #" + k;
            case ST:
                return "st  M[" + in.k() + "]";
            case STX:
                return "stx M[" + in.k() + "]";
            case ALU:
                return "alu op=0x" + Integer.toHexString(in.code() & 0xf0) + ((in.code() & X) != 0 ? " x" : " #" + k);
            case JMP: {
                int op = in.code() & 0xf0;
                if (op == JA)
                    return "ja  " + (pc + 1 + in.k());
                String name = switch (op) {
                    case JEQ -> "jeq";
                    case JGT -> "jgt";
                    case JGE -> "jge";
                    case JSET -> "jset";
                    default -> "j?";
                };
                return String.format("%-4s%s true:%d false:%d", name, (in.code() & X) != 0 ? "x" : k, pc + 1 + in.jt(),
                        pc + 1 + in.jf());
            }
            case RET:
                return (in.code() & 0x18) == A ? "ret a" : "ret " + SeccompAction.fromKernel(in.k());
            default:
                return (in.code() & 0xf8) == TXA ? "txa" : "tax";
        }
    }

    private static String field(int off) {
        if (off == 0) return "  (nr)";
        if (off == 4) return "  (arch)";
        if (off == 8 || off == 12) return "  (instruction_pointer)";
        if (off >= 16 && off < 64) return "  (args[" + (off - 16) / 8 + "]" + ((off % 8 == 0) ? " low" : " high") + ")";
        return "";
    }
}
