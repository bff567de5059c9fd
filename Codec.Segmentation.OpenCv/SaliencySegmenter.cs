using OpenCvSharp;
using OpenCvSharp.Saliency;

namespace RegionCodec.Segmentation.OpenCv;

/// <summary>
/// Static saliency (spectral residual, opencv_contrib) thresholded into foreground: the map is smoothed,
/// split by Otsu's threshold and closed into blobs. Label 1 "salient", label 0 "background".
/// </summary>
public sealed class SaliencySegmenter : OpenCvSegmenter
{
    public override string Name => "saliency";

    public override PixelSegmentation SegmentPixels(Mat bgr, RsgSegmenterOptions options)
    {
        using Mat mask = SalientMask(bgr);
        return PixelSegmentation.FromMask(mask, "background", "salient");
    }

    /// <summary>The 0/255 salient mask of an image (same size); the caller disposes it.</summary>
    public static Mat SalientMask(Mat bgr)
    {
        using StaticSaliencySpectralResidual saliency = StaticSaliencySpectralResidual.Create();
        using var map = new Mat();
        if (!saliency.ComputeSaliency(bgr, map))
        {
            throw new InvalidOperationException("OpenCV's spectral-residual saliency failed.");
        }

        int side = Math.Min(bgr.Cols, bgr.Rows);
        int blur = Math.Max(3, (side / 20) | 1);
        using var smooth = new Mat();
        Cv2.GaussianBlur(map, smooth, new Size(blur, blur), 0);
        using var map8 = new Mat();
        Cv2.Normalize(smooth, map8, 0, 255, NormTypes.MinMax, (int)MatType.CV_8UC1);
        var mask = new Mat();
        Cv2.Threshold(map8, mask, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        int k = Math.Max(3, (side / 25) | 1);
        using Mat kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(k, k));
        Cv2.MorphologyEx(mask, mask, MorphTypes.Close, kernel);
        Cv2.MorphologyEx(mask, mask, MorphTypes.Open, kernel);
        return mask;
    }
}
