namespace RegionCodec;

/// <summary>Limits and parallelism for decoding. Limits are checked before any image-sized allocation.</summary>
public sealed record RsgDecoderOptions
{
    /// <summary>The defaults: the limits of <see cref="RsgLimits"/>, all processors.</summary>
    public static RsgDecoderOptions Default { get; } = new();

    /// <summary>Largest accepted width (default <see cref="RsgLimits.DefaultMaxWidth"/>, 1,048,576).</summary>
    public int MaxWidth { get; init; } = RsgLimits.DefaultMaxWidth;

    /// <summary>Largest accepted height (default <see cref="RsgLimits.DefaultMaxHeight"/>, 1,048,576).</summary>
    public int MaxHeight { get; init; } = RsgLimits.DefaultMaxHeight;

    /// <summary>Largest accepted pixel count (default <see cref="RsgLimits.DefaultMaxPixels"/>, 2^28, about 268 megapixels).</summary>
    public long MaxPixels { get; init; } = RsgLimits.DefaultMaxPixels;

    /// <summary>Threads for whole-buffer decoding; -1 (default) uses every core, 1 decodes serially.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}
