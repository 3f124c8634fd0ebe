package io.stagedoor.encoder.source;

import java.util.List;

/**
 * The audio inputs on this machine, as FFmpeg lists them (PulseAudio sources on Linux, DirectShow on Windows,
 * AVFoundation on macOS), within a second; none found or no sound server gives an empty list, and {@link
 * AudioInput.Device} with a {@code null} name still opens the default input.
 */
public final class AudioDevices {

    /** @param name what {@link AudioInput.Device} takes */
    public record AudioDevice(String name, String description) {}

    private AudioDevices() {}

    public static List<AudioDevice> list() {
        var format = Platform.current().audioFormat();
        return Devices.withTimeout(
                "audio",
                () -> Devices.fromFfmpeg(format).stream()
                        .filter(Devices.Device::audio)
                        .map(d -> new AudioDevice(format.equals("dshow") ? d.description() : d.name(), d.description()))
                        .toList());
    }
}
