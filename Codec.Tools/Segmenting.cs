using System.Text.RegularExpressions;
using RegionCodec.Segmentation;
using RegionCodec.Segmentation.OpenCv;

namespace RegionCodec.Tools;

/// <summary>
/// The --segment / --mask choice. OpenCV methods are only constructed (and their native library only
/// loaded) when one is named, so the default managed "perceptual", "activity" and "none" work without OpenCV.
/// </summary>
internal sealed partial class Segmenting
{
    public const string Methods =
        "none | perceptual (default, managed) | auto (perceptual + subject + faces; perceptual alone without OpenCV) | activity | otsu | otsu-inv | adaptive | edges | kmeans:K | grabcut | grabcut:X,Y,W,H | grabcut-centered | faces[:CASCADE.xml] | saliency | mask:FILE; several separated by commas are layered, lowest priority first (OpenCV methods only)";

    /// <summary><see cref="Methods"/> for Spectre help text (brackets escaped).</summary>
    public const string MethodsMarkup =
        "none | perceptual (default, managed) | auto (perceptual + subject + faces; perceptual alone without OpenCV) | activity | otsu | otsu-inv | adaptive | edges | kmeans:K | grabcut | grabcut:X,Y,W,H | grabcut-centered | faces[[:CASCADE.xml]] | saliency | mask:FILE; several separated by commas are layered, lowest priority first (OpenCV methods only)";

    private static int _fallbackReported;

    private readonly string? _spec;
    private readonly string? _maskFile;
    private readonly bool _detectGraphics;

    private Segmenting(string? spec, string? maskFile, bool detectGraphics = true)
    {
        _spec = spec;
        _maskFile = maskFile;
        _detectGraphics = detectGraphics;
    }

    /// <summary>The spec as shown to users.</summary>
    public string Description => _maskFile is not null ? $"mask {_maskFile}" : _spec ?? "none";

    public bool IsNone => _spec is null && _maskFile is null;

    /// <summary>Validates the options; a bad method name is a usage error here, before any file is read.</summary>
    /// <param name="detectGraphics">False (--no-graphics): the perceptual segmenter adds no lossless "graphics" region.</param>
    public static Segmenting Parse(string? segment, string? mask, int cellSize, bool detectGraphics = true)
    {
        if (cellSize is not (1 or 2 or 4 or 8))
        {
            throw new UsageException($"--cell must be 1, 2, 4 or 8, not {cellSize}");
        }

        if (mask is not null)
        {
            if (segment is not null)
            {
                throw new UsageException("--mask and --segment cannot be combined (a mask is the segmentation; --segment mask:FILE is the same as --mask FILE)");
            }

            return new Segmenting(null, mask);
        }

        string spec = (segment ?? "perceptual").Trim();
        if (spec.Length == 0)
        {
            throw new UsageException("--segment needs a method: " + Methods);
        }

        if (spec == "none")
        {
            return new Segmenting(null, null);
        }

        // "grabcut:1,2,3,4" keeps its commas: split only where a method name follows.
        string[] parts = MethodSeparator().Split(spec);
        string normalized = parts.Length == 1 ? spec : "combine:" + string.Join('+', parts);
        if (normalized.StartsWith("mask:", StringComparison.Ordinal))
        {
            return new Segmenting(null, normalized["mask:".Length..]);
        }

        foreach (string part in parts)
        {
            CheckArgument(part.Trim());
        }

        var segmenting = new Segmenting(normalized, null, detectGraphics);
        if (!normalized.StartsWith("mask", StringComparison.Ordinal) && !normalized.Contains("mask:", StringComparison.Ordinal))
        {
            _ = segmenting.Create(); // construction never loads OpenCV's native library; it checks names and arguments
        }

        return segmenting;
    }

