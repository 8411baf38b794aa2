package org.memarl.experiment.plot;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.memarl.InvalidModelException;

/**
 * A teaching picture of a soft-options solution on a gridworld: states named {@code r<row>c<col>}
 * are drawn as cells (cells of the bounding box that are not states are walls). Left panel: the master
 * policy pi^H(z|s) — colour of the most likely option, shade by its probability — with an arrow for
 * the mean move of that option's low-level policy pi(a|s,z) (actions named up/down/left/right or
 * north/south/west/east). Right panel: the value V(s) (white lowest, dark blue highest), with a ring in
 * option z's colour where a running option z terminates with probability above 1/2 (the options end at
 * their hallways). Deterministic PNG (JDK ImageIO) and SVG (VectorGraphics2D).
 */
public final class OptionGridPlot {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Pattern CELL = Pattern.compile("^r(\\d+)c(\\d+)$");
    private static final int CELL_PX = 34;
    private static final int MARGIN = 24;
    private static final int TITLE_H = 56;
    private static final int LEGEND_H = 26;

    private final String title;
    private final int rows;
    private final int cols;
    private final int[] row;
    private final int[] col;
    private final double[][] master;
    private final double[][][] low;
    private final double[][] termination;
    private final List<String> optionNames;
    private final double[][] direction;
    private final double[] value;

    /**
     * @param stateNames  state names {@code r<row>c<col>}
     * @param actionNames action names (directions) — unknown names get no arrow
     * @param master      pi^H(z|s) [s][z]
     * @param low         pi(a|s,z) [s][z][a]
     * @param termination pi^T(b = 1|s,z) [s][z]
     * @param value       V(s), one per state
     * @throws InvalidModelException (key {@code plot}) when the states are not grid cells
     */
    public OptionGridPlot(String title, List<String> stateNames, List<String> actionNames, List<String> optionNames,
                          double[][] master, double[][][] low, double[][] termination, double[] value) {
        this.title = title;
        this.value = value.clone();
        int n = stateNames.size();
        row = new int[n];
        col = new int[n];
        int r = 0;
        int c = 0;
        for (int s = 0; s < n; s++) {
            Matcher m = CELL.matcher(stateNames.get(s));
            if (!m.matches()) {
                throw new InvalidModelException("plot: states[" + s + "] = \"" + stateNames.get(s) + "\" is not a grid cell"
                        + " name r<row>c<col>; --plot draws gridworlds such as the four-rooms example");
            }
            row[s] = Integer.parseInt(m.group(1));
            col[s] = Integer.parseInt(m.group(2));
            if (row[s] > 200 || col[s] > 200) {
                throw new InvalidModelException("plot: states[" + s + "] = \"" + stateNames.get(s) + "\" is beyond the"
                        + " 200 x 200 cells --plot draws");
            }
            r = Math.max(r, row[s]);
            c = Math.max(c, col[s]);
        }
        this.rows = r + 2;
        this.cols = c + 2;
        this.master = master;
        this.low = low;
        this.termination = termination;
        this.optionNames = optionNames;
        this.direction = new double[actionNames.size()][];
        for (int a = 0; a < actionNames.size(); a++) {
            direction[a] = direction(actionNames.get(a));
        }
    }

