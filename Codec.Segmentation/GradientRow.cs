using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Segmentation;

/// <summary>
/// One row of the luma gradient |dx| + |dy| the masking field sums: central differences, the neighbours clamped
/// at the image's borders. Vector128 for the interior columns; the scalar path gives the same values.
/// </summary>
internal static class GradientRow
{
    /// <summary>Writes the gradient of row <paramref name="y"/> of <paramref name="luma"/> (width bytes per row) into <paramref name="gradients"/>.</summary>
    public static void Compute(byte[] luma, int width, int height, int y, Span<ushort> gradients) =>
        Compute(luma.AsSpan(Math.Max(0, y - 1) * width, width), luma.AsSpan(y * width, width), luma.AsSpan(Math.Min(height - 1, y + 1) * width, width), gradients);

    /// <summary>The gradient of <paramref name="row"/> given the rows above and below it (the row itself at the image's top or bottom).</summary>
    public static void Compute(ReadOnlySpan<byte> up, ReadOnlySpan<byte> row, ReadOnlySpan<byte> down, Span<ushort> gradients)
    {
        int width = row.Length;
        int vectorEnd = Vector128.IsHardwareAccelerated ? ComputeInteriorVector128(up, row, down, gradients[..width]) : 1;
        ComputeScalar(up, row, down, gradients, 0, Math.Min(1, width));
        ComputeScalar(up, row, down, gradients, Math.Max(1, vectorEnd), width);
    }

    /// <summary>Columns [from, to) with clamped neighbours.</summary>
    internal static void ComputeScalar(ReadOnlySpan<byte> up, ReadOnlySpan<byte> row, ReadOnlySpan<byte> down, Span<ushort> gradients, int from, int to)
    {
        int last = row.Length - 1;
        for (int x = from; x < to; x++)
        {
            int left = Math.Max(0, x - 1), right = Math.Min(last, x + 1);
            gradients[x] = (ushort)(Math.Abs(row[right] - row[left]) + Math.Abs(down[x] - up[x]));
        }
    }

    /// <summary>Columns 1 … returned end − 1, sixteen at a time, where both horizontal neighbours are inside the row.</summary>
    private static int ComputeInteriorVector128(ReadOnlySpan<byte> up, ReadOnlySpan<byte> row, ReadOnlySpan<byte> down, Span<ushort> gradients)
    {
        int width = row.Length;
        int x = 1;
        ref byte u = ref MemoryMarshal.GetReference(up);
        ref byte c = ref MemoryMarshal.GetReference(row);
        ref byte d = ref MemoryMarshal.GetReference(down);
        ref ushort g = ref MemoryMarshal.GetReference(gradients);
        for (; x + 17 <= width; x += 16)
        {
            // x − 1 … x + 16 are inside the row.
            Vector128<byte> left = Vector128.LoadUnsafe(ref c, (nuint)(x - 1));
            Vector128<byte> right = Vector128.LoadUnsafe(ref c, (nuint)(x + 1));
            Vector128<byte> above = Vector128.LoadUnsafe(ref u, (nuint)x);
            Vector128<byte> below = Vector128.LoadUnsafe(ref d, (nuint)x);
            Vector128<byte> dx = Vector128.Max(left, right) - Vector128.Min(left, right);
            Vector128<byte> dy = Vector128.Max(above, below) - Vector128.Min(above, below);
            (Vector128<ushort> dxLow, Vector128<ushort> dxHigh) = Vector128.Widen(dx);
            (Vector128<ushort> dyLow, Vector128<ushort> dyHigh) = Vector128.Widen(dy);
            (dxLow + dyLow).StoreUnsafe(ref g, (nuint)x);
            (dxHigh + dyHigh).StoreUnsafe(ref g, (nuint)(x + 8));
        }

        return x;
    }
}
