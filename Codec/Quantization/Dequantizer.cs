using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Quantization;

/// <summary>
/// Normative dequantization (spec/rsg.md §7.4): coefficient = clamp(level × step, −32768, 32767).
/// The Vector256 path gives the same bits as the scalar one.
/// </summary>
internal static partial class Dequantizer
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

    /// <summary>The scalar reference path.</summary>
    internal static void DequantizeScalar(ReadOnlySpan<short> levels, ReadOnlySpan<ushort> steps, Span<short> coefficients)
    {
        for (int i = 0; i < 64; i++)
        {
            coefficients[i] = Dequantize(levels[i], steps[i]);
        }
    }
}
