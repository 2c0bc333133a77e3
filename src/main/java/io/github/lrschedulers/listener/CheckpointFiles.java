package io.github.lrschedulers.listener;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The file side of checkpoints: bounded reads of regular files only, strict JSON without duplicate
 * keys, a canonical form to digest, and writes forced to the disk.
 */
final class CheckpointFiles {

    /** The largest state file read: the state of a run of millions of epochs fits. */
    static final long MAX_STATE_BYTES = 16L << 20;

    /** Printing: readable, no {@code \u003d} escapes. */
    static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().create();
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,18})");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private CheckpointFiles() {}

    /** Writes a file. */
    interface Writer {
        void write(DataOutputStream os) throws IOException;
    }

    /** The size and SHA-256 of a file written. */
    record Written(long bytes, String sha256) {}

    /**
     * Checks a model name: a plain file name stem, never a path.
     *
     * @param arg the argument's name, for the message
     * @param name the name
     * @return the name
     */
    static String checkName(String arg, String name) {
        if (name == null) {
            throw new NullPointerException(arg);
        }
        if (name.isEmpty()
                || name.length() > 200
                || name.equals(".")
                || name.equals("..")
                || name.contains("..")
                || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0
                || name.indexOf(':') >= 0
                || name.indexOf('\0') >= 0
                || name.startsWith(".")
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                    arg
                            + " must be a file name of 1 to 200 characters without path separators,"
                            + " ':', '..' or a leading '.', but was \""
                            + name
                            + "\"");
        }
        return name;
    }

    /**
     * Returns a file's size if it is a regular file (after links), else fails naming it.
     *
     * @param file the file
     * @param what what the file is, for the message
     * @return its size
     */
    static long regularFileSize(Path file, String what) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new IOException(what + " " + file + " does not exist", e);
        }
        if (!a.isRegularFile()) {
            boolean link = Files.isSymbolicLink(file);
            throw new IllegalStateException(
                    what
                            + " "
                            + file
                            + " is not a regular file"
                            + (link ? " (a link to a device, pipe or folder)" : "")
                            + ": a checkpoint reads regular files only");
        }
        return a.size();
    }

    /** Reads a whole regular file of at most {@code cap} bytes. */
    static byte[] readBounded(Path file, long cap, String what) throws IOException {
        long size = regularFileSize(file, what);
        if (size > cap) {
            throw new IllegalStateException(
                    what
                            + " "
                            + file
                            + " has "
                            + size
                            + " bytes, more than the "
                            + cap
                            + " allowed");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) cap + 1);
            if (bytes.length > cap) {
                throw new IllegalStateException(
                        what + " " + file + " grew past the " + cap + " bytes allowed while read");
            }
            return bytes;
        }
    }

    /**
     * Returns the SHA-256 of a regular file's first {@code limit + 1} bytes at most, and how many
     * bytes were read: more than {@code limit} means the file is longer.
     */
    static Written hashBounded(Path file, long limit, String what) throws IOException {
        regularFileSize(file, what);
        MessageDigest md = sha256();
        long n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            while (n <= limit) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, limit + 1 - n));
                if (r < 0) {
                    break;
                }
                md.update(buf, 0, r);
                n += r;
            }
        }
        return new Written(n, HexFormat.of().formatHex(md.digest()));
    }

    /** Writes a file, forces it to the disk, and returns its size and SHA-256. */
    static Written writeSynced(Path file, Writer writer) throws IOException {
        MessageDigest md = sha256();
        try (FileChannel ch =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            OutputStream raw = new NonClosing(Channels.newOutputStream(ch));
            DataOutputStream os =
                    new DataOutputStream(
                            new BufferedOutputStream(new DigestOutputStream(raw, md), 1 << 16));
            writer.write(os);
            os.flush();
            ch.force(true);
            return new Written(ch.size(), HexFormat.of().formatHex(md.digest()));
        }
    }

    /** Forces a folder's entries (a rename, a new file) to the disk, where the system can. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder; its renames are journaled by NTFS.
        }
    }

    /** The SHA-256 of bytes, in lowercase hex. */
    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static boolean isSha256(String s) {
        return SHA256.matcher(s).matches();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Parses UTF-8 JSON strictly (RFC 8259: no comments, single quotes, unquoted names, trailing
     * data), rejecting a key repeated in an object; numbers must be integers.
     *
     * @param bytes the file's bytes
     * @param file the file, for messages
     * @return the top-level object
     */
    static JsonObject parseStrict(byte[] bytes, Path file) {
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(file + " is not a JSON state file: not UTF-8", e);
        }
        try (JsonReader r = new JsonReader(new StringReader(text))) {
            r.setStrictness(Strictness.STRICT);
            if (r.peek() != JsonToken.BEGIN_OBJECT) {
                throw new IllegalStateException(
                        file + " is not a JSON state file: it holds no JSON object");
            }
            JsonElement e = read(r, file, 0);
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalStateException(
                        file + " is not a JSON state file: data after the object at " + r);
            }
            return e.getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalStateException && e.getMessage().startsWith(file.toString())) {
                throw (IllegalStateException) e;
            }
            throw new IllegalStateException(
                    file + " is not a JSON state file: " + e.getMessage(), e);
        }
    }

    private static JsonElement read(JsonReader r, Path file, int depth) throws IOException {
        if (depth > 16) {
            throw new IllegalStateException(file + " is not a JSON state file: nested too deep");
        }
        switch (r.peek()) {
            case BEGIN_OBJECT:
                JsonObject o = new JsonObject();
                r.beginObject();
                while (r.hasNext()) {
                    String key = r.nextName();
                    if (o.has(key)) {
                        throw new IllegalStateException(
                                file
                                        + " is not a JSON state file: the key \""
                                        + key
                                        + "\" appears twice in an object, at "
                                        + r);
                    }
                    o.add(key, read(r, file, depth + 1));
                }
                r.endObject();
                return o;
            case BEGIN_ARRAY:
                JsonArray a = new JsonArray();
                r.beginArray();
                while (r.hasNext()) {
                    a.add(read(r, file, depth + 1));
                }
                r.endArray();
                return a;
            case STRING:
                return new JsonPrimitive(r.nextString());
            case NUMBER:
                String n = r.nextString();
                if (!INTEGER.matcher(n).matches()) {
                    throw new IllegalStateException(
                            file + " is not a state file: the number " + n + " is not an integer");
                }
                return new JsonPrimitive(Long.parseLong(n));
            case BOOLEAN:
                return new JsonPrimitive(r.nextBoolean());
            case NULL:
                r.nextNull();
                return JsonNull.INSTANCE;
            default:
                throw new IllegalStateException(
                        file + " is not a JSON state file: unexpected " + r.peek() + " at " + r);
        }
    }

    /** The canonical form of JSON: compact, keys sorted, integers without exponent. */
    static String canonical(JsonElement e) {
        StringBuilder sb = new StringBuilder();
        canonical(e, sb);
        return sb.toString();
    }

    private static void canonical(JsonElement e, StringBuilder sb) {
        if (e.isJsonObject()) {
            Map<String, JsonElement> sorted = new TreeMap<>(e.getAsJsonObject().asMap());
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonElement> x : sorted.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append(COMPACT.toJson(new JsonPrimitive(x.getKey()))).append(':');
                canonical(x.getValue(), sb);
            }
            sb.append('}');
        } else if (e.isJsonArray()) {
            sb.append('[');
            List<JsonElement> items = new ArrayList<>(e.getAsJsonArray().asList());
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                canonical(items.get(i), sb);
            }
            sb.append(']');
        } else if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            sb.append(e.getAsJsonPrimitive().getAsLong());
        } else {
            sb.append(COMPACT.toJson(e));
        }
    }

    /** Prints a state object as its file's UTF-8 bytes. */
    static byte[] print(JsonObject o) {
        return (PRETTY.toJson(o) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** An output stream whose close does not close the channel before it is forced. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
