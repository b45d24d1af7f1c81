package org.sandbench.models.seccomp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A comparison of one syscall argument register, in the plan's spelling:
 * a1==0x5401, a0>=0, a2&0x3==0.  seccomp sees only register values: a
 * comparison can never look at the memory a pointer argument points to.
 */
public record ArgCmp(int arg, Op op, long mask, long value) {
    public enum Op {
        EQ("=="), NE("!="), LE("<="), GE(">="), LT("<"), GT(">"), MASKED_EQ("&");

        final String token;

        Op(String token) {
            this.token = token;
        }
    }

    private static final Pattern MASKED = Pattern.compile("a([0-5])&(0x[0-9a-fA-F]+|\\d+)==(0x[0-9a-fA-F]+|\\d+)");
    private static final Pattern PLAIN = Pattern.compile("a([0-5])(==|!=|<=|>=|<|>)(0x[0-9a-fA-F]+|\\d+)");

    public ArgCmp {
        if (arg < 0 || arg > 5)
            throw new IllegalArgumentException("argument index must be 0-5");
        if (op != Op.MASKED_EQ)
            mask = -1L;
    }

    public static ArgCmp parse(String s) {
        String t = s.replace(" ", "");
        Matcher m = MASKED.matcher(t);
        if (m.matches())
            return new ArgCmp(Integer.parseInt(m.group(1)), Op.MASKED_EQ, num(m.group(2)), num(m.group(3)));
        m = PLAIN.matcher(t);
        if (m.matches()) {
            Op op = null;
            for (Op o : Op.values())
                if (o.token.equals(m.group(2))) op = o;
            return new ArgCmp(Integer.parseInt(m.group(1)), op, -1L, num(m.group(3)));
        }
        throw new IllegalArgumentException("bad argument comparison '" + s
                + "' (forms: a1==0x5401, a0>=0, a2&0x3==0; arguments a0-a5)");
    }

    private static long num(String s) {
        return s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseUnsignedLong(s);
    }

    /** Evaluates the comparison as the kernel would, on a 64-bit register value. */
    public boolean test(long register) {
        return switch (op) {
            case EQ -> register == value;
            case NE -> register != value;
            case LE -> Long.compareUnsigned(register, value) <= 0;
            case GE -> Long.compareUnsigned(register, value) >= 0;
            case LT -> Long.compareUnsigned(register, value) < 0;
            case GT -> Long.compareUnsigned(register, value) > 0;
            case MASKED_EQ -> (register & mask) == value;
        };
    }

    @Override
    public String toString() {
        String v = "0x" + Long.toHexString(value);
        return op == Op.MASKED_EQ ? "a" + arg + "&0x" + Long.toHexString(mask) + "==" + v : "a" + arg + op.token + v;
    }
}
