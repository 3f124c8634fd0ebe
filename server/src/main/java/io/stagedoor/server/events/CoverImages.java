package io.stagedoor.server.events;

import io.stagedoor.api.events.Event;
import io.stagedoor.api.events.EventStatus;
import io.stagedoor.server.accounts.Caller;
import io.stagedoor.server.db.Sql;
import io.stagedoor.server.error.InvalidInputException;
import io.stagedoor.server.error.NotFoundException;
import io.stagedoor.server.error.UnsupportedMediaTypeException;
import io.stagedoor.server.limits.Turns;
import java.awt.Color;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Cover images. An upload must really be a JPEG or PNG of sensible size; it is decoded and re-encoded as a JPEG of
 * at most {@link #MAX_WIDTH} pixels across, which drops anything else the file carried (metadata, location,
 * scripts hidden in odd chunks) and bounds what every page load costs.
 */
public final class CoverImages {

    public static final long MAX_UPLOAD_BYTES = 8L * 1024 * 1024;
    static final int MAX_WIDTH = 1600;
    static final long MAX_SOURCE_PIXELS = 50_000_000L;
    private static final Set<String> ACCEPTED_FORMATS = Set.of("jpeg", "png");

    /** A stored cover. */
    public record Cover(byte[] image, String contentType) {}

    /** Images decoded at once, server-wide: each may take tens of megabytes while it is. */
    static final int DECODING_AT_ONCE = 2;

    /** How long an upload waits for its turn before it is told to try again. */
    static final Duration DECODING_WAIT = Duration.ofSeconds(5);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Turns decoding = new Turns(
            DECODING_AT_ONCE,
            DECODING_WAIT,
            16,
            "The server is busy with other cover images. Try again in a few seconds.",
            Duration.ofSeconds(5));

    public CoverImages(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Event upload(Caller caller, UUID eventId, byte[] upload) {
        // Decoding is the costly part (memory and CPU): only for the event's own organiser, a few at a time.
        jdbi.useHandle(handle -> TicketTypeService.requireOpen(Events.owned(handle, caller, eventId, false)));
        var encoded = decoding.run(() -> reencode(upload));
        return jdbi.inTransaction(handle -> {
            var event = Events.owned(handle, caller, eventId, true);
            TicketTypeService.requireOpen(event);
            handle.createUpdate("DELETE FROM event_cover WHERE event_id = :id")
                    .bind("id", eventId)
                    .execute();
            handle.createUpdate("""
                            INSERT INTO event_cover (event_id, content_type, width, height, image, updated_at)
                            VALUES (:id, 'image/jpeg', :width, :height, :image, :now)
                            """)
                    .bind("id", eventId)
                    .bind("width", encoded.width())
                    .bind("height", encoded.height())
                    .bind("image", encoded.jpeg())
                    .bind("now", Sql.time(clock.instant()))
                    .execute();
            return Events.owned(handle, caller, eventId, false).toApi();
        });
    }

    public Cover forOrganiser(Caller caller, UUID eventId) {
        return jdbi.withHandle(handle -> {
            Events.owned(handle, caller, eventId, false);
            return load(handle, eventId);
        });
    }

    /** The cover of a published event, for its public page. */
    public Cover forPublic(String slug) {
        return jdbi.withHandle(handle -> {
            var event = handle.createQuery("SELECT " + EventRow.COLUMNS + " FROM event e WHERE e.slug = :slug")
                    .bind("slug", slug.toLowerCase(Locale.ROOT))
                    .map((rs, ctx) -> EventRow.map(rs))
                    .findOne()
                    .filter(e -> e.status() != EventStatus.DRAFT)
                    .orElseThrow(() -> new NotFoundException("There is no published event at \"" + slug + "\"."));
            return load(handle, event.id());
        });
    }

    private static Cover load(Handle handle, UUID eventId) {
        return handle.createQuery("SELECT image, content_type FROM event_cover WHERE event_id = :id")
                .bind("id", eventId)
                .map((rs, ctx) -> new Cover(rs.getBytes("image"), rs.getString("content_type")))
                .findOne()
                .orElseThrow(() -> new NotFoundException("This event has no cover image."));
    }

    record Encoded(byte[] jpeg, int width, int height) {}

    static Encoded reencode(byte[] upload) {
        if (upload.length == 0) {
            throw InvalidInputException.of("body", "must be the image file; the request had no body");
        }
        try (var input = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            var readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw notAnImage();
            }
            var reader = readers.next();
            try {
                var format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!ACCEPTED_FORMATS.contains(format)) {
                    throw notAnImage();
                }
                reader.setInput(input, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_SOURCE_PIXELS) {
                    throw InvalidInputException.of(
                            "body",
                            "is " + reader.getWidth(0) + "x" + reader.getHeight(0) + " pixels; covers may have at most "
                                    + MAX_SOURCE_PIXELS / 1_000_000 + " million");
                }
                // Read at most twice the stored width: a large photo then never takes more memory than a small one.
                var param = reader.getDefaultReadParam();
                int step = Math.max(1, reader.getWidth(0) / (2 * MAX_WIDTH));
                param.setSourceSubsampling(step, step, 0, 0);
                var source = reader.read(0, param);
                return scaleAndEncode(source);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw InvalidInputException.of("body", "could not be read as an image: " + e.getMessage());
        }
    }

    private static UnsupportedMediaTypeException notAnImage() {
        return new UnsupportedMediaTypeException("A cover must be a JPEG or PNG image.");
    }

    private static Encoded scaleAndEncode(BufferedImage source) {
        int width = Math.min(MAX_WIDTH, source.getWidth());
        int height = Math.max(1, (int) Math.round(source.getHeight() * (width / (double) source.getWidth())));
        var target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(source, 0, 0, width, height, Color.WHITE, null);
        } finally {
            graphics.dispose();
        }
        var out = new ByteArrayOutputStream();
        var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (var output = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(output);
            var params = writer.getDefaultWriteParam();
            params.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            params.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(target, null, null), params);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return new Encoded(out.toByteArray(), width, height);
    }
}
