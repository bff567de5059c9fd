using OpenCvSharp;
using OpenCvSharp.Saliency;

namespace RegionCodec.Segmentation.OpenCv;

/// <summary>Where GrabCut starts when no rectangle is given.</summary>
public enum GrabCutStart
{
    /// <summary>
    /// The saliency mask itself (<see cref="SalientStart"/>): salient blobs as probable foreground, a border band as sure
    /// background, and only foreground pieces touching a blob kept; falls back to <see cref="Centered"/> when nothing is salient.
    /// </summary>
    SaliencyMask,
    /// <summary>The bounding box of the spectral-residual saliency map's salient pixels (falls back to <see cref="Centered"/> when that box is implausible).</summary>
    Saliency,
    /// <summary>A centred rectangle leaving 1/8 of the width and height on each side.</summary>
    Centered,
}

/// <summary>
/// Foreground/background by GrabCut (iterated graph cuts on colour GMMs), started from a rectangle in image
/// pixels or automatically. Runs on a copy at most <see cref="WorkSide"/> pixels on its longer side and
/// scales the mask back. Label 1 "foreground", label 0 "background".
/// </summary>
public sealed class GrabCutSegmenter : OpenCvSegmenter
{
    /// <summary>Start from this rectangle (image pixels): everything outside it is background.</summary>
    public Rect? Rectangle { get; init; }

    public GrabCutStart AutoStart { get; init; } = GrabCutStart.SaliencyMask;

    /// <summary>
    /// When the saliency start finds nothing salient: true (default) cuts from the centred rectangle, false returns
    /// no foreground at all (the automatic mode then leaves the image to the perceptual classes).
    /// </summary>
    public bool FallBackToCentered { get; init; } = true;

    public int Iterations { get; init; } = 5;

    /// <summary>Longer side of the working copy. Default 320.</summary>
    public int WorkSide { get; init; } = 320;

    public override string Name => "grabcut";

    public override PixelSegmentation SegmentPixels(Mat bgr, RsgSegmenterOptions options)
    {
        double scale = Math.Min(1.0, (double)WorkSide / Math.Max(bgr.Cols, bgr.Rows));
        using var small = new Mat();
        Cv2.Resize(bgr, small, new Size(Math.Max(1, (int)Math.Round(bgr.Cols * scale)), Math.Max(1, (int)Math.Round(bgr.Rows * scale))), interpolation: InterpolationFlags.Area);
        using var mask = new Mat(small.Size(), MatType.CV_8UC1, Scalar.All(0));
        using var bgdModel = new Mat();
        using var fgdModel = new Mat();
        Cv2.SetTheRNG(Seed == 0 ? 1 : Seed);
        CancellationToken cancellationToken = options.CancellationToken;
        cancellationToken.ThrowIfCancellationRequested();
        Mat? salient = null;
        try
        {
            Mat? start = Rectangle is null && AutoStart == GrabCutStart.SaliencyMask ? SalientStart.Build(small, out salient) : null;
            if (start is not null)
            {
                using (start)
                {
                    start.CopyTo(mask);
                }

                cancellationToken.ThrowIfCancellationRequested();
                Cv2.GrabCut(small, mask, default, bgdModel, fgdModel, Iterations, GrabCutModes.InitWithMask);
            }
            else if (Rectangle is null && AutoStart == GrabCutStart.SaliencyMask && !FallBackToCentered)
            {
                return new PixelSegmentation(new byte[(long)bgr.Rows * bgr.Cols], bgr.Cols, bgr.Rows, ["background", "foreground"]);
            }
            else
            {
                Rect rect = Rectangle is Rect r
                    ? new Rect((int)(r.X * scale), (int)(r.Y * scale), Math.Max(2, (int)(r.Width * scale)), Math.Max(2, (int)(r.Height * scale)))
                    : AutoRectangle(small, AutoStart);
                cancellationToken.ThrowIfCancellationRequested();
                Cv2.GrabCut(small, mask, Clip(rect, small.Cols, small.Rows), bgdModel, fgdModel, Iterations, GrabCutModes.InitWithRect);
                salient?.Dispose();
                salient = null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            return ForegroundOf(mask, salient, bgr);
        }
        finally
        {
            salient?.Dispose();
        }
    }

    /// <summary>GrabCut's foreground at image size, opened and closed; with a salient start, only pieces touching a salient blob.</summary>
    private static PixelSegmentation ForegroundOf(Mat mask, Mat? salient, Mat bgr)
    {
        // FGD (1) and PR_FGD (3) are foreground: both have bit 0 set.
        using var fgSmall = new Mat();
        Cv2.BitwiseAnd(mask, Scalar.All(1), fgSmall);
        fgSmall.ConvertTo(fgSmall, MatType.CV_8UC1, 255);
        if (salient is not null)
        {
            SalientStart.KeepTouching(fgSmall, salient);
        }

        using var fg = new Mat();
        Cv2.Resize(fgSmall, fg, bgr.Size(), interpolation: InterpolationFlags.Linear);
        Cv2.Threshold(fg, fg, 127, 255, ThresholdTypes.Binary);
        OpenCvRuntime.OpenClose(fg, OpenCvRuntime.KernelFor(bgr.Cols, bgr.Rows));
        return PixelSegmentation.FromMask(fg, "background", "foreground");
    }

    /// <summary>The automatic start rectangle for an image (in its own pixels).</summary>
    public static Rect AutoRectangle(Mat bgr, GrabCutStart start)
    {
        var centered = new Rect(bgr.Cols / 8, bgr.Rows / 8, bgr.Cols - (bgr.Cols / 4), bgr.Rows - (bgr.Rows / 4));
        if (start != GrabCutStart.Saliency)
        {
            return centered;
        }

        using Mat salient = SaliencySegmenter.SalientMask(bgr);
        Rect box = Cv2.BoundingRect(salient);
        double area = (double)box.Width * box.Height / ((double)bgr.Cols * bgr.Rows);
        if (area is < 0.05 or > 0.9)
        {
            return centered;
        }

        int mx = Math.Max(2, box.Width / 10), my = Math.Max(2, box.Height / 10);
        return Clip(new Rect(box.X - mx, box.Y - my, box.Width + (2 * mx), box.Height + (2 * my)), bgr.Cols, bgr.Rows);
    }

    private static Rect Clip(Rect r, int width, int height)
    {
        // GrabCut needs some background outside the rectangle: keep a 1-pixel border at least.
        int x0 = Math.Clamp(r.X, 1, width - 2), y0 = Math.Clamp(r.Y, 1, height - 2);
        int x1 = Math.Clamp(r.X + r.Width, x0 + 1, width - 1), y1 = Math.Clamp(r.Y + r.Height, y0 + 1, height - 1);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }
}
