using OpenCvSharp;

namespace RegionCodec.Segmentation.OpenCv;

/// <summary>How <see cref="ThresholdSegmenter"/> splits luma.</summary>
public enum ThresholdMethod
{
    /// <summary>One global threshold chosen by Otsu's method.</summary>
    Otsu,
    /// <summary>A per-pixel threshold: the Gaussian-weighted mean of a neighbourhood minus a constant.</summary>
    Adaptive,
}

/// <summary>
/// Luma thresholding (Otsu or adaptive). Label 1 "bright" is above the threshold, label 0 "dark" below;
/// <see cref="Invert"/> makes the dark side label 1 (the important one).
/// </summary>
public sealed class ThresholdSegmenter : OpenCvSegmenter
{
    public ThresholdSegmenter(ThresholdMethod method = ThresholdMethod.Otsu) => Method = method;

    public ThresholdMethod Method { get; }

    /// <summary>Adaptive neighbourhood side (odd, pixels); 0 = automatic (about 1/8 of the shorter side).</summary>
    public int BlockSize { get; init; }

    /// <summary>Adaptive: subtracted from the local mean. Default 5.</summary>
    public double Offset { get; init; } = 5;

    /// <summary>Make the dark side the foreground (label 1).</summary>
    public bool Invert { get; init; }

    public override string Name => Method == ThresholdMethod.Otsu ? "otsu" : "adaptive";

    public override PixelSegmentation SegmentPixels(Mat bgr, RsgSegmenterOptions options)
    {
        using Mat gray = Gray(bgr);
        using var mask = new Mat();
        ThresholdTypes type = Invert ? ThresholdTypes.BinaryInv : ThresholdTypes.Binary;
        if (Method == ThresholdMethod.Otsu)
        {
            Cv2.Threshold(gray, mask, 0, 255, type | ThresholdTypes.Otsu);
        }
        else
        {
            int block = BlockSize > 0 ? BlockSize | 1 : Math.Max(3, (Math.Min(bgr.Cols, bgr.Rows) / 8) | 1);
            Cv2.AdaptiveThreshold(gray, mask, 255, AdaptiveThresholdTypes.GaussianC, type, block, Offset);
        }

        OpenCvRuntime.OpenClose(mask, OpenCvRuntime.KernelFor(bgr.Cols, bgr.Rows));
        return PixelSegmentation.FromMask(mask, Invert ? "bright" : "dark", Invert ? "dark" : "bright");
    }
}
