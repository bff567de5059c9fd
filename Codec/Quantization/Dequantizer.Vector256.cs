using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Quantization;

internal static partial class Dequantizer
{
    /// <summary>The Vector256 path; same bits as <see cref="DequantizeScalar"/>.</summary>
    internal static void DequantizeVector256(ReadOnlySpan<short> levels, ReadOnlySpan<ushort> steps, Span<short> coefficients)
    {
        Vector256<int> min = Vector256.Create((int)short.MinValue), max = Vector256.Create((int)short.MaxValue);
        for (int i = 0; i < 64; i += 16)
        {
            (Vector256<int> levelLo, Vector256<int> levelHi) = Vector256.Widen(Vector256.Create(levels.Slice(i, 16)));
            (Vector256<uint> stepLo, Vector256<uint> stepHi) = Vector256.Widen(Vector256.Create(steps.Slice(i, 16)));
            Vector256<int> lo = Vector256.Min(Vector256.Max(levelLo * stepLo.AsInt32(), min), max);
            Vector256<int> hi = Vector256.Min(Vector256.Max(levelHi * stepHi.AsInt32(), min), max);
            Vector256.Narrow(lo, hi).CopyTo(coefficients.Slice(i, 16));
        }
    }
}
