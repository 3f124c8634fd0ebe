package io.stagedoor.encoder.publish;

import io.stagedoor.media.flv.FlvTag;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Encoded audio and video waiting for the network, bounded in milliseconds of media by a {@link DropPolicy}. The
 * least important media goes first: disposable video frames, then whole groups of pictures (with the audio they
 * cover), and only at the hard bound anything, audio included. After video was dropped, video resumes at a keyframe.
 *
 * <p>Thread-safe: the encoder offers, the publisher polls.
 */
public final class SendQueue {

    private final DropPolicy policy;
    private final ArrayDeque<FlvTag> tags = new ArrayDeque<>();
    private long bytes;
    private boolean waitingForKeyframe;
    /** A new connection waits for a keyframe: it must start with a picture, so sound waits too. */
    private boolean resuming;

    private long disposableVideo;
    private long gopVideo;
    private long overflowVideo;
    private long audio;

    public SendQueue(DropPolicy policy) {
        this.policy = policy;
    }

    /** Adds a media tag (never script data or sequence headers; the publisher keeps those) and applies the policy. */
    public synchronized void offer(FlvTag tag) {
        if (resuming && tag.isAudio()) {
            audio++;
            return;
        }
        if (tag.isVideo() && waitingForKeyframe) {
            if (!tag.isKeyframe()) {
                gopVideo++;
                return;
            }
            waitingForKeyframe = false;
            resuming = false;
        }
        tags.addLast(tag);
        bytes += tag.data().length;
        enforce();
        notifyAll();
    }

    /** The oldest tag, waiting up to {@code timeoutMillis} for one; {@code null} if none came. */
    public synchronized @Nullable FlvTag poll(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (tags.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        var tag = tags.removeFirst();
        bytes -= tag.data().length;
        return tag;
    }

    /**
     * Prepares for a new connection: drops everything before the newest queued keyframe, so the receiver starts with
     * a picture it can decode. Without a queued keyframe, everything goes, and both sound and video wait for the next
     * keyframe.
     *
     * @return the timestamp of the keyframe the queue now starts at, or {@code -1} if it is waiting for one
     */
    public synchronized long resumeAtKeyframe() {
        FlvTag newestKeyframe = null;
        for (var tag : tags) {
            if (tag.isKeyframe()) {
                newestKeyframe = tag;
            }
        }
        if (newestKeyframe == null) {
            while (!tags.isEmpty()) {
                countGopDrop(removeFirst());
            }
            waitingForKeyframe = true;
            resuming = true;
            return -1;
        }
        while (tags.peekFirst() != newestKeyframe) {
            countGopDrop(removeFirst());
        }
        // Audio queued just after the keyframe but stamped before it would go out of order on the new connection.
        long keyframeTime = newestKeyframe.timestampMillis();
        for (Iterator<FlvTag> it = tags.iterator(); it.hasNext(); ) {
            var tag = it.next();
            if (tag.isAudio() && tag.timestampMillis() < keyframeTime) {
                it.remove();
                bytes -= tag.data().length;
                audio++;
            }
        }
        return keyframeTime;
    }

    /** Milliseconds of media waiting: newest timestamp minus oldest. */
    public synchronized long depthMillis() {
        return tags.isEmpty()
                ? 0
                : Math.max(
                        0, tags.peekLast().timestampMillis() - tags.peekFirst().timestampMillis());
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int size() {
        return tags.size();
    }

    public synchronized DroppedFrames dropped() {
        return new DroppedFrames(disposableVideo, gopVideo, overflowVideo, audio);
    }

    private void enforce() {
        if (depthMillis() > policy.disposableAbove().toMillis()) {
            for (Iterator<FlvTag> it = tags.iterator(); it.hasNext(); ) {
                var tag = it.next();
                if (tag.isDisposable()) {
                    it.remove();
                    bytes -= tag.data().length;
                    disposableVideo++;
                }
            }
        }
        while (depthMillis() > policy.gopAbove().toMillis()) {
            if (!dropOldestGop()) {
                break;
            }
        }
        while (depthMillis() > policy.maxDepth().toMillis()) {
            var tag = removeFirst();
            if (tag.isVideo()) {
                overflowVideo++;
                dropVideoUntilKeyframe();
            } else if (tag.isAudio()) {
                audio++;
            }
        }
    }

    /**
     * Drops from the head up to the second keyframe in the queue (or, with none, all queued video), with the audio
     * stamped before that point.
     *
     * @return whether anything was dropped
     */
    private boolean dropOldestGop() {
        FlvTag cut = null;
        boolean passedFirstVideo = false;
        for (var tag : tags) {
            if (tag.isVideo()) {
                if (tag.isKeyframe() && passedFirstVideo) {
                    cut = tag;
                    break;
                }
                passedFirstVideo = true;
            }
        }
        if (cut == null) {
            boolean droppedAny = false;
            for (Iterator<FlvTag> it = tags.iterator(); it.hasNext(); ) {
                var tag = it.next();
                if (tag.isVideo()) {
                    it.remove();
                    bytes -= tag.data().length;
                    gopVideo++;
                    droppedAny = true;
                }
            }
            if (droppedAny) {
                waitingForKeyframe = true;
            }
            return droppedAny;
        }
        long cutTime = cut.timestampMillis();
        while (tags.peekFirst() != cut) {
            countGopDrop(removeFirst());
        }
        for (Iterator<FlvTag> it = tags.iterator(); it.hasNext(); ) {
            var tag = it.next();
            if (tag.isAudio() && tag.timestampMillis() < cutTime) {
                it.remove();
                bytes -= tag.data().length;
                audio++;
            }
        }
        return true;
    }

    private void dropVideoUntilKeyframe() {
        for (Iterator<FlvTag> it = tags.iterator(); it.hasNext(); ) {
            var tag = it.next();
            if (tag.isKeyframe()) {
                return;
            }
            if (tag.isVideo()) {
                it.remove();
                bytes -= tag.data().length;
                overflowVideo++;
            }
        }
        waitingForKeyframe = true;
    }

    private FlvTag removeFirst() {
        var tag = tags.removeFirst();
        bytes -= tag.data().length;
        return tag;
    }

    private void countGopDrop(FlvTag tag) {
        if (tag.isVideo()) {
            gopVideo++;
        } else if (tag.isAudio()) {
            audio++;
        }
    }
}
