package io.stagedoor.api.live;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where and how to publish an event's stream, as broadcasting software asks for it ("Server" and "Stream key").
 *
 * @param serverUrl {@code rtmp://host:port/live}
 * @param secureServerUrl {@code rtmps://host:port/live}, when the server has a certificate for RTMPS
 * @param streamKey the event's secret stream key; whoever has it can broadcast on the event
 * @param publishUrl {@code serverUrl + "/" + streamKey}, for software that takes one URL
 * @param previewUrl the live master playlist for the organiser's own preview (rehearsals too), valid for a few hours;
 *     it stops working when the links are renewed or the stream key is replaced
 * @param healthPageUrl a page for studio technicians showing the stream's health (not the stream), valid for a few
 *     hours; it stops working when the links are renewed or the stream key is replaced
 */
public record StreamEndpoint(
        String serverUrl,
        @Nullable String secureServerUrl,
        String streamKey,
        String publishUrl,
        String previewUrl,
        String healthPageUrl,
        Instant keyCreatedAt) {}
