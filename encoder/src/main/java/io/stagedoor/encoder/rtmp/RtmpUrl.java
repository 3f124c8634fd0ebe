package io.stagedoor.encoder.rtmp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where to publish: {@code rtmp://host[:port]/app[/more]/streamKey} or {@code rtmps://…}. As in OBS, the last path
 * segment is the stream key and the rest of the path is the application.
 *
 * @param secure RTMPS (RTMP over TLS)
 * @param port 1935 for RTMP and 443 for RTMPS unless the URL says otherwise
 * @param app the application, e.g. {@code live}
 * @param streamKey the secret part; never logged in full (see {@link #redacted()})
 */
public record RtmpUrl(boolean secure, String host, int port, String app, String streamKey) {

    public static RtmpUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: \"" + text + "\" (" + e.getReason() + ")");
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("rtmp") && !scheme.equals("rtmps")) {
            throw new IllegalArgumentException(
                    "the URL must start with rtmp:// or rtmps://, was \"" + redact(text) + "\"");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("the URL names no host: \"" + redact(text) + "\"");
        }
        boolean secure = scheme.equals("rtmps");
        var path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        path = path.startsWith("/") ? path.substring(1) : path;
        int slash = path.lastIndexOf('/', path.contains("?") ? path.indexOf('?') : path.length());
        if (slash <= 0 || slash == path.length() - 1) {
            throw new IllegalArgumentException("the URL needs an application and a stream key, as in"
                    + " rtmp://host/live/STREAM-KEY; was \"" + redact(text) + "\"");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 1935;
        return new RtmpUrl(secure, uri.getHost(), port, path.substring(0, slash), path.substring(slash + 1));
    }

    /** The URL without the stream key, as RTMP's {@code connect} command calls it. */
    public String tcUrl() {
        return (secure ? "rtmps" : "rtmp") + "://" + host + ":" + port + "/" + app;
    }

    /** The URL with the stream key hidden, for messages and logs. */
    public String redacted() {
        return tcUrl() + "/" + mask(streamKey);
    }

    @Override
    public String toString() {
        return redacted();
    }

    private static String redact(String text) {
        int slash = text.lastIndexOf('/');
        return slash < 0 || text.indexOf("://") + 2 >= slash ? text : text.substring(0, slash + 1) + "…";
    }

    private static String mask(String key) {
        return key.length() <= 4 ? "…" : key.substring(0, 2) + "…";
    }
}
