package io.stagedoor.encoder;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.stagedoor.encoder.internal.H264AacRecorders;
import io.stagedoor.encoder.internal.LavfiTestPattern;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Encodes a fixed length of a source into a file as fast as the machine allows: H.264 High in constant bitrate
 * with AAC-LC, in FLV.
 */
public final class FileEncode {

    private final EncoderSettings settings;

    public FileEncode(EncoderSettings settings) {
        this.settings = settings;
    }

    /** What an encode produced. */
    public record Result(Path file, long videoFrames, Duration mediaDuration, long bytes) {}

    /**
     * Encodes {@code duration} of the synthetic test pattern (moving picture and tone) into {@code output}.
     *
     * @throws EncoderException when FFmpeg cannot produce the source, open the encoder or write the file
     */
    public Result testPattern(Duration duration, Path output) {
        requireFlv(output);
        NativeLibraries.configure();
        long frameLimit = settings.video().frameRate() * duration.toMillis() / 1000;
        long limitMicros = duration.toNanos() / 1000;
        try (FFmpegFrameGrabber source = LavfiTestPattern.start(settings);
                FFmpegFrameRecorder recorder = H264AacRecorders.create(output.toString(), "flv", settings)) {
            recorder.start();
            long videoFrames = 0;
            Frame frame;
            while (videoFrames < frameLimit && (frame = source.grabFrame(true, true, true, false, false)) != null) {
                if (frame.image != null) {
                    recorder.record(frame, AV_PIX_FMT_YUV420P);
                    videoFrames++;
                } else if (frame.samples != null && frame.timestamp < limitMicros) {
                    recorder.record(frame);
                }
            }
            recorder.stop();
            var mediaDuration = Duration.ofNanos(
                    videoFrames * 1_000_000_000L / settings.video().frameRate());
            return new Result(output, videoFrames, mediaDuration, Files.size(output));
        } catch (FrameGrabber.Exception e) {
            throw new EncoderException("The test pattern source failed: " + e.getMessage(), e);
        } catch (FrameRecorder.Exception e) {
            throw new EncoderException("Encoding to " + output + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new EncoderException("Cannot read the size of " + output + ": " + e.getMessage(), e);
        }
    }

    private static void requireFlv(Path output) {
        var name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".flv")) {
            throw new EncoderException("Cannot record to \"" + output + "\": name a .flv file.");
        }
    }
}
