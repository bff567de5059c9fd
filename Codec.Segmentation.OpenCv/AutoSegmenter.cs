using OpenCvSharp;

namespace RegionCodec.Segmentation.OpenCv;

/// <summary>
/// The automatic semantic mode (<c>auto</c>): the perceptual quantization classes (<see cref="PerceptualSegmenter"/>,
/// labels 0..K-1, busiest first) with a salient subject (GrabCut from the saliency mask) and faces (head shapes)
/// painted over them as labels K.. ("subject", then "face": highest priority last). Semantic regions get a finer
/// step than the target quality's, by <see cref="SubjectStepOffset"/> and <see cref="FaceStepOffset"/>
/// (log2 step units), at every target quality (<see cref="RsgSegmentation.RegionsAt"/>). Without a face or a
/// plausible subject the perceptual segmentation is returned unchanged; when OpenCV cannot load, too, and
/// <see cref="FallbackReason"/> says why. Deterministic (OpenCV's RNG is reseeded by the layers).
/// </summary>
public sealed class AutoSegmenter : IRsgSegmenter, IDisposable
{
    private readonly FaceSegmenter faces;

    public AutoSegmenter(string? cascadePath = null)
    {
        faces = new FaceSegmenter(cascadePath);
    }

    public string Name => "auto";

    /// <summary>The classes underneath (defaults as tuned for the default mode).</summary>
    public PerceptualSegmenter Perceptual { get; init; } = new();

    /// <summary>
    /// The subject's step relative to the target quality's step, log2 units. Default -0.5 (step x0.71):
    /// the subject is what the picture is about, but it is often large (a third of the frame), so a mild offset.
    /// </summary>
    public double SubjectStepOffset { get; init; } = -0.5;

    /// <summary>
    /// The face's step relative to the target quality's step, log2 units. Default -1.25 (0.42 x the step, finer than the finest perceptual class):
    /// faces are where viewers look first and small, so halving the step costs few bytes.
    /// </summary>
    public double FaceStepOffset { get; init; } = -1.25;

    /// <summary>A subject smaller than this fraction of the image is a detail, not a subject. Default 0.02.</summary>
    public double MinSubjectFraction { get; init; } = 0.02;

    /// <summary>A subject larger than this fraction of the image is most of the scene, not a subject. Default 0.6.</summary>
    public double MaxSubjectFraction { get; init; } = 0.6;

    /// <summary>Set after <see cref="Segment"/> fell back to the perceptual classes because OpenCV could not load: the reason.</summary>
    public string? FallbackReason { get; private set; }

    public RsgSegmentation Segment(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format, RsgSegmenterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        RsgSegmentation perceptual = Perceptual.Segment(pixels, width, height, stride, format, options);
        try
        {
            OpenCvRuntime.EnsureLoaded();
        }
        catch (OpenCvUnavailableException e)
        {
            FallbackReason = e.Message;
            return perceptual;
        }

        options.CancellationToken.ThrowIfCancellationRequested();
        RsgSegmentation semantic;
        using (Mat bgr = OpenCvRuntime.ToBgrMat(pixels, width, height, stride, format))
        {
            semantic = OpenCvSegmenter.Finish(SemanticPixels(bgr, options), options);
        }

        return semantic.Regions.Count == 1 ? perceptual : Layer(perceptual, semantic, options.TargetQuality);
    }

    /// <summary>Per-pixel semantic labels: 0 "background", 1 "subject", 2 "face" (faces over the subject).</summary>
    private PixelSegmentation SemanticPixels(Mat bgr, RsgSegmenterOptions options)
    {
        var subjectCut = new GrabCutSegmenter { FallBackToCentered = false };
        byte[] labels = subjectCut.SegmentPixels(bgr, options).Labels;
        long subjectPixels = labels.LongCount(l => l != 0);
        double share = (double)subjectPixels / labels.Length;
        if (share < MinSubjectFraction || share > MaxSubjectFraction)
        {
            Array.Clear(labels);
        }

        options.CancellationToken.ThrowIfCancellationRequested();
        byte[] face = faces.SegmentPixels(bgr, options).Labels;
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = face[i] != 0 ? (byte)2 : labels[i];
        }

        return new PixelSegmentation(labels, bgr.Cols, bgr.Rows, ["background", "subject", "face"]);
    }

    /// <summary>The semantic regions painted over the perceptual classes, with qualities that follow the target.</summary>
    private RsgSegmentation Layer(RsgSegmentation perceptual, RsgSegmentation semantic, int targetQuality)
    {
        byte[] classes = perceptual.Labels.Labels;
        byte[] regions = semantic.Labels.Labels;
        int k = perceptual.Regions.Count, semanticCount = semantic.Regions.Count - 1;

        var labels = new byte[classes.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (regions[i] == 0)
            {
                labels[i] = classes[i];
            }
            else
            {
                labels[i] = (byte)(k - 1 + regions[i]);
            }
        }

        int[] map = RsgLabelCleaner.Compact(labels); // a class entirely under a face or the subject disappears
        var names = new List<string>();
        for (int old = 0; old < map.Length; old++)
        {
            if (map[old] >= 0)
            {
                names.Add(old < k ? perceptual.RegionNames[old] : semantic.RegionNames[old - k + 1]);
            }
        }

        double[] offsets = semantic.RegionNames.Skip(1).Select(n => n == "face" ? FaceStepOffset : SubjectStepOffset).ToArray();
        IReadOnlyList<RsgRegion> RegionsAt(int target)
        {
            IReadOnlyList<RsgRegion> classQualities = perceptual.RegionsAt(target);
            var all = new List<RsgRegion>(map.Length);
            for (int c = 0; c < k; c++)
            {
                if (map[c] >= 0)
                {
                    all.Add(classQualities[c]);
                }
            }

            int floor = 1;
            for (int s = 0; s < semanticCount; s++)
            {
                // Offsets from the target's own step, not from the finest class underneath: that one is usually the
                // "flat" class, and stacking on it made files 12-92% larger than the perceptual mode's at the same target.
                // A higher-priority region never gets less than the one below it (a face inside the subject).
                floor = Math.Max(floor, RsgQualities.WithStepOffset(target, offsets[s]));
                if (map[k + s] >= 0)
                {
                    all.Add(new RsgRegion(floor));
                }
            }

            return all;
        }

        var cells = new RsgLabelMap(perceptual.Labels.Width, perceptual.Labels.Height, perceptual.Labels.CellSize, labels);
        return new RsgSegmentation(cells, names, RegionsAt(targetQuality), RegionsAt);
    }

    public void Dispose() => faces.Dispose();
}
