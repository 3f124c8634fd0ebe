package io.stagedoor.api.live;

/**
 * One rendition of the adaptive stream.
 *
 * @param name {@code source} (the publisher's own, passed through) or a rung such as {@code 720p30}
 * @param bitrate target (rungs) or measured (source) bits per second
 * @param packagingLagMillis from the end of a segment's media arriving to the segment being ready, the latest one
 * @param segments segments written since the stream began
 */
public record RenditionHealth(
        String name, int width, int height, long bitrate, long packagingLagMillis, long segments) {}
