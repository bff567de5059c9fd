using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Encoding;

internal static partial class ForwardDct
{
    /// <summary>One <see cref="Vector256{T}"/> per row of eight.</summary>
    internal static void TransformVector256(ReadOnlySpan<float> samples, Span<float> coefficients)
    {
        ReadOnlySpan<float> a = Basis;
        ReadOnlySpan<float> at = BasisTransposed;
        samples = samples[..64];
        coefficients = coefficients[..64];

        Vector256<float> at0 = Vector256.Create(at), at1 = Vector256.Create(at[8..]);
        Vector256<float> at2 = Vector256.Create(at[16..]), at3 = Vector256.Create(at[24..]);
        Vector256<float> at4 = Vector256.Create(at[32..]), at5 = Vector256.Create(at[40..]);
        Vector256<float> at6 = Vector256.Create(at[48..]), at7 = Vector256.Create(at[56..]);

        Span<Vector256<float>> g = stackalloc Vector256<float>[8];
        for (int y = 0; y < 8; y++)
        {
            ReadOnlySpan<float> f = samples.Slice(y * 8, 8);
            Vector256<float> sum = at0 * f[0];
            sum = MulAdd(at1, f[1], sum);
            sum = MulAdd(at2, f[2], sum);
            sum = MulAdd(at3, f[3], sum);
            sum = MulAdd(at4, f[4], sum);
            sum = MulAdd(at5, f[5], sum);
            sum = MulAdd(at6, f[6], sum);
            g[y] = MulAdd(at7, f[7], sum);
        }

        for (int v = 0; v < 8; v++)
        {
            ReadOnlySpan<float> row = a.Slice(v * 8, 8);
            Vector256<float> sum = g[0] * row[0];
            for (int y = 1; y < 8; y++)
            {
                sum = MulAdd(g[y], row[y], sum);
            }

            sum.CopyTo(coefficients.Slice(v * 8, 8));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MulAdd(Vector256<float> a, float b, Vector256<float> c) =>
        Vector256.MultiplyAddEstimate(a, Vector256.Create(b), c);
}
