using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Encoding;

internal static partial class ForwardDct
{
    /// <summary>Two <see cref="Vector128{T}"/> (columns 0..3 and 4..7) per row of eight.</summary>
    internal static void TransformVector128(ReadOnlySpan<float> samples, Span<float> coefficients)
    {
        ReadOnlySpan<float> a = Basis;
        ReadOnlySpan<float> at = BasisTransposed;
        samples = samples[..64];
        coefficients = coefficients[..64];

        // g[2y] / g[2y+1] hold G[y][0..3] / G[y][4..7].
        Span<Vector128<float>> g = stackalloc Vector128<float>[16];
        for (int y = 0; y < 8; y++)
        {
            ReadOnlySpan<float> f = samples.Slice(y * 8, 8);
            Vector128<float> lo = Vector128.Create(at) * f[0];
            Vector128<float> hi = Vector128.Create(at[4..]) * f[0];
            for (int x = 1; x < 8; x++)
            {
                lo = MulAdd(Vector128.Create(at[(x * 8)..]), f[x], lo);
                hi = MulAdd(Vector128.Create(at[((x * 8) + 4)..]), f[x], hi);
            }

            g[2 * y] = lo;
            g[(2 * y) + 1] = hi;
        }

        for (int v = 0; v < 8; v++)
        {
            ReadOnlySpan<float> row = a.Slice(v * 8, 8);
            Vector128<float> lo = g[0] * row[0];
            Vector128<float> hi = g[1] * row[0];
            for (int y = 1; y < 8; y++)
            {
                lo = MulAdd(g[2 * y], row[y], lo);
                hi = MulAdd(g[(2 * y) + 1], row[y], hi);
            }

            lo.CopyTo(coefficients.Slice(v * 8, 4));
            hi.CopyTo(coefficients.Slice((v * 8) + 4, 4));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> MulAdd(Vector128<float> a, float b, Vector128<float> c) =>
        Vector128.MultiplyAddEstimate(a, Vector128.Create(b), c);
}
