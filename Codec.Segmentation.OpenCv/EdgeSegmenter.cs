using OpenCvSharp;

namespace RegionCodec.Segmentation.OpenCv;

/// <summary>
/// Canny edges, dilated and averaged into an edge-density map, split by Otsu's threshold: label 1
/// "edges" where edges are dense (where ringing shows), label 0 "flat".
/// </summary>
public sealed class EdgeSegmenter : OpenCvSegmenter
{
    /// <summary>Canny hysteresis thresholds; 0 (default) = automatic from the median luma (0.66 and 1.33 times it).</summary>
    public double LowThreshold { get; init; }

    public double HighThreshold { get; init; }

    /// <summary>Side of the window over which edge density is measured, pixels. Default 16.</summary>
    public int DensityWindow { get; init; } = 16;

    public override string Name => "edges";

    public override PixelSegmentation SegmentPixels(Mat bgr, RsgSegmenterOptions options)
    {
        using Mat gray = Gray(bgr);
        using var blurred = new Mat();
        Cv2.GaussianBlur(gray, blurred, new Size(5, 5), 1.2);
        double low = LowThreshold, high = HighThreshold;
        if (low <= 0 || high <= 0)
        {
            double median = Median(blurred);
            low = Math.Max(10, 0.66 * median);
            high = Math.Max(30, Math.Min(255, 1.33 * median));
        }

        using var edges = new Mat();
        Cv2.Canny(blurred, edges, low, high);
        using (Mat kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(3, 3)))
        {
            Cv2.Dilate(edges, edges, kernel, iterations: 2);
        }

        using var density = new Mat();
        Cv2.Blur(edges, density, new Size(DensityWindow, DensityWindow));
        using var mask = new Mat();
        Cv2.Threshold(density, mask, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        OpenCvRuntime.OpenClose(mask, OpenCvRuntime.KernelFor(bgr.Cols, bgr.Rows));
        return PixelSegmentation.FromMask(mask, "flat", "edges");
    }

    private static double Median(Mat gray)
    {
        byte[] bytes = OpenCvRuntime.ToBytes(gray);
        var histogram = new long[256];
        foreach (byte b in bytes)
        {
            histogram[b]++;
        }

        long half = bytes.LongLength / 2, seen = 0;
        for (int i = 0; i < 256; i++)
        {
            seen += histogram[i];
            if (seen > half)
            {
                return i;
            }
        }

        return 255;
    }
}
