namespace RegionCodec.ConformanceGenerator;

/// <summary>Label maps for the conformance files.</summary>
internal static class Masks
{
    /// <summary>Label 1 inside the centred ellipse, 0 outside, at the given cell size.</summary>
    public static RsgLabelMap Ellipse(int width, int height, int cell)
    {
        int w = (width + cell - 1) / cell, h = (height + cell - 1) / cell;
        byte[] labels = new byte[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                double dx = ((x + 0.5) * cell / width) - 0.5, dy = ((y + 0.5) * cell / height) - 0.5;
                labels[(y * w) + x] = (byte)((dx * dx) + (dy * dy) < 0.12 ? 1 : 0);
            }
        }

        return new RsgLabelMap(w, h, cell, labels);
    }

    /// <summary>Diagonal bands cycling through <paramref name="regions"/> labels.</summary>
    public static RsgLabelMap Bands(int width, int height, int cell, int regions)
    {
        int w = (width + cell - 1) / cell, h = (height + cell - 1) / cell;
        byte[] labels = new byte[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                labels[(y * w) + x] = (byte)(((x + y) / 5) % regions);
            }
        }

        return new RsgLabelMap(w, h, cell, labels);
    }

    /// <summary>A per-pixel map using every label 0..254: irregular patches on a 16x16 grid.</summary>
    public static RsgLabelMap AllLabels(int width, int height)
    {
        byte[] labels = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int cell = ((y / 16) * 16) + (x / 16);
                int wobble = ((x * 7) + (y * 3)) % 11 == 0 ? 1 : 0;
                labels[(y * width) + x] = (byte)((cell + wobble) % 255);
            }
        }

        return new RsgLabelMap(width, height, 1, labels);
    }
}
