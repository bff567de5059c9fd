namespace RegionCodec.Segmentation;

/// <summary>
/// The built-in default segmenter (managed, no OpenCV): local gradient energy per cell, split by Otsu's
/// threshold on its logarithm into "smooth" (label 0) and "detail" (label 1: textures and edges, where
/// coding artefacts show), then cleaned (mode filter, minimum region area). Deterministic.
/// </summary>
public sealed class ActivitySegmenter : IRsgSegmenter
{
    /// <summary>Region names: label 0 and label 1.</summary>
    public static IReadOnlyList<string> RegionNameTable { get; } = ["smooth", "detail"];

    /// <summary>Side in pixels of the window over which activity is averaged (at least one cell). Default 8.</summary>
    public int Window { get; init; } = 8;

    /// <summary>Mode-filter radius in pixels (converted to cells, at least one). Default 8.</summary>
    public int SmoothingRadius { get; init; } = 8;

    public string Name => "activity";

    public RsgSegmentation Segment(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format, RsgSegmenterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        byte[] luma = RsgLuma.Extract(pixels, width, height, stride, format);
        int cell = options.CellSize;
        int cw = RsgLabelMap.CellsAlong(width, cell), ch = RsgLabelMap.CellsAlong(height, cell);
        double[] activity = CellActivity(luma, width, height, cell, Math.Max(Window, cell), options.CancellationToken);

        // Otsu on log activity, binned over its range.
        double lo = double.MaxValue, hi = double.MinValue;
        foreach (double a in activity)
        {
            lo = Math.Min(lo, a);
            hi = Math.Max(hi, a);
        }

        var labels = new byte[activity.Length];
        if (hi - lo > 0.25)
        {
            Span<long> histogram = stackalloc long[256];
            histogram.Clear();
            var bins = new byte[activity.Length];
            for (int i = 0; i < activity.Length; i++)
            {
                bins[i] = (byte)Math.Clamp((int)((activity[i] - lo) / (hi - lo) * 255.0), 0, 255);
                histogram[bins[i]]++;
            }

            int t = RsgLuma.OtsuThreshold(histogram);
            for (int i = 0; i < labels.Length; i++)
            {
                labels[i] = (byte)(bins[i] > t ? 1 : 0);
            }
        }
        else
        {
            // No contrast in activity: one region, smooth or detailed by its level (gradient mean 2 = 1.58 in log2).
            labels.AsSpan().Fill((byte)(lo > 1.58 ? 1 : 0));
        }

        options.CancellationToken.ThrowIfCancellationRequested();
        int radius = Math.Max(1, SmoothingRadius / cell);
        int[] map = RsgLabelCleaner.Clean(labels, cw, ch, radius, options.MinRegionCells(width, height), options.MaxRegions);
        var names = new List<string>();
        for (int l = 0; l < 2; l++)
        {
            if (map[l] >= 0)
            {
                names.Add(RegionNameTable[l]);
            }
        }

        // Its own (seed) rule: detail at Q + 0.6 (100 - Q), smooth at 0.4 Q.
        return new RsgSegmentation(new RsgLabelMap(cw, ch, cell, labels), names, RsgQualities.FromTarget(names.Count, options.TargetQuality),
            q => RsgQualities.FromTarget(names.Count, q));
    }

    /// <summary>log2(1 + mean gradient energy) over a window centred on every cell.</summary>
    internal static double[] CellActivity(byte[] luma, int width, int height, int cell, int window, CancellationToken cancellationToken = default)
    {
        // Integral image of |dx| + |dy| (central differences, clamped at the borders).
        int iw = width + 1;
        var integral = new long[(long)iw * (height + 1)];
        for (int y = 0; y < height; y++)
        {
            if ((y & 63) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int up = Math.Max(0, y - 1) * width, down = Math.Min(height - 1, y + 1) * width, row = y * width;
            long rowSum = 0;
            for (int x = 0; x < width; x++)
            {
                int left = Math.Max(0, x - 1), right = Math.Min(width - 1, x + 1);
                int g = Math.Abs(luma[row + right] - luma[row + left]) + Math.Abs(luma[down + x] - luma[up + x]);
                rowSum += g;
                integral[((y + 1) * iw) + x + 1] = integral[(y * iw) + x + 1] + rowSum;
            }
        }

        int cw = RsgLabelMap.CellsAlong(width, cell), ch = RsgLabelMap.CellsAlong(height, cell);
        var activity = new double[(long)cw * ch];
        int before = (window - cell) / 2;
        for (int cy = 0; cy < ch; cy++)
        {
            int y0 = Math.Clamp((cy * cell) - before, 0, height - 1);
            int y1 = Math.Clamp((cy * cell) - before + window, y0 + 1, height);
            for (int cx = 0; cx < cw; cx++)
            {
                int x0 = Math.Clamp((cx * cell) - before, 0, width - 1);
                int x1 = Math.Clamp((cx * cell) - before + window, x0 + 1, width);
                long sum = integral[(y1 * iw) + x1] - integral[(y0 * iw) + x1] - integral[(y1 * iw) + x0] + integral[(y0 * iw) + x0];
                double mean = (double)sum / ((y1 - y0) * (x1 - x0));
                activity[(cy * cw) + cx] = Math.Log2(1 + mean);
            }
        }

        return activity;
    }
}
