using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Reconstruction;

internal static partial class InverseDct
{
    /// <summary>
    /// Shortcuts for two common sparse shapes, bit-identical to <see cref="TransformScalar"/> (which they reuse):
    /// only coefficient row 0 (horizontal frequencies) non-zero, or only column 0 (vertical ones). Returns false,
    /// writing nothing, for any other block. Same contract as <see cref="Transform"/> otherwise.
    /// </summary>
    /// <remarks>
    /// Row 0 only: pass 1 of column u is the kernel of (c[u], 0, …, 0), c[u]·2^13 in every output (no wrap, |c| &lt; 2^15),
    /// descaled to exactly 4·c[u]; all eight workspace rows are equal, so pass 2 runs once and its row is repeated.
    /// Column 0 only: pass 1 runs once (column 0; the other columns are 0), and each workspace row (w, 0, …, 0) gives
    /// the flat row ToSample(w·2^13), the kernel's value for every output (wrapping as the full kernel's shift does).
    /// </remarks>
    public static bool TryTransformSparse(ReadOnlySpan<short> coefficients, Span<byte> destination, int destinationStride)
    {
        ValidateArguments(coefficients, destination, destinationStride);
        ref short origin = ref MemoryMarshal.GetReference(coefficients);
        Vector256<short> rows01 = Vector256.LoadUnsafe(ref origin);
        Vector256<short> below = Vector256.LoadUnsafe(ref origin, 16) | Vector256.LoadUnsafe(ref origin, 32) | Vector256.LoadUnsafe(ref origin, 48);
        if ((below | (rows01 & Vector256.Create(Vector128<short>.Zero, Vector128<short>.AllBitsSet))) == Vector256<short>.Zero)
        {
            FirstRowOnly(coefficients, destination, destinationStride);
            return true;
        }

        Vector256<short> otherColumns = Vector256.Create((short)0, -1, -1, -1, -1, -1, -1, -1, 0, -1, -1, -1, -1, -1, -1, -1);
        if (((rows01 | below) & otherColumns) == Vector256<short>.Zero)
        {
            FirstColumnOnly(coefficients, destination, destinationStride);
            return true;
        }

        return false;
    }

    private static void FirstRowOnly(ReadOnlySpan<short> c, Span<byte> destination, int stride)
    {
        Kernel(4 * c[0], 4 * c[1], 4 * c[2], 4 * c[3], 4 * c[4], 4 * c[5], 4 * c[6], 4 * c[7],
            out int o0, out int o1, out int o2, out int o3, out int o4, out int o5, out int o6, out int o7);
        Span<byte> row = stackalloc byte[8];
        row[0] = ToSample(o0);
        row[1] = ToSample(o1);
        row[2] = ToSample(o2);
        row[3] = ToSample(o3);
        row[4] = ToSample(o4);
        row[5] = ToSample(o5);
        row[6] = ToSample(o6);
        row[7] = ToSample(o7);
        ulong samples = MemoryMarshal.Read<ulong>(row);
        for (int y = 0; y < 8; y++)
        {
            MemoryMarshal.Write(destination.Slice(y * stride, 8), in samples);
        }
    }

    private static void FirstColumnOnly(ReadOnlySpan<short> c, Span<byte> destination, int stride)
    {
        Kernel(c[0], c[8], c[16], c[24], c[32], c[40], c[48], c[56],
            out int o0, out int o1, out int o2, out int o3, out int o4, out int o5, out int o6, out int o7);
        FlatRow(destination, o0);
        FlatRow(destination.Slice(stride), o1);
        FlatRow(destination.Slice(2 * stride), o2);
        FlatRow(destination.Slice(3 * stride), o3);
        FlatRow(destination.Slice(4 * stride), o4);
        FlatRow(destination.Slice(5 * stride), o5);
        FlatRow(destination.Slice(6 * stride), o6);
        FlatRow(destination.Slice(7 * stride), o7);
    }

    /// <summary>Row of workspace (Descale(pass-1 output), 0, …, 0) through pass 2: every sample ToSample(w·2^13).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FlatRow(Span<byte> row, int pass1Output)
    {
        int w = Descale(pass1Output, Pass1Shift);
        row[..8].Fill(ToSample(unchecked(w << ConstBits)));
    }
}
