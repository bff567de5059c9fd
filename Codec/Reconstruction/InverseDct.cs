using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Reconstruction;

/// <summary>
/// The codec's normative 8x8 integer inverse DCT (spec/rsg.md §10.1): the Loeffler-Ligtenberg-Moschytz
/// factorisation in 32-bit fixed point with CONST_BITS = 13 and PASS1_BITS = 2, as in IJG's "islow".
/// </summary>
/// <remarks>
/// Every path must produce identical bits for every input, including inputs whose intermediate sums
/// overflow: all arithmetic is unchecked 32-bit two's complement and wraps. The scalar path is the
/// reference; the SIMD paths evaluate the same sums lane-wise, and wrapping vector adds, multiplies
/// and arithmetic shifts behave exactly like their scalar counterparts.
/// </remarks>
internal static partial class InverseDct
{
    /// <summary>Number of coefficients in, and samples out of, one block.</summary>
    public const int BlockLength = 64;

    private const int ConstBits = 13;
    private const int Pass1Bits = 2;

    /// <summary>Pass 1 keeps PASS1_BITS fractional bits of extra precision in the workspace.</summary>
    private const int Pass1Shift = ConstBits - Pass1Bits;

    /// <summary>Pass 2 removes the constant scale, the pass-1 precision and the 1/8 of the 2-D normalisation.</summary>
    private const int Pass2Shift = ConstBits + Pass1Bits + 3;

    // FIX(x) = round(x * 2^13). Names give x.
    private const int Fix0_298631336 = 2446;
    private const int Fix0_390180644 = 3196;
    private const int Fix0_541196100 = 4433;
    private const int Fix0_765366865 = 6270;
    private const int Fix0_899976223 = 7373;
    private const int Fix1_175875602 = 9633;
    private const int Fix1_501321110 = 12299;
    private const int Fix1_847759065 = 15137;
    private const int Fix1_961570560 = 16069;
    private const int Fix2_053119869 = 16819;
    private const int Fix2_562915447 = 20995;
    private const int Fix3_072711026 = 25172;

    /// <summary>
    /// The sample value of every pixel of a block whose only non-zero coefficient is the DC
    /// <paramref name="dc"/>: the full transform gives 4·dc after pass 1 (no wrap is possible) and
    /// floor((dc + 4) / 8) after pass 2, so decoders may take this shortcut (tested for every 16-bit dc).
    /// </summary>
    public static byte FlatValue(short dc) => (byte)Math.Clamp(((dc + 4) >> 3) + 128, 0, 255);

