namespace RegionCodec;

/// <summary>Limits and parallelism for decoding. Limits are checked before any image-sized allocation.</summary>
public sealed class RsgDecoderOptions
{
    public static RsgDecoderOptions Default { get; } = new();

    /// <summary>Largest accepted width (default 1,048,576).</summary>
    public int MaxWidth { get; init; } = 1 << 20;

    /// <summary>Largest accepted height (default 1,048,576).</summary>
    public int MaxHeight { get; init; } = 1 << 20;

    /// <summary>Largest accepted pixel count (default 2^28, about 268 megapixels).</summary>
    public long MaxPixels { get; init; } = 1L << 28;

    /// <summary>Threads for whole-buffer decoding; -1 (default) uses every core, 1 decodes serially.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}
