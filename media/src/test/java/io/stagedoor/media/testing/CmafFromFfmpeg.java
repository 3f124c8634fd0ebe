package io.stagedoor.media.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Fragmented MP4 as Debian's FFmpeg writes it for CMAF: a real encoder's output, for the readers' tests. */
public final class CmafFromFfmpeg {

    private CmafFromFfmpeg() {}

    /**
     * {@code seconds} of a 30 fps test picture with a tone, H.264 without B-frames, a keyframe every second, AAC, in
     * fragments of about 200 ms.
     */
    public static byte[] write(int seconds) {
        var command = List.of(
                "ffmpeg",
                "-hide_banner",
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=320x240:rate=30",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:sample_rate=48000",
                "-t",
                String.valueOf(seconds),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-bf",
                "0",
                "-g",
                "30",
                "-keyint_min",
                "30",
                "-sc_threshold",
                "0",
                "-c:a",
                "aac",
                "-f",
                "mp4",
                "-movflags",
                "+frag_keyframe+empty_moov+default_base_moof+cmaf",
                "-frag_duration",
                "200000",
                "pipe:1");
        try {
            var process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            process.getOutputStream().close();
            var bytes = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg failed: " + String.join(" ", command));
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run ffmpeg (Debian's ffmpeg package)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
