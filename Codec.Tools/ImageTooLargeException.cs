namespace RegionCodec.Tools;

/// <summary>
/// An encode input beyond the default decoder limits (<see cref="RsgLimits"/>) without --allow-large: refused
/// before its pixels are decoded, because decoders with default limits would refuse the file it makes.
/// </summary>
internal sealed class ImageTooLargeException(int width, int height) : Exception(
    $"{width}x{height} ({(long)width * height} pixels) exceeds the default decoder limits ({RsgLimits.DefaultMaxPixels} pixels, {RsgLimits.DefaultMaxWidth} per side), "
    + "so decoders would refuse the file (use --allow-large to encode it anyway; decode it with --max-pixels)");