    /// <summary>
    /// Inverse-transforms one block of dequantized coefficients into 8x8 clamped 8-bit samples,
    /// using the fastest path the hardware accelerates. All paths give identical results.
    /// </summary>
    /// <param name="coefficients">At least 64 coefficients in natural row-major order (index = v*8 + u,
    /// v = vertical frequency), JPEG (ITU T.81) scaling.</param>
    /// <param name="destination">Receives row r, column c at <c>destination[r * destinationStride + c]</c>;
    /// bytes between rows are left untouched.</param>
    /// <param name="destinationStride">Distance in bytes between rows; at least 8.</param>
    public static void Transform(ReadOnlySpan<short> coefficients, Span<byte> destination, int destinationStride)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            if (!TryTransformSparse(coefficients, destination, destinationStride))
            {
                TransformVector256(coefficients, destination, destinationStride);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            TransformVector128(coefficients, destination, destinationStride);
        }
        else
        {
            TransformScalar(coefficients, destination, destinationStride);
        }
    }

    /// <summary>
    /// The reference implementation: a direct transcription of spec/rsg.md §10.1.
    /// Same contract as <see cref="Transform"/>.
    /// </summary>
    public static void TransformScalar(ReadOnlySpan<short> coefficients, Span<byte> destination, int destinationStride)
    {
        ValidateArguments(coefficients, destination, destinationStride);
        Span<int> workspace = stackalloc int[BlockLength];

        // Pass 1: one 1-D IDCT down each column u; workspace[y*8 + u] holds the result for row y.
        for (int u = 0; u < 8; u++)
        {
            Kernel(
                coefficients[u], coefficients[8 + u], coefficients[16 + u], coefficients[24 + u],
                coefficients[32 + u], coefficients[40 + u], coefficients[48 + u], coefficients[56 + u],
                out int o0, out int o1, out int o2, out int o3, out int o4, out int o5, out int o6, out int o7);
            workspace[u] = Descale(o0, Pass1Shift);
            workspace[8 + u] = Descale(o1, Pass1Shift);
            workspace[16 + u] = Descale(o2, Pass1Shift);
            workspace[24 + u] = Descale(o3, Pass1Shift);
            workspace[32 + u] = Descale(o4, Pass1Shift);
            workspace[40 + u] = Descale(o5, Pass1Shift);
            workspace[48 + u] = Descale(o6, Pass1Shift);
            workspace[56 + u] = Descale(o7, Pass1Shift);
        }

        // Pass 2: one 1-D IDCT along each workspace row y, then level shift and clamp.
        for (int y = 0; y < 8; y++)
        {
            ReadOnlySpan<int> w = workspace.Slice(y * 8, 8);
            Kernel(
                w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7],
                out int o0, out int o1, out int o2, out int o3, out int o4, out int o5, out int o6, out int o7);
            Span<byte> row = destination.Slice(y * destinationStride, 8);
            row[0] = ToSample(o0);
            row[1] = ToSample(o1);
            row[2] = ToSample(o2);
            row[3] = ToSample(o3);
            row[4] = ToSample(o4);
            row[5] = ToSample(o5);
            row[6] = ToSample(o6);
            row[7] = ToSample(o7);
        }
    }

    /// <summary>
    /// One 1-D LLM IDCT on inputs i0..i7 (i_k = frequency k), giving the outputs o0..o7 (o_n = position n)
    /// still scaled by 2^CONST_BITS; the caller descales. Pure ring arithmetic modulo 2^32.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Kernel(
        int i0, int i1, int i2, int i3, int i4, int i5, int i6, int i7,
        out int o0, out int o1, out int o2, out int o3, out int o4, out int o5, out int o6, out int o7)
    {
        unchecked
        {
            // Even part (inputs 0, 2, 4, 6):
            //   z1    = (i2 + i6) * FIX(0.541196100)
            //   even2 = z1 - i6 * FIX(1.847759065)
            //   even3 = z1 + i2 * FIX(0.765366865)
            //   even0 = (i0 + i4) << 13
            //   even1 = (i0 - i4) << 13
            //   t10 = even0 + even3,  t13 = even0 - even3
            //   t11 = even1 + even2,  t12 = even1 - even2
            int z1 = (i2 + i6) * Fix0_541196100;
            int even2 = z1 - (i6 * Fix1_847759065);
            int even3 = z1 + (i2 * Fix0_765366865);
            int even0 = (i0 + i4) << ConstBits;
            int even1 = (i0 - i4) << ConstBits;
            int t10 = even0 + even3;
            int t13 = even0 - even3;
            int t11 = even1 + even2;
            int t12 = even1 - even2;

            // Odd part (inputs 7, 5, 3, 1):
            //   s1 = i7 + i1,  s2 = i5 + i3,  s3 = i7 + i3,  s4 = i5 + i1
            //   z5 = (s3 + s4) * FIX(1.175875602)
            //   s1' = s1 * -FIX(0.899976223)
            //   s2' = s2 * -FIX(2.562915447)
            //   s3' = s3 * -FIX(1.961570560) + z5
            //   s4' = s4 * -FIX(0.390180644) + z5
            //   odd0 = i7 * FIX(0.298631336) + s1' + s3'
            //   odd1 = i5 * FIX(2.053119869) + s2' + s4'
            //   odd2 = i3 * FIX(3.072711026) + s2' + s3'
            //   odd3 = i1 * FIX(1.501321110) + s1' + s4'
            int s1 = i7 + i1;
            int s2 = i5 + i3;
            int s3 = i7 + i3;
            int s4 = i5 + i1;
            int z5 = (s3 + s4) * Fix1_175875602;
            s1 *= -Fix0_899976223;
            s2 *= -Fix2_562915447;
            s3 = (s3 * -Fix1_961570560) + z5;
            s4 = (s4 * -Fix0_390180644) + z5;
            int odd0 = (i7 * Fix0_298631336) + s1 + s3;
            int odd1 = (i5 * Fix2_053119869) + s2 + s4;
            int odd2 = (i3 * Fix3_072711026) + s2 + s3;
            int odd3 = (i1 * Fix1_501321110) + s1 + s4;

            // Output butterfly.
            o0 = t10 + odd3;
            o7 = t10 - odd3;
            o1 = t11 + odd2;
            o6 = t11 - odd2;
            o2 = t12 + odd1;
            o5 = t12 - odd1;
            o3 = t13 + odd0;
            o4 = t13 - odd0;
        }
    }

    /// <summary>DESCALE(x, n) = (x + 2^(n-1)) >> n, with a wrapping add and an arithmetic shift.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Descale(int x, int n) => unchecked(x + (1 << (n - 1))) >> n;

    /// <summary>Final pass-2 descale, level shift and clamp. The descaled value is within +-2^13, so +128 cannot overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte ToSample(int x) => (byte)Math.Clamp(Descale(x, Pass2Shift) + 128, 0, 255);

    private static void ValidateArguments(ReadOnlySpan<short> coefficients, Span<byte> destination, int destinationStride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(coefficients.Length, BlockLength, nameof(coefficients));
        ArgumentOutOfRangeException.ThrowIfLessThan(destinationStride, 8, nameof(destinationStride));

        // Checked in long: a huge stride must not wrap around to a small required length.
        if (destination.Length < (7L * destinationStride) + 8)
        {
            throw new ArgumentException("Destination is too small for 8 rows at the given stride.", nameof(destination));
        }
    }
}
