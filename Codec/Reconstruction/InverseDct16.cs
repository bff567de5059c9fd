using System.Runtime.Intrinsics;

namespace RegionCodec.Reconstruction;

/// <summary>
/// The normative 16x16 integer inverse DCT of the 16x16 luma transform (spec/rsg.md §10.1): two passes of
/// 16-point products with the integer basis <see cref="Basis"/> (13 fractional bits), columns then rows,
/// keeping 2 fractional bits between the passes.
/// </summary>
/// <remarks>
/// All arithmetic is 32-bit two's complement and wraps, so the scalar reference and the SIMD paths (the same
/// sums, lane by lane, in the same order) agree for every input, including nonsense ones that overflow.
/// Both passes are broadcast-multiply-adds over whole rows, so no path needs a transpose.
/// </remarks>
internal static partial class InverseDct16
{
    /// <summary>Coefficients in, samples out.</summary>
    public const int BlockLength = 256;

    private const int Pass1Shift = 11;
    private const int Pass2Shift = 15;

    /// <summary>Pass 2's rounding plus the level shift of 128, in pass-2 units.</summary>
    private const int Pass2Offset = (1 << (Pass2Shift - 1)) + (128 << Pass2Shift);

    /// <summary>
    /// K[k·16 + n] = round(8192 · c(k) · cos((2n + 1)kπ / 32)), c(0) = 1/4, c(k) = √2/4: the orthonormal 16-point
    /// basis, frequency k, sample n. Tabulated in the spec.
    /// </summary>
    internal static readonly int[] Basis = CreateBasis();

    /// <summary>Inverse-transforms 256 dequantized coefficients (index v·16 + u) into 16x16 clamped samples, fastest path.</summary>
    /// <param name="coefficients">256 coefficients, natural order, orthonormal scaling (the (0, 0) coefficient is 16 × the mean).</param>
    /// <param name="destination">Row r, column c at <c>destination[r * destinationStride + c]</c>.</param>
    /// <param name="destinationStride">At least 16.</param>
    public static void Transform(ReadOnlySpan<int> coefficients, Span<byte> destination, int destinationStride)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            TransformVector256(coefficients, destination, destinationStride);
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

    /// <summary>The reference: a direct transcription of spec/rsg.md §10.1's 16-point pseudo-code.</summary>
    public static void TransformScalar(ReadOnlySpan<int> coefficients, Span<byte> destination, int destinationStride)
    {
        ValidateArguments(coefficients, destination, destinationStride);
        ReadOnlySpan<int> k = Basis;
        Span<int> workspace = stackalloc int[BlockLength];

        // Pass 1: down each column u, workspace[y·16 + u] = Σ_v K[v][y] · X[v][u], descaled to 2 fractional bits.
        for (int y = 0; y < 16; y++)
        {
            for (int u = 0; u < 16; u++)
            {
                int sum = 1 << (Pass1Shift - 1);
                for (int v = 0; v < 16; v++)
                {
                    sum += k[(v * 16) + y] * coefficients[(v * 16) + u];
                }

                workspace[(y * 16) + u] = sum >> Pass1Shift;
            }
        }

        // Pass 2: along each row y, sample[y][x] = Σ_u K[u][x] · workspace[y][u], descaled, level-shifted, clamped.
        for (int y = 0; y < 16; y++)
        {
            Span<byte> row = destination.Slice(y * destinationStride, 16);
            for (int x = 0; x < 16; x++)
            {
                int sum = Pass2Offset;
                for (int u = 0; u < 16; u++)
                {
                    sum += k[(u * 16) + x] * workspace[(y * 16) + u];
                }

                row[x] = (byte)Math.Clamp(sum >> Pass2Shift, 0, 255);
            }
        }
    }

    private static void ValidateArguments(ReadOnlySpan<int> coefficients, Span<byte> destination, int destinationStride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(coefficients.Length, BlockLength, nameof(coefficients));
        ArgumentOutOfRangeException.ThrowIfLessThan(destinationStride, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, (15 * destinationStride) + 16, nameof(destination));
    }

    private static int[] CreateBasis()
    {
        int[] basis = new int[BlockLength];
        for (int k = 0; k < 16; k++)
        {
            double scale = k == 0 ? 0.25 : Math.Sqrt(2) / 4;
            for (int n = 0; n < 16; n++)
            {
                basis[(k * 16) + n] = (int)Math.Round(8192 * scale * Math.Cos((2 * n + 1) * k * Math.PI / 32), MidpointRounding.AwayFromZero);
            }
        }

        return basis;
    }
}
