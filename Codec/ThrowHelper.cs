using System.Diagnostics.CodeAnalysis;

namespace RegionCodec;

/// <summary>Cold-path throws, kept out of the hot loops so they inline well.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void Format(RsgError error, long offset, string reason) =>
        throw new RsgFormatException(error, offset, reason);
}
