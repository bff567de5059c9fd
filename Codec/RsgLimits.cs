namespace RegionCodec;

/// <summary>
/// The one set of size limits (spec/rsg.md §12) that this library's decoder applies by default
/// (<see cref="RsgDecoderOptions"/>) and that its encoder will not exceed unless asked to
/// (<see cref="RsgEncoderOptions.AllowLargeImages"/>): so a file this encoder writes by default is a file
/// every default decoder opens.
/// </summary>
public static class RsgLimits
{
    /// <summary>Largest width a default decoder accepts: 1,048,576 (2^20).</summary>
    public const int DefaultMaxWidth = 1 << 20;

    /// <summary>Largest height a default decoder accepts: 1,048,576 (2^20).</summary>
    public const int DefaultMaxHeight = 1 << 20;

    /// <summary>Largest pixel count a default decoder accepts: 268,435,456 (2^28, about 268 megapixels).</summary>
    public const long DefaultMaxPixels = 1L << 28;

    /// <summary>Whether a <paramref name="width"/> x <paramref name="height"/> image is within the default decoder limits.</summary>
    public static bool WithinDefaults(int width, int height) =>
        width <= DefaultMaxWidth && height <= DefaultMaxHeight && (long)width * height <= DefaultMaxPixels;
}