    private static double[] direction(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "up": case "north": case "n": return new double[] {0, -1};
            case "down": case "south": case "s": return new double[] {0, 1};
            case "left": case "west": case "w": return new double[] {-1, 0};
            case "right": case "east": case "e": return new double[] {1, 0};
            default: return null;
        }
    }

    public int width() {
        return 2 * cols * CELL_PX + 3 * MARGIN;
    }

    public int height() {
        return TITLE_H + rows * CELL_PX + LEGEND_H + 2 * MARGIN;
    }

    public byte[] png() {
        BufferedImage img = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            paint(g);
        } finally {
            g.dispose();
        }
        return FigureRenderer.encodePng(img);
    }

    public byte[] svg() {
        VectorGraphics2D g = new VectorGraphics2D();
        paint(g);
        Document doc = Processors.get("svg").getDocument(g.getCommands(), new PageSize(0.0, 0.0, width(), height()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            doc.writeTo(out);
        } catch (IOException e) {
            throw new org.memarl.MemarlException("writing the figure: " + e.getMessage(), e);
        }
        return FigureRenderer.roundCoordinates(out.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    private static Color mix(Color c, double t) {
        // t = 1: the colour itself; t = 0: white
        return new Color((int) Math.round(255 - t * (255 - c.getRed())), (int) Math.round(255 - t * (255 - c.getGreen())),
                (int) Math.round(255 - t * (255 - c.getBlue())));
    }

    private int favourite(int s) {
        int best = 0;
        for (int z = 1; z < master[s].length; z++) {
            if (master[s][z] > master[s][best]) {
                best = z;
            }
        }
        return best;
    }

    private void paint(Graphics2D g) {
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, width(), height()));
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, MARGIN, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int x0 = MARGIN;
        int x1 = 2 * MARGIN + cols * CELL_PX;
        int y0 = TITLE_H;
        g.drawString("master policy: colour = most likely option (shade = its", x0, 36);
        g.drawString("probability); arrow = that option's mean move", x0, 50);
        g.drawString("value V(s) (white = lowest, blue = highest); ring = a", x1, 36);
        g.drawString("running option ends here with probability > 1/2", x1, 50);
        double vlo = Double.POSITIVE_INFINITY;
        double vhi = Double.NEGATIVE_INFINITY;
        for (double v : value) {
            vlo = Math.min(vlo, v);
            vhi = Math.max(vhi, v);
        }
        boolean[][] free = new boolean[rows][cols];
        for (int s = 0; s < row.length; s++) {
            free[row[s]][col[s]] = true;
        }
        for (int panel = 0; panel < 2; panel++) {
            int ox = panel == 0 ? x0 : x1;
            g.setColor(new Color(0x44, 0x44, 0x44));
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (!free[r][c]) {
                        g.fill(new Rectangle2D.Double(ox + c * CELL_PX, y0 + r * CELL_PX, CELL_PX, CELL_PX));
                    }
                }
            }
            for (int s = 0; s < row.length; s++) {
                int z = favourite(s);
                double px = ox + col[s] * CELL_PX;
                double py = y0 + row[s] * CELL_PX;
                Color fill;
                if (panel == 0) {
                    fill = mix(FigureRenderer.PALETTE[z % FigureRenderer.PALETTE.length], 0.25 + 0.75 * master[s][z]);
                } else {
                    double t = vhi > vlo ? (value[s] - vlo) / (vhi - vlo) : 0.0;
                    fill = mix(new Color(0x08, 0x30, 0x6B), t);
                }
                g.setColor(fill);
                g.fill(new Rectangle2D.Double(px, py, CELL_PX, CELL_PX));
                g.setColor(new Color(0xBB, 0xBB, 0xBB));
                g.setStroke(new BasicStroke(0.5f));
                g.draw(new Rectangle2D.Double(px, py, CELL_PX, CELL_PX));
                if (panel == 0) {
                    arrow(g, s, z, px + CELL_PX / 2.0, py + CELL_PX / 2.0);
                } else {
                    for (int k = 0; k < termination[s].length; k++) {
                        if (termination[s][k] > 0.5) {
                            g.setColor(FigureRenderer.PALETTE[k % FigureRenderer.PALETTE.length]);
                            g.setStroke(new BasicStroke(2.5f));
                            double inset = 4 + 3 * k;
                            g.draw(new java.awt.geom.Ellipse2D.Double(px + inset, py + inset, CELL_PX - 2 * inset,
                                    CELL_PX - 2 * inset));
                        }
                    }
                }
            }
        }
        int ly = y0 + rows * CELL_PX + 18;
        int lx = MARGIN;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int z = 0; z < optionNames.size(); z++) {
            g.setColor(FigureRenderer.PALETTE[z % FigureRenderer.PALETTE.length]);
            g.fill(new Rectangle2D.Double(lx, ly - 11, 14, 14));
            g.setColor(Color.BLACK);
            String label = "option " + optionNames.get(z);
            g.drawString(label, lx + 18, ly);
            lx += 18 + g.getFontMetrics().stringWidth(label) + 16;
        }
    }

    private void arrow(Graphics2D g, int s, int z, double cx, double cy) {
        double dx = 0.0;
        double dy = 0.0;
        for (int a = 0; a < direction.length; a++) {
            if (direction[a] != null) {
                dx += low[s][z][a] * direction[a][0];
                dy += low[s][z][a] * direction[a][1];
            }
        }
        double len = Math.hypot(dx, dy);
        if (len < 1e-3) {
            return;
        }
        double scale = 0.42 * CELL_PX * Math.min(1.0, len) / len;
        double ex = cx + dx * scale;
        double ey = cy + dy * scale;
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(cx - dx * scale * 0.6, cy - dy * scale * 0.6, ex, ey));
        double ux = dx / len;
        double uy = dy / len;
        Path2D.Double head = new Path2D.Double();
        head.moveTo(ex, ey);
        head.lineTo(ex - 6 * ux + 4 * uy, ey - 6 * uy - 4 * ux);
        head.lineTo(ex - 6 * ux - 4 * uy, ey - 6 * uy + 4 * ux);
        head.closePath();
        g.fill(head);
    }
}
