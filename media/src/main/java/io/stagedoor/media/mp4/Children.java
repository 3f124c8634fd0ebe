package io.stagedoor.media.mp4;

import io.stagedoor.media.MalformedMediaException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The boxes inside a box, found within its bounds; every size checked against the bytes there are. */
final class Children {

    /** A box inside another: where its content starts and where it ends, in the outer box's bytes. */
    record Child(String type, int contentStart, int end) {

        int contentSize() {
            return end - contentStart;
        }
    }

    private Children() {}

    /** The boxes between {@code from} and {@code to} of {@code bytes}, in order. */
    static List<Child> of(byte[] bytes, int from, int to) throws MalformedMediaException {
        var children = new ArrayList<Child>();
        int position = from;
        while (position < to) {
            if (to - position < 8) {
                throw new MalformedMediaException("A box cut short: " + (to - position) + " bytes left for its header");
            }
            long size = BoxReader.uint32(bytes, position);
            int header = 8;
            if (size == 1) {
                if (to - position < 16) {
                    throw new MalformedMediaException("A box with a 64-bit size cut short");
                }
                size = BoxReader.uint64(bytes, position + 8);
                header = 16;
            } else if (size == 0) {
                size = to - position; // to the end of the enclosing box
            }
            if (size < header || size > to - position) {
                throw new MalformedMediaException("A \"" + Box.typeAt(bytes, position + 4) + "\" box of " + size
                        + " bytes where " + (to - position) + " are left");
            }
            children.add(new Child(Box.typeAt(bytes, position + 4), position + header, position + (int) size));
            position += (int) size;
        }
        return children;
    }

    /** The first child of type {@code type}, or null. */
    static @Nullable Child first(List<Child> children, String type) {
        for (var child : children) {
            if (child.type().equals(type)) {
                return child;
            }
        }
        return null;
    }

    /** The first child of type {@code type}, or an exception naming what is missing from where. */
    static Child required(List<Child> children, String type, String in) throws MalformedMediaException {
        var child = first(children, type);
        if (child == null) {
            throw new MalformedMediaException("A \"" + in + "\" box without its \"" + type + "\" box");
        }
        return child;
    }

    /** Reads fields of a box's content in order, checking each against the content's end. */
    static final class Fields {
        private final byte[] bytes;
        private final int end;
        private final String box;
        private int position;

        Fields(byte[] bytes, Child child) {
            this.bytes = bytes;
            this.position = child.contentStart();
            this.end = child.end();
            this.box = child.type();
        }

        long u32() throws MalformedMediaException {
            need(4);
            long value = BoxReader.uint32(bytes, position);
            position += 4;
            return value;
        }

        long u64() throws MalformedMediaException {
            need(8);
            long value = BoxReader.uint64(bytes, position);
            position += 8;
            return value;
        }

        int u8() throws MalformedMediaException {
            need(1);
            return bytes[position++] & 0xFF;
        }

        String fourCc() throws MalformedMediaException {
            need(4);
            var text = Box.typeAt(bytes, position);
            position += 4;
            return text;
        }

        void skip(int count) throws MalformedMediaException {
            need(count);
            position += count;
        }

        private void need(int count) throws MalformedMediaException {
            if (end - position < count) {
                throw new MalformedMediaException("A \"" + box + "\" box cut short: needs " + count + " bytes more, "
                        + (end - position) + " left");
            }
        }
    }
}
