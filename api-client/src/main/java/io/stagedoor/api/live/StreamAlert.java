package io.stagedoor.api.live;

import java.time.Instant;

/**
 * Something a technician should act on.
 *
 * @param code stable, for programs: {@code below-recommended-bitrate}, {@code keyframe-interval},
 *     {@code publisher-disconnected}, {@code transcoder-slow}, {@code codec-refused}, {@code packager-restarts}
 * @param severity {@code warning} or {@code error}
 * @param message what is wrong and what to do, for people
 * @param since when it began
 */
public record StreamAlert(String code, String severity, String message, Instant since) {}