    /// <summary>Arguments the segmenters would reject with .NET's own wording: said here in the tool's.</summary>
    private static void CheckArgument(string method)
    {
        if (method.StartsWith("kmeans:", StringComparison.Ordinal)
            && (!int.TryParse(method["kmeans:".Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int k) || k is < 1 or > RsgConstants.MaxRegions))
        {
            throw new UsageException($"--segment {method}: K is the number of colour clusters, a whole number 1..{RsgConstants.MaxRegions}");
        }

        if (method.StartsWith("grabcut:", StringComparison.Ordinal))
        {
            string[] v = method["grabcut:".Length..].Split(',');
            if (v.Length != 4 || v.Any(p => !int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
                || int.Parse(v[2], System.Globalization.CultureInfo.InvariantCulture) < 1 || int.Parse(v[3], System.Globalization.CultureInfo.InvariantCulture) < 1)
            {
                throw new UsageException($"--segment {method}: the rectangle is X,Y,W,H in image pixels (whole numbers, W and H at least 1)");
            }
        }
    }

    /// <summary>A new segmenter (one per thread: OpenCV's face classifier is not thread-safe), or null for none.</summary>
    public IRsgSegmenter? Create()
    {
        if (_maskFile is not null)
        {
            return Errors.About(_maskFile, () => UserMaskSegmenter.FromFile(_maskFile));
        }

        if (_spec is null)
        {
            return null;
        }

        if (_spec == "perceptual")
        {
            return new PerceptualSegmenter { DetectGraphics = _detectGraphics };
        }

        if (_spec == "activity")
        {
            return new ActivitySegmenter();
        }

        if (_spec == "auto" && !_detectGraphics)
        {
            return new AutoSegmenter { Perceptual = new PerceptualSegmenter { DetectGraphics = false } };
        }

        try
        {
            return RsgSegmenters.Create(_spec);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            throw new UsageException($"--segment {_spec}: {Errors.OneLine(e.Message)}");
        }
    }

    /// <summary>Most distinct values a --mask may have: more means a photograph or an anti-aliased mask, not region labels.</summary>
    public const int MaxMaskValues = 16;

    /// <summary>Requests the image's size shows impossible: a GrabCut rectangle not inside the image, a mask of too many values.</summary>
    private void CheckAgainst(IRsgSegmenter segmenter, int width, int height)
    {
        IEnumerable<OpenCvSegmenter> layers = segmenter switch
        {
            CombinedSegmenter combined => combined.Layers,
            OpenCvSegmenter single => [single],
            _ => [],
        };
        foreach (OpenCvSegmenter layer in layers)
        {
            if (layer is GrabCutSegmenter { Rectangle: { } r } && (r.X < 0 || r.Y < 0 || (long)r.X + r.Width > width || (long)r.Y + r.Height > height))
            {
                throw new UsageException($"--segment grabcut:{r.X},{r.Y},{r.Width},{r.Height}: the rectangle is not inside the {width}x{height} image");
            }

            if (layer is UserMaskSegmenter mask && mask.DistinctValueCount > MaxMaskValues)
            {
                throw new ToolException(ExitCodes.BadInput,
                    $"{Description}: {mask.DistinctValueCount} distinct gray values; a region mask has at most {MaxMaskValues} (one per region). "
                    + "Is it a photograph or an anti-aliased mask? Threshold it first, e.g. 'convert mask.png -threshold 50% mask.png'");
            }
        }
    }

    /// <summary>
    /// What a detecting method was asked for and did not find in this image (faces on a picture without a face, a
    /// cut that found no foreground), for one warning line; null when every method found its region.
    /// </summary>
    public string? NothingFound(IReadOnlyList<string> regionNames)
    {
        if (_spec is null || _maskFile is not null)
        {
            return null;
        }

        string[] methods = _spec.StartsWith("combine:", StringComparison.Ordinal) ? _spec["combine:".Length..].Split('+') : [_spec];
        var missing = new List<string>();
        foreach (string method in methods)
        {
            string name = method.Split(':')[0];
            (string region, string what)? wanted = name switch
            {
                "faces" => ("face", "no face"),
                "grabcut" or "grabcut-centered" => ("foreground", "no foreground"),
                "saliency" => ("salient", "nothing salient"),
                "edges" => ("edges", "no edges"),
                _ => null,
            };
            if (wanted is { } w && !regionNames.Contains(w.region))
            {
                missing.Add($"{name} found {w.what}");
            }
        }

        return missing.Count == 0 ? null : string.Join("; ", missing);
    }

    /// <summary>Whether the segmentation can be measured from rows (<see cref="RunRows"/>): the default perceptual one.</summary>
    public bool MeasuresRows => _maskFile is null && _spec == "perceptual";

    /// <summary>
    /// The perceptual segmentation measured in passes over rows (each call of <paramref name="openRows"/> starts one),
    /// the image never held: the same result as <see cref="Run(SourceImage, int, int, CancellationToken, int)"/>.
    /// </summary>
    public RsgSegmentation RunRows(Func<IRsgRowSource> openRows, int width, int height, RsgPixelFormat format, int cellSize, int targetQuality,
        CancellationToken cancellationToken, int maxDegreeOfParallelism = -1)
    {
        if (!MeasuresRows || Create() is not PerceptualSegmenter segmenter)
        {
            throw new InvalidOperationException($"--segment {Description} needs the whole image.");
        }

        return segmenter.SegmentRows(openRows, width, height, format,
            new RsgSegmenterOptions { CellSize = cellSize, TargetQuality = targetQuality, CancellationToken = cancellationToken, MaxDegreeOfParallelism = maxDegreeOfParallelism });
    }

    /// <summary>Runs the segmenter on packed RGB; null for none.</summary>
    public RsgSegmentation? Run(byte[] rgb, int width, int height, int cellSize, int targetQuality, CancellationToken cancellationToken) =>
        Run(new SourceImage(rgb, width, height, RsgPixelFormat.Rgb24), cellSize, targetQuality, cancellationToken);

    /// <summary>Runs the segmenter on an encode input (RGB or RGBA; alpha plays no part); null for none.</summary>
    public RsgSegmentation? Run(SourceImage image, int cellSize, int targetQuality, CancellationToken cancellationToken, int maxDegreeOfParallelism = -1)
    {
        int width = image.Width, height = image.Height;
        IRsgSegmenter? segmenter = Create();
        if (segmenter is null)
        {
            return null;
        }

        try
        {
            CheckAgainst(segmenter, width, height);
            RsgSegmentation segmentation = segmenter.Segment(image.Pixels.Span, width, height, image.Stride, image.Format,
                new RsgSegmenterOptions { CellSize = cellSize, TargetQuality = targetQuality, CancellationToken = cancellationToken, MaxDegreeOfParallelism = maxDegreeOfParallelism });
            if (segmenter is AutoSegmenter { FallbackReason: not null } && Interlocked.Exchange(ref _fallbackReported, 1) == 0)
            {
                // Once per run (batch segments many images): auto still works, just without faces and subjects.
                Console.Error.WriteLine("rsgconv: warning: --segment auto: OpenCV could not load (install libgtk-3-0 and opencv-data), so no faces or subject: perceptual classes only");
            }

            return segmentation;
        }
        finally
        {
            (segmenter as IDisposable)?.Dispose();
        }
    }

    [GeneratedRegex(@",(?=\s*[A-Za-z])")]
    private static partial Regex MethodSeparator();
}
