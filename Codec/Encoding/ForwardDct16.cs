namespace RegionCodec.Encoding;

/// <summary>
/// Encoder-side 16x16 forward DCT in single precision, orthonormal (the (0, 0) coefficient is 16 × the mean), the
/// scaling the decoder's <see cref="Reconstruction.InverseDct16"/> inverts. Not normative.
/// </summary>
internal static class ForwardDct16
{
    /// <summary>A[k·16 + n] = c(k) · cos((2n + 1)kπ / 32), c(0) = 1/4, c(k) = √2/4.</summary>
    private static readonly float[] Basis = CreateBasis();

    /// <summary>Transforms 256 level-shifted samples (row-major) into 256 coefficients (index v·16 + u).</summary>
    public static void Transform(ReadOnlySpan<float> samples, Span<float> coefficients)
    {
        ReadOnlySpan<float> a = Basis;
        Span<float> rows = stackalloc float[256];

        // Rows: G[y][u] = Σ_x f[y][x] · A[u][x]; then columns: F[v][u] = Σ_y A[v][y] · G[y][u].
        for (int y = 0; y < 16; y++)
        {
            ReadOnlySpan<float> f = samples.Slice(y * 16, 16);
            for (int u = 0; u < 16; u++)
            {
                ReadOnlySpan<float> basis = a.Slice(u * 16, 16);
                float sum = 0f;
                for (int x = 0; x < 16; x++)
                {
                    sum += f[x] * basis[x];
                }

                rows[(y * 16) + u] = sum;
            }
        }

        coefficients[..256].Clear();
        for (int v = 0; v < 16; v++)
        {
            Span<float> output = coefficients.Slice(v * 16, 16);
            for (int y = 0; y < 16; y++)
            {
                float weight = a[(v * 16) + y];
                ReadOnlySpan<float> g = rows.Slice(y * 16, 16);
                for (int u = 0; u < 16; u++)
                {
                    output[u] += weight * g[u];
                }
            }
        }
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
