using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Quantization;

/// <summary>
/// Normative dequantization (spec/rsg.md §7.4): coefficient = clamp(level × step, −32768, 32767).
/// The Vector256 path gives the same bits as the scalar one.
/// </summary>
internal static class Dequantizer
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static short Dequantize(short level, ushort step) => (short)Math.Clamp(level * step, short.MinValue, short.MaxValue);

    /// <summary>Dequantizes 64 levels (natural order) with their 64 steps.</summary>
    public static void Dequantize(ReadOnlySpan<short> levels, ReadOnlySpan<ushort> steps, Span<short> coefficients)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            DequantizeVector256(levels, steps, coefficients);
        }
        else
        {
            DequantizeScalar(levels, steps, coefficients);
        }
    }

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

    /// <summary>The scalar reference path.</summary>
    internal static void DequantizeScalar(ReadOnlySpan<short> levels, ReadOnlySpan<ushort> steps, Span<short> coefficients)
    {
        for (int i = 0; i < 64; i++)
        {
            coefficients[i] = Dequantize(levels[i], steps[i]);
        }
    }
}
