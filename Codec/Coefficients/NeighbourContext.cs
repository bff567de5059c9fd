using System.Runtime.Intrinsics;

namespace RegionCodec.Coefficients;

/// <summary>
/// Per-block precomputation of the AC contexts that come from the neighbouring blocks (spec/rsg.md
/// §8.5): for every frequency, the weighted magnitude 2·|above| + 2·|left| + |above-left| (5·|x| with
/// one neighbour, 0 with none). Magnitudes are clamped to 1024 first, which changes no context: the
/// bucket that uses them saturates well below that. (Only magnitudes: no context uses the neighbours' signs.)
/// </summary>
internal static partial class NeighbourContext
{
    public const int MagnitudeClamp = 1024;

    public static void Compute(ReadOnlySpan<short> above, ReadOnlySpan<short> left, ReadOnlySpan<short> corner, Span<short> magnitude)
    {
        bool hasAbove = !above.IsEmpty, hasLeft = !left.IsEmpty;
        if (!hasAbove && !hasLeft)
        {
            magnitude[..64].Clear();
            return;
        }

        if (Vector128.IsHardwareAccelerated)
        {
            ComputeVector128(above, left, corner, magnitude);
        }
        else
        {
            ComputeScalar(above, left, corner, magnitude);
        }
    }

    /// <summary>The scalar reference path. Needs at least one neighbour.</summary>
    internal static void ComputeScalar(ReadOnlySpan<short> above, ReadOnlySpan<short> left, ReadOnlySpan<short> corner, Span<short> magnitude)
    {
        bool hasAbove = !above.IsEmpty, hasLeft = !left.IsEmpty;
        for (int i = 0; i < 64; i++)
        {
            int a = hasAbove ? above[i] : 0, l = hasLeft ? left[i] : 0;
            int absA = Math.Min(Math.Abs(a), MagnitudeClamp), absL = Math.Min(Math.Abs(l), MagnitudeClamp);
            magnitude[i] = (short)(hasAbove && hasLeft
                ? (2 * (absA + absL)) + Math.Min(Math.Abs((int)corner[i]), MagnitudeClamp)
                : 5 * (absA + absL));
        }
    }
}
