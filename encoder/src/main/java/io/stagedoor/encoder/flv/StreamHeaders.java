package io.stagedoor.encoder.flv;

import io.stagedoor.media.flv.FlvTag;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The tags a receiver needs before any frame, the latest of each kind: the metadata, the AVC and the AAC sequence
 * headers. Read and written from any thread.
 */
public final class StreamHeaders {

    private volatile @Nullable FlvTag metadata;
    private volatile @Nullable FlvTag videoHeader;
    private volatile @Nullable FlvTag audioHeader;

    /** Keeps a metadata tag or a sequence header in place of the last one of its kind. */
    public void keep(FlvTag tag) {
        if (tag.isScript()) {
            metadata = tag;
        } else if (tag.isVideo()) {
            videoHeader = tag;
        } else {
            audioHeader = tag;
        }
    }

    /** Those kept, in the order a receiver wants them: metadata, video, audio. */
    public List<FlvTag> inOrder() {
        var tags = new ArrayList<FlvTag>(3);
        for (var tag : new @Nullable FlvTag[] {metadata, videoHeader, audioHeader}) {
            if (tag != null) {
                tags.add(tag);
            }
        }
        return tags;
    }

    public void clear() {
        metadata = null;
        videoHeader = null;
        audioHeader = null;
    }
}
