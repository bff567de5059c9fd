namespace RegionCodec;

/// <summary>How to encode: qualities, chroma resolution, strip height, parallelism.</summary>
public sealed record RsgEncoderOptions
{
    /// <summary>Every property at its default (each property says what that is).</summary>
    public static RsgEncoderOptions Default { get; } = new();

    /// <summary>
    /// Whole-image lossless: one <see cref="RsgRegionMode.Lossless"/> region covering the image (spec/rsg.md §9.5),
    /// so every sample decodes exactly; gray input stays gray and alpha is kept as <see cref="Alpha"/> says.
    /// Give no label map with these options (or one whose labels are all 0).
    /// </summary>
    public static RsgEncoderOptions Lossless() => new() { Regions = [new RsgRegion(100, RsgRegionMode.Lossless)] };

    /// <summary>Quality (1..100) of the single region used when no region table is given. Default 75.</summary>
    public int Quality { get; init; } = 75;

    /// <summary>
    /// The region table, indexed by label. Required when a label map is given (it must have an entry
    /// for every label used); when null and no label map is given, one region at <see cref="Quality"/>.
    /// </summary>
    public IReadOnlyList<RsgRegion>? Regions { get; init; }

    /// <summary>Chroma resolution for colour input. Default 4:2:0.</summary>
    public RsgChromaSubsampling Subsampling { get; init; } = RsgChromaSubsampling.Yuv420;

    /// <summary>Encode colour input as grayscale.</summary>
    public bool Grayscale { get; init; }

    /// <summary>
    /// What to do with the alpha of <see cref="RsgPixelFormat.Rgba32"/>, <see cref="RsgPixelFormat.Bgra32"/> and
    /// <see cref="RsgPixelFormat.GrayAlpha16"/> input. Default <see cref="RsgAlphaMode.Auto"/>: stored losslessly
    /// when some pixel is not opaque. Formats without alpha never get an alpha plane.
    /// </summary>
    public RsgAlphaMode Alpha { get; init; }

    /// <summary>
    /// Image rows per strip, rounded up to a whole number of MCUs (8 or 16 rows) and capped so a strip
    /// covers at most 4 megapixels (or one MCU row). 0 (default) picks
    /// about one megapixel per strip: large enough that adaptive contexts pay off, small enough to
    /// stream and to decode strips in parallel.
    /// </summary>
    public int StripHeight { get; init; }

    /// <summary>
    /// Round coefficients toward zero where the bits saved outweigh the added error (default true).
    /// False quantizes by plain rounding, exactly like a baseline JPEG encoder at the same quality.
    /// </summary>
    public bool OptimizeQuantization { get; init; } = true;

    /// <summary>
    /// 16x16 luma transforms (spec/rsg.md §7.5), chosen per area where they cost fewer bits for the error: on by
    /// default (about 2.7 points of BD-rate on 2-3 MP photographs). False codes every block as 8x8: encoding is up to
    /// about a quarter faster, files are larger. The environment variable RSG_LARGE_TRANSFORMS=off changes the default
    /// to false, so benchmarks can measure what the transforms bring without new options in every tool.
    /// </summary>
    public bool LargeTransforms { get; init; } = Environment.GetEnvironmentVariable("RSG_LARGE_TRANSFORMS") != "off";

    /// <summary>Overrides <see cref="LargeTransforms"/> (the conformance generator forces 16x16 everywhere).</summary>
    internal Encoding.LargeTransformChoice? LargeTransformMode { get; init; }

    /// <summary>The encoder's 16x16 choice from <see cref="LargeTransforms"/> and <see cref="LargeTransformMode"/>.</summary>
    internal Encoding.LargeTransformChoice LargeTransformChoice =>
        LargeTransformMode ?? (LargeTransforms ? Encoding.LargeTransformChoice.Auto : Encoding.LargeTransformChoice.Never);

    /// <summary>
    /// The base quantization tables the qualities scale (spec/rsg.md §7.1). Default
    /// <see cref="RsgQuantizationTables.Tilted"/>, which needs fewer bits for the same fidelity;
    /// <see cref="RsgQuantizationTables.JpegAnnexK"/> makes quality q quantize exactly like <c>cjpeg -quality q</c>.
    /// </summary>
    public RsgQuantizationTables QuantizationTables { get; init; } = RsgQuantizationTables.Tilted;

    /// <summary>
    /// Ask decoders to run the deblocking filter (spec/rsg.md §10.5), which smooths the seams between blocks
    /// at low qualities and changes almost nothing at high ones. Default true.
    /// </summary>
    public bool Deblocking { get; init; } = true;

    /// <summary>
    /// Strips coded at once: -1 (default) or 0 uses every core (<see cref="Environment.ProcessorCount"/>),
    /// 1 encodes serially; the same meaning as <see cref="RsgDecoderOptions.MaxDegreeOfParallelism"/>. The
    /// output bytes are the same for every value; an image of one strip (see <see cref="StripHeight"/>) is
    /// always coded on one thread, and each extra thread holds one more strip's buffers.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>
    /// Encode an image beyond the default decoder limits (<see cref="RsgLimits"/>: 2^20 per side, 2^28 pixels).
    /// Default false: such an image is refused, because decoders with default limits refuse the file (R13).
    /// </summary>
    public bool AllowLargeImages { get; init; }

    /// <summary>
    /// The ICC profile, EXIF and XMP to store (spec/rsg.md §4.8–§4.10), or null (default) for none. An item
    /// a decoder would ignore as malformed (see <see cref="RsgImageMetadata.IsValidIccProfile"/> and its
    /// siblings) is refused with <see cref="ArgumentException"/>. Region names travel in <see cref="Regions"/>.
    /// </summary>
    public RsgImageMetadata? Metadata { get; init; }
}
