using OpenCvSharp;

namespace RegionCodec.Segmentation.OpenCv;

/// <summary>A per-pixel segmentation before cleaning: labels in priority order (0 = background) and their names.</summary>
public sealed class PixelSegmentation
{
    public PixelSegmentation(byte[] labels, int width, int height, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(names);
        if (labels.Length != (long)width * height)
        {
            throw new ArgumentException("Need width x height labels.", nameof(labels));
        }

        if (names.Count is < 1 or > 256)
        {
            throw new ArgumentException("Need 1..256 names.", nameof(names));
        }

        Labels = labels;
        Width = width;
        Height = height;
        Names = names;
    }

    public byte[] Labels { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Name of every label, index = label; label 0 is the least important.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>A two-label segmentation from a 0/non-zero mask Mat: 0 = names[0], non-zero = names[1].</summary>
    public static PixelSegmentation FromMask(Mat mask, string background, string foreground)
    {
        byte[] bytes = OpenCvRuntime.ToBytes(mask);
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(bytes[i] != 0 ? 1 : 0);
        }

        return new PixelSegmentation(bytes, mask.Cols, mask.Rows, [background, foreground]);
    }
}

/// <summary>
/// Base of the OpenCV segmenters: pixels to a BGR Mat, the method's per-pixel labels, then the common
/// cleaning (per-pixel labels to cells, mode filter, minimum region area, at most
/// <see cref="RsgSegmenterOptions.MaxRegions"/> labels) and qualities derived from the target quality.
/// Deterministic: methods that draw random numbers reseed OpenCV's RNG (per thread) with <see cref="Seed"/>.
/// Not thread-safe per instance when a method holds an OpenCV object (faces); use one instance per thread.
/// </summary>
public abstract class OpenCvSegmenter : IRsgSegmenter
{
    public abstract string Name { get; }

    /// <summary>Seed for OpenCV's random number generator (k-means, GrabCut's GMM initialisation). Default 12345.</summary>
    public ulong Seed { get; init; } = 12345;

    /// <summary>Mode-filter radius in pixels applied to the cell map (converted to cells, at least one). Default 8.</summary>
    public int SmoothingRadius { get; init; } = 8;

    public RsgSegmentation Segment(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format, RsgSegmenterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        options.CancellationToken.ThrowIfCancellationRequested();
        using Mat bgr = OpenCvRuntime.ToBgrMat(pixels, width, height, stride, format);
        options.CancellationToken.ThrowIfCancellationRequested();
        PixelSegmentation raw = SegmentPixels(bgr, options);
        options.CancellationToken.ThrowIfCancellationRequested(); // OpenCV calls cannot be interrupted: check between them
        return Finish(raw, options, SmoothingRadius);
    }

    /// <summary>The method itself: per-pixel labels of an 8-bit BGR image (it is not modified).</summary>
    public abstract PixelSegmentation SegmentPixels(Mat bgr, RsgSegmenterOptions options);

    /// <summary>The common cleaning and quality assignment.</summary>
    public static RsgSegmentation Finish(PixelSegmentation raw, RsgSegmenterOptions options, int smoothingRadius = 8)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(options);
        int cell = options.CellSize;
        byte[] cells = RsgLabelCleaner.ToCells(raw.Labels, raw.Width, raw.Height, cell);
        options.CancellationToken.ThrowIfCancellationRequested();
        int cw = (raw.Width + cell - 1) / cell, ch = (raw.Height + cell - 1) / cell;
        int radius = smoothingRadius <= 0 ? 0 : Math.Max(1, smoothingRadius / cell);
        int[] map = RsgLabelCleaner.Clean(cells, cw, ch, radius, options.MinRegionCells(raw.Width, raw.Height), options.MaxRegions);
        var names = new List<string>();
        for (int l = 0; l < map.Length; l++)
        {
            if (map[l] >= 0)
            {
                names.Add(l < raw.Names.Count ? raw.Names[l] : $"label{l}");
            }
        }

        return new RsgSegmentation(new RsgLabelMap(cw, ch, cell, cells), names, RsgQualities.FromTarget(names.Count, options.TargetQuality));
    }

    /// <summary>Luma (CV_8UC1) of a BGR image; the caller disposes it.</summary>
    protected static Mat Gray(Mat bgr)
    {
        var gray = new Mat();
        Cv2.CvtColor(bgr, gray, ColorConversionCodes.BGR2GRAY);
        return gray;
    }
}
