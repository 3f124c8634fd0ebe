package io.stagedoor.server.ingest;

/**
 * A rendition as the master playlist lists it.
 *
 * @param bandwidth peak bits per second, audio included
 * @param codecs the CODECS attribute, e.g. {@code avc1.64002a,mp4a.40.2}
 */
record Rendition(String name, int width, int height, long bandwidth, String codecs, double frameRate) {}
