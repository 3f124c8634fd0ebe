import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws Stagedoor Studio's icon (a lit stage doorway with a red "live" light) and writes it in the forms the
 * installers take: stagedoor.png (Linux, 256 px), stagedoor.ico (Windows: 16 to 256 px) and stagedoor.icns (macOS:
 * 16 to 512 px). The files are committed; run this again after changing the drawing:
 *
 *   java packaging/src/studio/icons/MakeIcons.java packaging/src/studio/icons
 */
public class MakeIcons {

    public static void main(String[] args) throws IOException {
        var dir = Path.of(args.length > 0 ? args[0] : ".");
        Files.write(dir.resolve("stagedoor.png"), png(256));

        // ICO: a directory of PNG-compressed images (Windows Vista and later read PNG entries).
        int[] icoSizes = {16, 24, 32, 48, 64, 128, 256};
        var images = new LinkedHashMap<Integer, byte[]>();
        for (int size : icoSizes) {
            images.put(size, png(size));
        }
        var ico = new ByteArrayOutputStream();
        var out = new LittleEndian(ico);
        out.short16(0);
        out.short16(1);
        out.short16(images.size());
        int offset = 6 + 16 * images.size();
        for (Map.Entry<Integer, byte[]> image : images.entrySet()) {
            int size = image.getKey();
            ico.write(size >= 256 ? 0 : size);
            ico.write(size >= 256 ? 0 : size);
            ico.write(0);
            ico.write(0);
            out.short16(1);
            out.short16(32);
            out.int32(image.getValue().length);
            out.int32(offset);
            offset += image.getValue().length;
        }
        for (byte[] data : images.values()) {
            ico.write(data);
        }
        Files.write(dir.resolve("stagedoor.ico"), ico.toByteArray());

        // ICNS: big-endian chunks of PNG data, one per OSType.
        var types = new LinkedHashMap<String, Integer>();
        types.put("icp4", 16);
        types.put("icp5", 32);
        types.put("icp6", 64);
        types.put("ic07", 128);
        types.put("ic08", 256);
        types.put("ic09", 512);
        var chunks = new ByteArrayOutputStream();
        var chunkOut = new DataOutputStream(chunks);
        for (Map.Entry<String, Integer> type : types.entrySet()) {
            byte[] data = png(type.getValue());
            chunkOut.writeBytes(type.getKey());
            chunkOut.writeInt(8 + data.length);
            chunkOut.write(data);
        }
        var icns = new ByteArrayOutputStream();
        var icnsOut = new DataOutputStream(icns);
        icnsOut.writeBytes("icns");
        icnsOut.writeInt(8 + chunks.size());
        icnsOut.write(chunks.toByteArray());
        Files.write(dir.resolve("stagedoor.icns"), icns.toByteArray());
    }

    /** The icon at {@code size} pixels square, drawn on a 256-unit canvas. */
    static byte[] png(int size) throws IOException {
        var image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 256.0, size / 256.0);

        // Night-blue tile.
        g.setPaint(new GradientPaint(0, 0, new Color(0x2B, 0x2F, 0x5C), 0, 256, new Color(0x12, 0x14, 0x2E)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56));

        // The doorway: an arch of warm light, open at the bottom.
        var doorway = new Path2D.Double();
        doorway.moveTo(76, 212);
        doorway.lineTo(76, 118);
        doorway.append(new Arc2D.Double(76, 66, 104, 104, 180, -180, Arc2D.OPEN), true);
        doorway.lineTo(180, 212);
        doorway.closePath();
        g.setPaint(new GradientPaint(0, 66, new Color(0xFF, 0xD8, 0x6B), 0, 212, new Color(0xF2, 0x9B, 0x38)));
        g.fill(doorway);

        // The floor line the door stands on.
        g.setColor(new Color(0xF2, 0x9B, 0x38));
        g.setStroke(new BasicStroke(10, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(52, 214, 204, 214);

        // The door itself, ajar: a darker panel hinged on the left.
        var door = new Path2D.Double();
        door.moveTo(86, 206);
        door.lineTo(86, 122);
        door.lineTo(118, 110);
        door.lineTo(118, 212);
        door.closePath();
        g.setColor(new Color(0x1B, 0x1E, 0x40));
        g.fill(door);

        // The red light over the door: on air.
        g.setColor(new Color(0xFF, 0xFF, 0xFF, 60));
        g.fill(new Ellipse2D.Double(176, 34, 52, 52));
        g.setColor(new Color(0xE5, 0x39, 0x35));
        g.fill(new Ellipse2D.Double(184, 42, 36, 36));
        g.dispose();

        var bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    private record LittleEndian(ByteArrayOutputStream out) {
        void short16(int value) {
            out.write(value & 0xFF);
            out.write((value >> 8) & 0xFF);
        }

        void int32(int value) {
            short16(value & 0xFFFF);
            short16((value >> 16) & 0xFFFF);
        }
    }
}
