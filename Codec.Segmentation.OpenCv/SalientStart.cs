using OpenCvSharp;

namespace RegionCodec.Segmentation.OpenCv;

/// <summary>
/// GrabCut's automatic start from the saliency mask itself rather than its bounding box: the salient blobs,
/// grown and joined by their convex hull, are probable foreground; a band along the image border is sure
/// background except where a salient blob reaches the edge (a subject cut by the frame); everything else is
/// probable background. After the cut, only foreground pieces that touch a salient blob are kept, so a
/// background object that merely resembles the subject in colour (kodim23's pink flower) is dropped.
/// </summary>
public static class SalientStart
{
    /// <summary>Salient blobs smaller than this fraction of the image are noise, not a subject.</summary>
    public const double MinBlobFraction = 0.01;

    /// <summary>
    /// The initial GrabCut mask (CV_8UC1 of <see cref="GrabCutClasses"/>) for an image, or null when its saliency
    /// shows no subject (no blob large enough). <paramref name="salient"/> receives the kept blobs (0/255); the caller disposes both.
    /// </summary>
    public static Mat? Build(Mat bgr, out Mat salient)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        int side = Math.Min(bgr.Cols, bgr.Rows);
        if (side < 16)
        {
            salient = new Mat(bgr.Size(), MatType.CV_8UC1, Scalar.All(0));
            return null; // too small to hold a subject and a border band around it
        }

        salient = KeptBlobs(bgr);
        if (Cv2.CountNonZero(salient) == 0)
        {
            return null;
        }

        var gc = new Mat(bgr.Size(), MatType.CV_8UC1, Scalar.All((int)GrabCutClasses.PR_BGD));

        // Border band: sure background, except where the (grown) subject touches the edge.
        int band = Math.Max(2, side / 25);
        using var border = new Mat(bgr.Size(), MatType.CV_8UC1, Scalar.All(255));
        Cv2.Rectangle(border, new Rect(band, band, bgr.Cols - (2 * band), bgr.Rows - (2 * band)), Scalar.All(0), -1);
        using var grown = new Mat();
        int grow = Math.Max(3, (side / 12) | 1);
        using (Mat kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(grow, grow)))
        {
            Cv2.Dilate(salient, grown, kernel);
        }

        using var subjectEdge = new Mat();
        Cv2.Dilate(grown, subjectEdge, null, iterations: band);
        Cv2.BitwiseAnd(border, ~subjectEdge, border);
        gc.SetTo(Scalar.All((int)GrabCutClasses.BGD), border);

        // Probable foreground: the grown blobs and the hull joining them (the body between a subject's salient details).
        Cv2.FindContours(salient, out Point[][] blobs, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        using var hull = new Mat(bgr.Size(), MatType.CV_8UC1, Scalar.All(0));
        Cv2.FillConvexPoly(hull, Cv2.ConvexHull(blobs.SelectMany(b => b)), Scalar.All(255));
        Cv2.BitwiseOr(hull, grown, hull);
        gc.SetTo(Scalar.All((int)GrabCutClasses.PR_FGD), hull);
        if (Cv2.CountNonZero(hull) == hull.Rows * hull.Cols)
        {
            gc.Dispose();
            return null; // salient everywhere: no subject to cut out (and GrabCut needs background samples)
        }

        return gc;
    }

    /// <summary>Keeps the foreground pieces (0/255 mask, in place) that overlap a salient blob.</summary>
    public static void KeepTouching(Mat foreground, Mat salient)
    {
        ArgumentNullException.ThrowIfNull(foreground);
        ArgumentNullException.ThrowIfNull(salient);
        using var labels = new Mat();
        int count = Cv2.ConnectedComponents(foreground, labels, PixelConnectivity.Connectivity8, MatType.CV_32S);
        int rows = labels.Rows, cols = labels.Cols;
        var ids = new int[rows * cols];
        for (int y = 0; y < rows; y++)
        {
            System.Runtime.InteropServices.Marshal.Copy(labels.Ptr(y), ids, y * cols, cols);
        }

        byte[] seeds = OpenCvRuntime.ToBytes(salient);
        var touching = new bool[count];
        for (int i = 0; i < ids.Length; i++)
        {
            touching[ids[i]] |= seeds[i] != 0;
        }

        byte[] kept = OpenCvRuntime.ToBytes(foreground);
        for (int i = 0; i < ids.Length; i++)
        {
            if (ids[i] != 0 && !touching[ids[i]])
            {
                kept[i] = 0;
            }
        }

        using Mat result = OpenCvRuntime.FromBytes(kept, cols, rows);
        result.CopyTo(foreground);
    }

    /// <summary>The saliency mask without blobs below <see cref="MinBlobFraction"/> of the image.</summary>
    private static Mat KeptBlobs(Mat bgr)
    {
        Mat mask = SaliencySegmenter.SalientMask(bgr);
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        int count = Cv2.ConnectedComponentsWithStats(mask, labels, stats, centroids, PixelConnectivity.Connectivity8, MatType.CV_32S);
        double min = MinBlobFraction * bgr.Cols * bgr.Rows;
        for (int l = 1; l < count; l++)
        {
            if (stats.At<int>(l, (int)ConnectedComponentsTypes.Area) < min)
            {
                using var small = new Mat();
                Cv2.Compare(labels, Scalar.All(l), small, CmpTypes.EQ);
                mask.SetTo(Scalar.All(0), small);
            }
        }

        return mask;
    }
}
