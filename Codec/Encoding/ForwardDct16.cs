using System.Runtime.Intrinsics;

namespace RegionCodec.Encoding;

/// <summary>
/// Encoder-side 16x16 forward DCT in single precision, orthonormal (the (0, 0) coefficient is 16 × the mean), the
/// scaling the decoder's <see cref="Reconstruction.InverseDct16"/> inverts. Not normative. Vector256 operations run in software where the hardware lacks them, with the same results.
/// </summary>
internal static class ForwardDct16
{
    /// <summary>A[k·16 + n] = c(k) · cos((2n + 1)kπ / 32), c(0) = 1/4, c(k) = √2/4.</summary>
    private static readonly float[] Basis = CreateBasis();

    /// <summary>Aᵀ[n·16 + k] = A[k][n].</summary>
    private static readonly float[] BasisTransposed = Transpose(Basis);

    /// <summary>
    /// Transforms 256 level-shifted samples (row-major) into 256 coefficients (index v·16 + u). Both products are
    /// broadcast multiply-adds on rows of 8 (G[y] = Σ_x f[y][x] · Aᵀ[x], F[v] = Σ_y A[v][y] · G[y]), so neither needs a transpose.
    /// </summary>
    public static void Transform(ReadOnlySpan<float> samples, Span<float> coefficients)
    {
        ReadOnlySpan<float> a = Basis, at = BasisTransposed;
        Span<float> rows = stackalloc float[256];
        for (int y = 0; y < 16; y++)
        {
            Vector256<float> left = Vector256<float>.Zero, right = Vector256<float>.Zero;
            for (int x = 0; x < 16; x++)
            {
                Vector256<float> f = Vector256.Create(samples[(y * 16) + x]);
                left += f * Vector256.Create(at.Slice(x * 16, 8));
                right += f * Vector256.Create(at.Slice((x * 16) + 8, 8));
            }

            left.CopyTo(rows.Slice(y * 16, 8));
            right.CopyTo(rows.Slice((y * 16) + 8, 8));
        }

        for (int v = 0; v < 16; v++)
        {
            Vector256<float> left = Vector256<float>.Zero, right = Vector256<float>.Zero;
            for (int y = 0; y < 16; y++)
            {
                Vector256<float> weight = Vector256.Create(a[(v * 16) + y]);
                left += weight * Vector256.Create((ReadOnlySpan<float>)rows.Slice(y * 16, 8));
                right += weight * Vector256.Create((ReadOnlySpan<float>)rows.Slice((y * 16) + 8, 8));
            }

            left.CopyTo(coefficients.Slice(v * 16, 8));
            right.CopyTo(coefficients.Slice((v * 16) + 8, 8));
        }
    }

    private static float[] Transpose(float[] basis)
    {
        float[] transposed = new float[256];
        for (int k = 0; k < 16; k++)
        {
            for (int n = 0; n < 16; n++)
            {
                transposed[(n * 16) + k] = basis[(k * 16) + n];
            }
        }

        return transposed;
    }

    private static float[] CreateBasis()
    {
        float[] basis = new float[256];
        for (int k = 0; k < 16; k++)
        {
            double scale = k == 0 ? 0.25 : Math.Sqrt(2) / 4;
            for (int n = 0; n < 16; n++)
            {
                basis[(k * 16) + n] = (float)(scale * Math.Cos((2 * n + 1) * k * Math.PI / 32));
            }
        }

        return basis;
    }
}
