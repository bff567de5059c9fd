using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Encoding;

/// <summary>
/// Encoder-side 8x8 forward DCT in single precision. Not normative: any sufficiently accurate
/// forward transform produces a conforming stream, because only the decoder's IDCT is specified.
/// </summary>
/// <remarks>
/// The 2-D DCT with JPEG (ITU T.81) scaling is F = A f Aᵀ with the orthonormal 1-D basis
/// A[k][n] = C(k)/2 · cos((2n+1)kπ/16), C(0) = 1/√2, C(k) = 1 otherwise, f[y][x] the samples and
/// F[v][u] the coefficients. Both products are evaluated as broadcast-multiply-adds on whole rows,
/// so neither step needs a transpose:
///   G[y] = Σ_x f[y][x] · Aᵀ[x]   (row vector over u)
///   F[v] = Σ_y A[v][y] · G[y]
/// </remarks>
internal static partial class ForwardDct
{
    /// <summary>A[k][n] at index k*8 + n, from double precision.</summary>
    private static readonly float[] Basis = CreateBasis();

    /// <summary>Aᵀ[n][k] = A[k][n] at index n*8 + k.</summary>
    private static readonly float[] BasisTransposed = Transpose(Basis);

    /// <summary>
    /// Transforms 64 level-shifted samples (sample - 128), row-major, into 64 DCT coefficients in
    /// natural order (index = v*8 + u, v = vertical frequency) with JPEG scaling, so that a standard
    /// quantization table applies directly. Maximum error against the exact transform is below 1e-3.
    /// </summary>
    /// <param name="samples">At least 64 samples; <c>samples[y*8 + x]</c>.</param>
    /// <param name="coefficients">At least 64 outputs; may not overlap <paramref name="samples"/>.</param>
    public static void Transform(ReadOnlySpan<float> samples, Span<float> coefficients)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples.Length, 64, nameof(samples));
        ArgumentOutOfRangeException.ThrowIfLessThan(coefficients.Length, 64, nameof(coefficients));

        if (Vector256.IsHardwareAccelerated)
        {
            TransformVector256(samples, coefficients);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            TransformVector128(samples, coefficients);
        }
        else
        {
            TransformScalar(samples, coefficients);
        }
    }

    /// <summary>Straightforward loops over the same two products; the fallback and a readable reference.</summary>
    internal static void TransformScalar(ReadOnlySpan<float> samples, Span<float> coefficients)
    {
        ReadOnlySpan<float> a = Basis;
        Span<float> g = stackalloc float[64];
        for (int y = 0; y < 8; y++)
        {
            for (int u = 0; u < 8; u++)
            {
                float sum = 0;
                for (int x = 0; x < 8; x++)
                {
                    sum += samples[(y * 8) + x] * a[(u * 8) + x];
                }

                g[(y * 8) + u] = sum;
            }
        }

        for (int v = 0; v < 8; v++)
        {
            for (int u = 0; u < 8; u++)
            {
                float sum = 0;
                for (int y = 0; y < 8; y++)
                {
                    sum += a[(v * 8) + y] * g[(y * 8) + u];
                }

                coefficients[(v * 8) + u] = sum;
            }
        }
    }

    // Fused where the hardware has FMA, separate multiply and add otherwise; either is accurate enough here.
    private static float[] CreateBasis()
    {
        var basis = new float[64];
        for (int k = 0; k < 8; k++)
        {
            double scale = k == 0 ? Math.Sqrt(0.125) : 0.5;
            for (int n = 0; n < 8; n++)
            {
                basis[(k * 8) + n] = (float)(scale * Math.Cos(((2 * n) + 1) * k * Math.PI / 16));
            }
        }

        return basis;
    }

    private static float[] Transpose(float[] matrix)
    {
        var transposed = new float[64];
        for (int i = 0; i < 8; i++)
        {
            for (int j = 0; j < 8; j++)
            {
                transposed[(j * 8) + i] = matrix[(i * 8) + j];
            }
        }

        return transposed;
    }
}
