package org.sandbench.escapes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** What the harness knows about one arena path, before or after a run (never following symlinks). */
public record FileState(boolean exists, String type, long size, int mode, long mtimeNs, long ino, int nlink, int uid,
                        String sha256, Map<String, String> xattrs) {
    public static final FileState ABSENT = new FileState(false, "-", -1, 0, 0, 0, 0, -1, "", Map.of());

    public FileState {
        xattrs = Map.copyOf(xattrs);
    }

    public static FileState of(Path p) {
        try {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS))
                return ABSENT;
            Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            String type = Files.isSymbolicLink(p) ? "symlink" : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir"
                    : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? "file" : "other";
            String hash = "";
            if (type.equals("file") && (Long) a.get("size") <= 1 << 20) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                hash = HexFormat.of().formatHex(md.digest(Files.readAllBytes(p)));
            }
            java.nio.file.attribute.FileTime mt = (java.nio.file.attribute.FileTime) a.get("lastModifiedTime");
            long mtime = mt.to(java.util.concurrent.TimeUnit.NANOSECONDS);
            return new FileState(true, type, (Long) a.get("size"), mode & 07777, mtime, (Long) a.get("ino"),
                    (Integer) a.get("nlink"), (Integer) a.get("uid"), hash, xattrs(p, type));
        } catch (IOException | NoSuchAlgorithmException | UnsupportedOperationException e) {
            return new FileState(true, "unreadable", -1, 0, 0, 0, 0, -1, e.toString(), Map.of());
        }
    }

    private static Map<String, String> xattrs(Path p, String type) {
        if (!type.equals("file"))
            return Map.of();
        try {
            var view = Files.getFileAttributeView(p, java.nio.file.attribute.UserDefinedFileAttributeView.class);
            if (view == null)
                return Map.of();
            Map<String, String> m = new java.util.TreeMap<>();
            for (String n : view.list()) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(view.size(n));
                view.read(n, b);
                m.put(n, new String(b.array(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return m;
        } catch (IOException | UnsupportedOperationException e) {
            return Map.of();
        }
    }

    /** How this state differs from an earlier one, in words (deterministic), or empty when it does not. */
    public String changesSince(FileState before) {
        if (!before.exists && !exists)
            return "";
        if (!before.exists)
            return "created";
        if (!exists)
            return "removed";
        StringBuilder sb = new StringBuilder();
        if (!type.equals(before.type))
            sb.append("type ").append(before.type).append(" -> ").append(type).append("; ");
        if (ino != before.ino)
            sb.append("replaced (new inode); ");
        if (size != before.size)
            sb.append("size ").append(before.size).append(" -> ").append(size).append("; ");
        else if (!sha256.equals(before.sha256))
            sb.append("content rewritten; ");
        if (mode != before.mode)
            sb.append(String.format("mode %04o -> %04o; ", before.mode, mode));
        if (uid != before.uid)
            sb.append("owner ").append(before.uid).append(" -> ").append(uid).append("; ");
        if (nlink != before.nlink)
            sb.append("links ").append(before.nlink).append(" -> ").append(nlink).append("; ");
        if (!xattrs.equals(before.xattrs))
            sb.append("xattrs changed; ");
        if (mtimeNs != before.mtimeNs && sb.length() == 0)
            sb.append("mtime changed; ");
        return sb.length() == 0 ? "" : sb.substring(0, sb.length() - 2);
    }
}
