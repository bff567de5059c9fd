using OpenCvSharp;

namespace RegionCodec.Segmentation.OpenCv;

/// <summary>How a detected face box becomes the face region.</summary>
public enum FaceShape
{
    /// <summary>The head around the box (forehead, hair, chin), cut by GrabCut (<see cref="HeadShape"/>).</summary>
    Head,
    /// <summary>The box grown by <see cref="FaceSegmenter.Margin"/> on every side (the earlier behaviour).</summary>
    Box,
}

/// <summary>
/// Haar-cascade face detection (OpenCV's cascades, as shipped by Debian's <c>opencv-data</c>); each face's
/// head (<see cref="FaceShape.Head"/>, default) or padded box is label 1 "face", the rest label 0 "background".
/// The classifier is loaded on first use and guarded by a lock (OpenCV's classifier is not thread-safe).
/// </summary>
public sealed class FaceSegmenter : OpenCvSegmenter, IDisposable
{
    /// <summary>Where Debian's <c>opencv-data</c> installs the frontal face cascade.</summary>
    public const string DefaultCascadePath = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";

    /// <summary>The second frontal cascade from <c>opencv-data</c>, used to confirm the default cascade's detections.</summary>
    public const string DefaultConfirmCascadePath = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_alt2.xml";

    private readonly object gate = new();
    private CascadeClassifier? classifier;
    private CascadeClassifier? confirmer;

    public FaceSegmenter(string? cascadePath = null)
    {
        CascadePath = cascadePath ?? Environment.GetEnvironmentVariable("RSG_HAAR_CASCADE") ?? DefaultCascadePath;
        // A cascade the user chose (another kind of face, say) is trusted alone.
        ConfirmCascadePath = CascadePath == DefaultCascadePath ? DefaultConfirmCascadePath : null;
    }

    /// <summary>
    /// A second cascade that must also find a face (its box centre inside the first's box, or the reverse) for a
    /// detection to count; null = no confirmation. Default: <see cref="DefaultConfirmCascadePath"/> with the default
    /// cascade. On the CLIC portraits it removes 5 of the default cascade's 6 false detections (flowers, an
    /// arm, a dress ornament, a spot beside a head) and no face.
    /// </summary>
    public string? ConfirmCascadePath { get; init; }

    /// <summary>The cascade file (default <see cref="DefaultCascadePath"/>, or the RSG_HAAR_CASCADE environment variable).</summary>
    public string CascadePath { get; }

    /// <summary>The face region's shape. Default <see cref="FaceShape.Head"/>.</summary>
    public FaceShape Shape { get; init; } = FaceShape.Head;

    /// <summary>With <see cref="FaceShape.Box"/>: added on every side of a face, as a fraction of its size. Default 0.25.</summary>
    public double Margin { get; init; } = 0.25;

    public double ScaleFactor { get; init; } = 1.1;

    public int MinNeighbors { get; init; } = 5;

    /// <summary>Smallest face, as a fraction of the image's shorter side. Default 1/20.</summary>
    public double MinFaceFraction { get; init; } = 0.05;

    public override string Name => "faces";

    /// <summary>Face rectangles (without margin) in image pixels, sorted by position.</summary>
    public Rect[] DetectFaces(Mat bgr)
    {
        using Mat gray = Gray(bgr);
        Cv2.EqualizeHist(gray, gray);
        int min = Math.Max(16, (int)(Math.Min(bgr.Cols, bgr.Rows) * MinFaceFraction));
        lock (gate)
        {
            classifier ??= Load(CascadePath);
            Rect[] found = classifier.DetectMultiScale(gray, ScaleFactor, MinNeighbors, HaarDetectionTypes.ScaleImage, new Size(min, min));
            if (ConfirmCascadePath is not null && found.Length > 0)
            {
                confirmer ??= Load(ConfirmCascadePath);
                Rect[] second = confirmer.DetectMultiScale(gray, ScaleFactor, MinNeighbors, HaarDetectionTypes.ScaleImage, new Size(min, min));
                found = found.Where(f => second.Any(g => f.Contains(Centre(g)) || g.Contains(Centre(f)))).ToArray();
            }

            return found.OrderBy(r => r.Y).ThenBy(r => r.X).ToArray();
        }
    }

    private static Point Centre(Rect r) => new(r.X + (r.Width / 2), r.Y + (r.Height / 2));

    public override PixelSegmentation SegmentPixels(Mat bgr, RsgSegmenterOptions options)
    {
        Rect[] faces = DetectFaces(bgr);
        using var mask = new Mat(bgr.Size(), MatType.CV_8UC1, Scalar.All(0));
        // The head cut draws GrabCut's random start; reseeding keeps it deterministic.
        Cv2.SetTheRNG(Seed == 0 ? 1 : Seed);
        foreach (Rect f in faces)
        {
            if (Shape == FaceShape.Head)
            {
                HeadShape.Paint(bgr, f, mask);
                continue;
            }

            int mx = (int)(f.Width * Margin), my = (int)(f.Height * Margin);
            var grown = new Rect(f.X - mx, f.Y - my, f.Width + (2 * mx), f.Height + (2 * my));
            Cv2.Rectangle(mask, grown & new Rect(0, 0, bgr.Cols, bgr.Rows), Scalar.All(255), -1);
        }

        return PixelSegmentation.FromMask(mask, "background", "face");
    }

    public void Dispose()
    {
        lock (gate)
        {
            classifier?.Dispose();
            classifier = null;
            confirmer?.Dispose();
            confirmer = null;
        }
    }

    private static CascadeClassifier Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CascadeNotFoundException(
                $"Haar cascade not found at '{path}'. Install Debian's opencv-data package (`apt-get install -y opencv-data`, " +
                "cascades in /usr/share/opencv4/haarcascades/) or pass the cascade path (FaceSegmenter(cascadePath), or the RSG_HAAR_CASCADE environment variable).", path);
        }

        OpenCvRuntime.EnsureLoaded();
        var c = new CascadeClassifier(path);
        if (c.Empty())
        {
            c.Dispose();
            throw new InvalidDataException($"'{path}' is not a cascade OpenCV can load.");
        }

        return c;
    }
}
