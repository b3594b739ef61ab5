package mlp.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.UUID;

/**
 * An animation as a self-contained HTML player: the still part of the chart (title, axes,
 * targets) is one PNG drawn by the same {@link AnimationChart} as the window and the GIF; a few
 * lines of JavaScript draw each frame's dots over it on a canvas, with play/pause, a frame slider
 * and the epoch and loss. A classification run's frames also carry their decision regions, one
 * tiny PNG each (a pixel a cell), stretched under the dots as the GIF draws them. Frames travel as pixel positions (16-bit, in eighths of a pixel), so a
 * hundred frames of a few hundred points weigh tens of kilobytes, not megabytes. Nothing is
 * fetched from the network.
 */
final class HtmlPlayer {
    private HtmlPlayer() {
    }

    /** A position too far off the picture to draw (a NaN prediction): the dot is skipped. */
    private static final short NONE = Short.MIN_VALUE;

    /** A whole page holding the player. */
    static String page(String title, Timeline t, double durationMs) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title == null || title.isBlank() ? "mlp animation" : title)
                + "</title></head>\n<body style=\"margin:16px\">\n" + html(title, t, durationMs) + "\n</body></html>\n";
    }

    /** The player as an HTML fragment (a notebook output, or the body of {@link #page}). */
    static String html(String title, Timeline t, double durationMs) {
        int w = ChartStyle.WIDTH, h = ChartStyle.HEIGHT;
        AnimationChart chart = AnimationChart.of(title, t, w, h);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        chart.show(new double[0], new double[0], t.caption(t.size() - 1));
        PictureFiles.draw(chart, image); // once with a caption: where it goes
        int captionX = chart.captionBox().x, captionY = chart.captionBaseline();
        chart.show(new double[0], new double[0], "");
        PictureFiles.draw(chart, image); // the still part only
        String background = Base64.getEncoder().encodeToString(PictureFiles.bytes(out -> PictureFiles.png(image, out)));

        int points = t.xs(0).length;
        // a classification run's points are its inputs: they stay put, so they travel once
        int moving = t.projection.plane() ? 1 : t.size();
        ByteBuffer frames = ByteBuffer.allocate(moving * points * 4).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder captions = new StringBuilder("[");
        for (int k = 0; k < t.size(); k++) {
            double[] xs = t.xs(k), ys = t.ys(k);
            for (int i = 0; k < moving && i < points; i++) {
                frames.putShort(eighths(chart.screenX(xs[i])));
                frames.putShort(eighths(chart.screenY(ys[i])));
            }
            captions.append(k > 0 ? "," : "").append(jsString(t.caption(k)));
        }
        captions.append(']');
        String regions = regionsScript(chart, t);
        String id = "mlp-player-" + UUID.randomUUID(); // unique on a page that shows many players, and across pages
        Color c = ChartStyle.PREDICTIONS;
        int last = t.size() - 1;
        return "<div id=\"" + id + "\" class=\"mlp-player\" style=\"font-family:sans-serif;font-size:13px;width:" + w + "px\">\n"
                + "<div style=\"position:relative;width:" + w + "px;height:" + h + "px\">"
                + "<img alt=\"" + escape(title == null ? "" : title) + "\" width=\"" + w + "\" height=\"" + h
                + "\" style=\"position:absolute;left:0;top:0\" src=\"data:image/png;base64," + background + "\">"
                + "<canvas width=\"" + w + "\" height=\"" + h + "\" style=\"position:absolute;left:0;top:0\"></canvas></div>\n"
                + "<div style=\"display:flex;align-items:center;gap:8px;margin-top:4px\">"
                + "<button type=\"button\" class=\"mlp-play\" style=\"min-width:5em\">&#9654; play</button>"
                + "<input type=\"range\" class=\"mlp-slider\" min=\"0\" max=\"" + last + "\" value=\"" + last + "\" style=\"flex:1\">"
                + "<span class=\"mlp-frame\" style=\"min-width:5em;text-align:right\"></span></div>\n"
                + "<div class=\"mlp-caption\" style=\"color:#3c3c3c;margin-top:2px\"></div>\n"
                + "<script>(function () {\n"
                + "  var root = document.getElementById('" + id + "');\n"
                + "  if (!root || root.dataset.ready) return; root.dataset.ready = '1';\n"
                + "  var raw = atob('" + Base64.getEncoder().encodeToString(frames.array()) + "');\n"
                + "  var bytes = new Uint8Array(raw.length); for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);\n"
                + "  var pos = new DataView(bytes.buffer), points = " + points + ", frames = " + t.size() + ";\n"
                + "  var captions = " + captions + ";\n"
                + "  var canvas = root.querySelector('canvas'), ctx = canvas.getContext('2d');\n"
                + "  var button = root.querySelector('.mlp-play'), slider = root.querySelector('.mlp-slider');\n"
                + "  var counter = root.querySelector('.mlp-frame'), caption = root.querySelector('.mlp-caption');\n"
                + "  var r = " + chart.markerSize() / 2 + ", timer = null, delay = " + Math.max(16, Math.round(durationMs)) + ", current = " + last + ";\n"
                + regions
                + "  function show(k) {\n"
                + "    current = k;\n"
                + "    ctx.clearRect(0, 0, canvas.width, canvas.height);\n"
                + "    if (regions) {\n"
                + "      var im = regions[k];\n"
                + "      ctx.imageSmoothingEnabled = false;\n"
                + "      if (im.complete && im.naturalWidth) ctx.drawImage(im, regionBox[0], regionBox[1], regionBox[2], regionBox[3]);\n"
                + "    }\n"
                + "    ctx.fillStyle = 'rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")';\n"
                + "    ctx.strokeStyle = '#fff'; ctx.lineWidth = 1;\n"
                + "    var base = Math.min(k, " + (moving - 1) + ") * points * 4;\n"
                + "    for (var i = 0; i < points; i++) {\n"
                + "      var x = pos.getInt16(base + 4 * i, true), y = pos.getInt16(base + 4 * i + 2, true);\n"
                + "      if (x === " + NONE + " || y === " + NONE + ") continue;\n"
                + "      if (classes) ctx.fillStyle = palette[classes[i] % palette.length];\n"
                + "      ctx.beginPath(); ctx.arc(x / 8, y / 8, r, 0, 2 * Math.PI); ctx.fill();\n"
                + "      if (classes) ctx.stroke();\n"
                + "    }\n"
                + "    ctx.fillStyle = 'rgb(60,60,60)'; ctx.font = '13px sans-serif';\n"
                + "    ctx.fillText(captions[k], " + captionX + ", " + captionY + ");\n"
                + "    slider.value = k; counter.textContent = 'frame ' + (k + 1) + ' / ' + frames; caption.textContent = captions[k];\n"
                + "  }\n"
                + "  function stop() { if (timer) clearInterval(timer); timer = null; button.innerHTML = '&#9654; play'; }\n"
                + "  function play() {\n"
                + "    var k = +slider.value; if (k >= frames - 1) k = 0;\n"
                + "    show(k); button.innerHTML = '&#10074;&#10074; pause';\n"
                + "    timer = setInterval(function () { k++; if (k >= frames) { stop(); return; } show(k); }, delay);\n"
                + "  }\n"
                + "  button.addEventListener('click', function () { if (timer) stop(); else play(); });\n"
                + "  slider.addEventListener('input', function () { stop(); show(+slider.value); });\n"
                + "  var asked = /[#&]frame=(\\d+)/.exec(location.hash); // a page's address may name the frame to show: x.html#frame=1\n"
                + "  show(asked ? Math.max(0, Math.min(frames - 1, asked[1] - 1)) : " + last + ");\n"
                + "})();</script>\n"
                + "</div>";
    }

    /**
     * A classification run's part of the script: each frame's decision regions as a small PNG (one
     * pixel a cell, in the tints the GIF uses; regions are a few large blobs, so a frame weighs a
     * few hundred bytes), the box they are stretched over, and each point's class and colour. For
     * other runs: {@code regions} and {@code classes} are null.
     */
    private static String regionsScript(AnimationChart chart, Timeline t) {
        if (t.grid == null) return "  var regions = null, classes = null;\n";
        StringBuilder s = new StringBuilder("  var regions = [");
        for (int k = 0; k < t.size(); k++) {
            double[] cells = t.regions(k);
            if (cells == null) return "  var regions = null, classes = null;\n"; // a run cut short before its regions
            BufferedImage image = chart.regionImage(cells);
            s.append(k > 0 ? "," : "").append('\'').append(Base64.getEncoder().encodeToString(PictureFiles.bytes(out -> PictureFiles.png(image, out)))).append('\'');
        }
        java.awt.Rectangle box = chart.regionBox();
        s.append("].map(function (png, k) {\n"
                + "    var im = new Image(); im.onload = function () { if (k === current) show(k); };\n"
                + "    im.src = 'data:image/png;base64,' + png; return im;\n"
                + "  });\n");
        s.append("  var regionBox = [").append(box.x).append(',').append(box.y).append(',').append(box.width).append(',').append(box.height).append("];\n");
        s.append("  var classes = ").append(java.util.Arrays.toString(chart.pointClasses()).replace(" ", "")).append(";\n");
        s.append("  var palette = [");
        for (int c = 0; c < ChartStyle.COLORS.length; c++) {
            Color col = ChartStyle.COLORS[c];
            s.append(c > 0 ? "," : "").append("'rgb(").append(col.getRed()).append(',').append(col.getGreen()).append(',').append(col.getBlue()).append(")'");
        }
        return s.append("];\n").toString();
    }

    private static short eighths(double pixel) {
        if (!Double.isFinite(pixel)) return NONE;
        double v = Math.rint(pixel * 8);
        return (short) Math.max(-32767, Math.min(32767, v));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A JavaScript string literal that is safe inside a script element. */
    static String jsString(String s) {
        StringBuilder out = new StringBuilder("'");
        for (char ch : s.toCharArray()) {
            if (ch == '\'' || ch == '\\') out.append('\\').append(ch);
            else if (ch < 0x20 || ch == '<' || ch == '>' || ch == '&' || ch > 0x7e) out.append(String.format("\\u%04x", (int) ch));
            else out.append(ch);
        }
        return out.append('\'').toString();
    }
}
