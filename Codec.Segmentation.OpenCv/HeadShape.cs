using OpenCvSharp;

namespace RegionCodec.Segmentation.OpenCv;

/// <summary>
/// Turns a Haar face box into a head-shaped mask: GrabCut on a crop around the box, started from nested
/// ellipses (sure face in the middle, probable head including forehead, hair and chin around it, probable
/// background in a ring, sure background beyond), keeping the convex hull of the part connected to the face.
/// So the region follows the head instead of a padded rectangle that takes in shoulders and background.
/// </summary>
public static class HeadShape
{
    // Geometry in units of the Haar box (x, y, w, h) of OpenCV's frontal cascade, whose box runs from about
    // the eyebrows to just below the mouth: hair rises up to ~0.6 h above it, the chin ends ~0.25 h below it.
    private const double HeadCentreY = 0.45, HeadHalfWidth = 0.62, HeadHalfHeight = 0.9;
    private const double LimitHalfWidth = 0.8, LimitHalfHeight = 1.1;
    private const double CoreCentreY = 0.55, CoreHalfWidth = 0.3, CoreHalfHeight = 0.4;

    /// <summary>Below this (in box heights from its top) is neck and shoulders: sure background.</summary>
    private const double ChinLimit = 1.3;

    /// <summary>Working face width in pixels: GrabCut runs on the crop scaled so the face is this wide.</summary>
    private const int WorkFaceWidth = 96;

    /// <summary>Paints the head around <paramref name="face"/> as 255 into <paramref name="mask"/> (CV_8UC1, image size).</summary>
    public static void Paint(Mat bgr, Rect face, Mat mask, int iterations = 4)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        ArgumentNullException.ThrowIfNull(mask);
        double w = face.Width, h = face.Height, cx = face.X + (w / 2);
        var image = new Rect(0, 0, bgr.Cols, bgr.Rows);
        Rect crop = new Rect(
            (int)Math.Floor(cx - ((LimitHalfWidth + 0.15) * w)),
            (int)Math.Floor(face.Y + ((HeadCentreY - LimitHalfHeight - 0.15) * h)),
            (int)Math.Ceiling(2 * (LimitHalfWidth + 0.15) * w),
            (int)Math.Ceiling(2 * (LimitHalfHeight + 0.15) * h)) & image;
        if (crop.Width < 8 || crop.Height < 8)
        {
            return;
        }

        double scale = Math.Min(1.0, WorkFaceWidth / w);
        var workSize = new Size(Math.Max(8, (int)Math.Round(crop.Width * scale)), Math.Max(8, (int)Math.Round(crop.Height * scale)));
        using var roi = new Mat(bgr, crop);
        using var small = new Mat();
        Cv2.Resize(roi, small, workSize, interpolation: InterpolationFlags.Area);

        // Ellipse centres and axes in working pixels, relative to the crop.
        double sx = (double)workSize.Width / crop.Width, sy = (double)workSize.Height / crop.Height;
        Point At(double x, double y) => new((int)Math.Round((x - crop.X) * sx), (int)Math.Round((y - crop.Y) * sy));
        Size Axes(double a, double b) => new(Math.Max(1, (int)Math.Round(a * w * sx)), Math.Max(1, (int)Math.Round(b * h * sy)));
        Point headCentre = At(cx, face.Y + (HeadCentreY * h));
        Point coreCentre = At(cx, face.Y + (CoreCentreY * h));

        using var gc = new Mat(workSize, MatType.CV_8UC1, Scalar.All((int)GrabCutClasses.BGD));
        Cv2.Ellipse(gc, headCentre, Axes(LimitHalfWidth, LimitHalfHeight), 0, 0, 360, Scalar.All((int)GrabCutClasses.PR_BGD), -1);
        Cv2.Ellipse(gc, headCentre, Axes(HeadHalfWidth, HeadHalfHeight), 0, 0, 360, Scalar.All((int)GrabCutClasses.PR_FGD), -1);
        Cv2.Ellipse(gc, coreCentre, Axes(CoreHalfWidth, CoreHalfHeight), 0, 0, 360, Scalar.All((int)GrabCutClasses.FGD), -1);
        using var limit = new Mat(workSize, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Ellipse(limit, headCentre, Axes(LimitHalfWidth, LimitHalfHeight), 0, 0, 360, Scalar.All(255), -1);
        int chinRow = At(cx, face.Y + (ChinLimit * h)).Y;
        if (chinRow < workSize.Height)
        {
            var below = new Rect(0, chinRow, workSize.Width, workSize.Height - chinRow);
            gc[below].SetTo(Scalar.All((int)GrabCutClasses.BGD));
            limit[below].SetTo(Scalar.All(0));
        }

        using var bgdModel = new Mat();
        using var fgdModel = new Mat();
        Cv2.GrabCut(small, gc, default, bgdModel, fgdModel, iterations, GrabCutModes.InitWithMask);

        // FGD (1) and PR_FGD (3) have bit 0 set; stay inside the head limit.
        using var fg = new Mat();
        Cv2.BitwiseAnd(gc, Scalar.All(1), fg);
        fg.ConvertTo(fg, MatType.CV_8UC1, 255);
        Cv2.BitwiseAnd(fg, limit, fg);

        // The piece holding the face, as its convex hull: a head has no holes, and eyes or a dark mouth
        // that GrabCut gave to the background must stay face.
        Cv2.FindContours(fg, out Point[][] contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        Point[]? piece = contours
            .Where(c => Cv2.PointPolygonTest(c, coreCentre, false) >= 0)
            .OrderByDescending(c => Cv2.ContourArea(c))
            .FirstOrDefault();
        using var head = new Mat(workSize, MatType.CV_8UC1, Scalar.All(0));
        if (piece is null)
        {
            Cv2.Ellipse(head, headCentre, Axes(HeadHalfWidth, HeadHalfHeight), 0, 0, 360, Scalar.All(255), -1);
        }
        else
        {
            Cv2.FillConvexPoly(head, Cv2.ConvexHull(piece), Scalar.All(255));
        }

        using var full = new Mat();
        Cv2.Resize(head, full, crop.Size, interpolation: InterpolationFlags.Linear);
        Cv2.Threshold(full, full, 127, 255, ThresholdTypes.Binary);
        using var target = new Mat(mask, crop);
        Cv2.BitwiseOr(target, full, target);
    }
}
