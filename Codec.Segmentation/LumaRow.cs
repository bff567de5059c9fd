using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RegionCodec.Segmentation;

/// <summary>
/// One row of <see cref="RsgLuma.Of"/> over interleaved 3- or 4-byte pixels, sixteen pixels at a time
/// (the samples gathered by byte shuffles, the fixed-point sum in 32-bit lanes); the scalar tail and the
/// scalar path give the same bytes.
/// </summary>
internal static class LumaRow
{
    private const uint Red16 = 19595, Green16 = 38470, Blue16 = 7471;

    /// <summary>Luma of <paramref name="dst"/>.Length pixels of <paramref name="bytesPerPixel"/> (3 or 4) bytes; red at <paramref name="red"/>, blue at <paramref name="blue"/>, green at 1.</summary>
    public static void Convert(ReadOnlySpan<byte> row, int bytesPerPixel, int red, int blue, Span<byte> dst)
    {
        int x = 0;
        if (Ssse3.IsSupported && Vector256.IsHardwareAccelerated)
        {
            x = bytesPerPixel == 3 ? ConvertVector3(row, red, blue, dst) : ConvertVector4(row, red, blue, dst);
        }

        for (int i = x * bytesPerPixel; x < dst.Length; x++, i += bytesPerPixel)
        {
            dst[x] = RsgLuma.Of(row[i + red], row[i + 1], row[i + blue]);
        }
    }

    private static int ConvertVector3(ReadOnlySpan<byte> row, int red, int blue, Span<byte> dst)
    {
        ref byte source = ref MemoryMarshal.GetReference(row);
        ref byte target = ref MemoryMarshal.GetReference(dst);
        Vector128<byte> r0 = Indices(red, 0, 3), r1 = Indices(red, 16, 3), r2 = Indices(red, 32, 3);
        Vector128<byte> g0 = Indices(1, 0, 3), g1 = Indices(1, 16, 3), g2 = Indices(1, 32, 3);
        Vector128<byte> b0 = Indices(blue, 0, 3), b1 = Indices(blue, 16, 3), b2 = Indices(blue, 32, 3);
        int x = 0;
        for (; x + 16 <= dst.Length; x += 16)
        {
            nuint at = (nuint)(x * 3);
            Vector128<byte> a = Vector128.LoadUnsafe(ref source, at), b = Vector128.LoadUnsafe(ref source, at + 16), c = Vector128.LoadUnsafe(ref source, at + 32);
            Vector128<byte> r = Ssse3.Shuffle(a, r0) | Ssse3.Shuffle(b, r1) | Ssse3.Shuffle(c, r2);
            Vector128<byte> g = Ssse3.Shuffle(a, g0) | Ssse3.Shuffle(b, g1) | Ssse3.Shuffle(c, g2);
            Vector128<byte> bl = Ssse3.Shuffle(a, b0) | Ssse3.Shuffle(b, b1) | Ssse3.Shuffle(c, b2);
            Weigh(r, g, bl).StoreUnsafe(ref target, (nuint)x);
        }

        return x;
    }

    private static int ConvertVector4(ReadOnlySpan<byte> row, int red, int blue, Span<byte> dst)
    {
        ref byte source = ref MemoryMarshal.GetReference(row);
        ref byte target = ref MemoryMarshal.GetReference(dst);
        Vector128<byte> r0 = Indices(red, 0, 4), r1 = Indices(red, 16, 4), r2 = Indices(red, 32, 4), r3 = Indices(red, 48, 4);
        Vector128<byte> g0 = Indices(1, 0, 4), g1 = Indices(1, 16, 4), g2 = Indices(1, 32, 4), g3 = Indices(1, 48, 4);
        Vector128<byte> b0 = Indices(blue, 0, 4), b1 = Indices(blue, 16, 4), b2 = Indices(blue, 32, 4), b3 = Indices(blue, 48, 4);
        int x = 0;
        for (; x + 16 <= dst.Length; x += 16)
        {
            nuint at = (nuint)(x * 4);
            Vector128<byte> a = Vector128.LoadUnsafe(ref source, at), b = Vector128.LoadUnsafe(ref source, at + 16);
            Vector128<byte> c = Vector128.LoadUnsafe(ref source, at + 32), d = Vector128.LoadUnsafe(ref source, at + 48);
            Vector128<byte> r = Ssse3.Shuffle(a, r0) | Ssse3.Shuffle(b, r1) | Ssse3.Shuffle(c, r2) | Ssse3.Shuffle(d, r3);
            Vector128<byte> g = Ssse3.Shuffle(a, g0) | Ssse3.Shuffle(b, g1) | Ssse3.Shuffle(c, g2) | Ssse3.Shuffle(d, g3);
            Vector128<byte> bl = Ssse3.Shuffle(a, b0) | Ssse3.Shuffle(b, b1) | Ssse3.Shuffle(c, b2) | Ssse3.Shuffle(d, b3);
            Weigh(r, g, bl).StoreUnsafe(ref target, (nuint)x);
        }

        return x;
    }

    /// <summary>Shuffle indices picking byte <paramref name="offset"/> of pixel k (k = 0..15) from the 16 bytes starting at <paramref name="start"/>; 0x80 (the shuffle gives 0) elsewhere.</summary>
    private static Vector128<byte> Indices(int offset, int start, int bytesPerPixel)
    {
        Span<byte> indices = stackalloc byte[16];
        for (int k = 0; k < 16; k++)
        {
            int at = (k * bytesPerPixel) + offset - start;
            indices[k] = at is >= 0 and < 16 ? (byte)at : (byte)0x80;
        }

        return Vector128.Create((ReadOnlySpan<byte>)indices);
    }

    /// <summary>(19595 r + 38470 g + 7471 b + 32768) >> 16 for 16 pixels, exactly as <see cref="RsgLuma.Of"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Weigh(Vector128<byte> r, Vector128<byte> g, Vector128<byte> b)
    {
        (Vector128<ushort> rLow, Vector128<ushort> rHigh) = Vector128.Widen(r);
        (Vector128<ushort> gLow, Vector128<ushort> gHigh) = Vector128.Widen(g);
        (Vector128<ushort> bLow, Vector128<ushort> bHigh) = Vector128.Widen(b);
        Vector256<uint> low = Sum(Vector256.WidenLower(rLow.ToVector256Unsafe()), Vector256.WidenLower(gLow.ToVector256Unsafe()), Vector256.WidenLower(bLow.ToVector256Unsafe()));
        Vector256<uint> high = Sum(Vector256.WidenLower(rHigh.ToVector256Unsafe()), Vector256.WidenLower(gHigh.ToVector256Unsafe()), Vector256.WidenLower(bHigh.ToVector256Unsafe()));
        Vector256<ushort> words = Vector256.Narrow(low, high); // each ≤ 255
        return Vector128.Narrow(words.GetLower(), words.GetUpper());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Sum(Vector256<uint> r, Vector256<uint> g, Vector256<uint> b) =>
        ((r * Red16) + (g * Green16) + (b * Blue16) + Vector256.Create(32768u)) >> 16;
}
