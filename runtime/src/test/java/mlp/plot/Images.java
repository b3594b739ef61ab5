package mlp.plot;

import org.w3c.dom.Node;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading back what the picture writers wrote, as a viewer would show it. */
final class Images {
    private Images() {
    }

    /**
     * A decoded GIF: every frame as shown (composited over the frames before), every frame as it
     * is in the file (decoded alone, as {@code convert 'x.gif[50]' f.png} takes it, with where it
     * sits and whether it has a transparent colour), each frame's delay.
     */
    record Gif(List<BufferedImage> frames, List<Raw> raw, List<Integer> delaysCs, boolean loops) {
    }

    /** One frame as stored: its image, its place on the screen, and whether a colour of it is transparent. */
    record Raw(BufferedImage image, int left, int top, boolean transparent) {
    }

    static Gif gif(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            int n = reader.getNumImages(true);
            List<BufferedImage> shown = new ArrayList<>();
            List<Raw> raw = new ArrayList<>();
            List<Integer> delays = new ArrayList<>();
            boolean loops = false;
            BufferedImage canvas = null;
            for (int i = 0; i < n; i++) {
                BufferedImage frame = reader.read(i);
                IIOMetadata meta = reader.getImageMetadata(i);
                Node root = meta.getAsTree("javax_imageio_gif_image_1.0");
                int left = 0, top = 0;
                boolean transparent = false;
                for (Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
                    switch (c.getNodeName()) {
                        case "ImageDescriptor" -> {
                            left = Integer.parseInt(attr(c, "imageLeftPosition"));
                            top = Integer.parseInt(attr(c, "imageTopPosition"));
                        }
                        case "GraphicControlExtension" -> {
                            delays.add(Integer.parseInt(attr(c, "delayTime")));
                            transparent = "TRUE".equalsIgnoreCase(attr(c, "transparentColorFlag"));
                        }
                        case "ApplicationExtensions" -> {
                            for (Node a = c.getFirstChild(); a != null; a = a.getNextSibling())
                                if ("NETSCAPE".equals(attr(a, "applicationID"))) loops = true;
                        }
                        default -> { }
                    }
                }
                raw.add(new Raw(frame, left, top, transparent));
                if (canvas == null) canvas = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_INT_RGB);
                Graphics2D g = canvas.createGraphics();
                g.drawImage(frame, left, top, null);
                g.dispose();
                BufferedImage copy = new BufferedImage(canvas.getWidth(), canvas.getHeight(), BufferedImage.TYPE_INT_RGB);
                copy.getGraphics().drawImage(canvas, 0, 0, null);
                shown.add(copy);
            }
            return new Gif(shown, raw, delays, loops);
        }
    }

    private static String attr(Node n, String name) {
        Node a = n.getAttributes().getNamedItem(name);
        return a == null ? null : a.getNodeValue();
    }

    static BufferedImage png(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) throw new IOException("not an image: " + file);
        return image;
    }

    /** How far two colours are apart (largest channel difference). */
    static int distance(Color a, Color b) {
        return Math.max(Math.abs(a.getRed() - b.getRed()), Math.max(Math.abs(a.getGreen() - b.getGreen()), Math.abs(a.getBlue() - b.getBlue())));
    }

    static Color at(BufferedImage image, double x, double y) {
        return new Color(image.getRGB((int) Math.round(x), (int) Math.round(y)));
    }

    /** The number of pixels that differ between two images of the same size, inside the box, or outside it when {@code outside}. */
    static int differing(BufferedImage a, BufferedImage b, java.awt.Rectangle box, boolean outside) {
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++)
            for (int x = 0; x < a.getWidth(); x++) {
                boolean in = box.contains(x, y);
                if (in == outside) continue;
                if ((a.getRGB(x, y) & 0xffffff) != (b.getRGB(x, y) & 0xffffff)) n++;
            }
        return n;
    }
}
