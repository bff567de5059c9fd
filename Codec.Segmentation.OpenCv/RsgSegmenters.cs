using OpenCvSharp;

namespace RegionCodec.Segmentation.OpenCv;

/// <summary>Segmenters by name, for command lines and configuration.</summary>
public static class RsgSegmenters
{
    /// <summary>The names <see cref="Create"/> understands.</summary>
    public const string Syntax =
        "perceptual | auto | activity | otsu | otsu-inv | adaptive | edges | kmeans:K | grabcut | grabcut:X,Y,W,H | grabcut-centered | faces[:CASCADE.xml] | saliency | mask:FILE | combine:A+B+... (lowest priority first)";

    /// <summary>
    /// A segmenter from a short spec: <c>perceptual</c> (managed default), <c>auto</c> (perceptual classes with a subject
    /// and faces over them), <c>activity</c> (managed), <c>otsu</c>, <c>otsu-inv</c>, <c>adaptive</c>,
    /// <c>edges</c>, <c>kmeans:4</c>, <c>grabcut</c> (saliency start), <c>grabcut:x,y,w,h</c>, <c>grabcut-centered</c>,
    /// <c>faces</c> or <c>faces:/path/cascade.xml</c>, <c>saliency</c>, <c>mask:/path/mask.png</c>,
    /// <c>combine:grabcut+faces</c>.
    /// </summary>
    public static IRsgSegmenter Create(string spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        if (spec.StartsWith("combine:", StringComparison.Ordinal))
        {
            OpenCvSegmenter[] layers = spec["combine:".Length..].Split('+', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => Create(s) as OpenCvSegmenter ?? throw new ArgumentException($"'{s}' cannot be a combine layer (only OpenCV methods can)."))
                .ToArray();
            return new CombinedSegmenter(layers);
        }

        int colon = spec.IndexOf(':', StringComparison.Ordinal);
        string name = colon < 0 ? spec : spec[..colon];
        string? arg = colon < 0 ? null : spec[(colon + 1)..];
        return name switch
        {
            "perceptual" => new PerceptualSegmenter(),
            "auto" => new AutoSegmenter(),
            "activity" => new ActivitySegmenter(),
            "otsu" => new ThresholdSegmenter(ThresholdMethod.Otsu),
            "otsu-inv" => new ThresholdSegmenter(ThresholdMethod.Otsu) { Invert = true },
            "adaptive" => new ThresholdSegmenter(ThresholdMethod.Adaptive),
            "edges" => new EdgeSegmenter(),
            "kmeans" => new KMeansSegmenter(int.Parse(arg ?? "4", System.Globalization.CultureInfo.InvariantCulture)),
            "grabcut" when arg is null => new GrabCutSegmenter(),
            "grabcut" => new GrabCutSegmenter { Rectangle = ParseRect(arg) },
            "grabcut-centered" => new GrabCutSegmenter { AutoStart = GrabCutStart.Centered },
            "faces" => new FaceSegmenter(arg),
            "saliency" => new SaliencySegmenter(),
            "mask" => UserMaskSegmenter.FromFile(arg ?? throw new ArgumentException("mask needs a file: mask:PATH")),
            _ => throw new ArgumentException($"Unknown segmenter '{spec}'. Known: {Syntax}"),
        };
    }

    private static Rect ParseRect(string s)
    {
        int[] v = s.Split(',').Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return v.Length == 4 ? new Rect(v[0], v[1], v[2], v[3]) : throw new ArgumentException($"Expected x,y,w,h, got '{s}'.");
    }
}
