using System.Runtime.Intrinsics;

namespace RegionCodec.Coefficients;

internal static partial class NeighbourContext
{
    /// <summary>The Vector128 path; gives the same values as <see cref="ComputeScalar"/>. Needs at least one neighbour.</summary>
    internal static void ComputeVector128(ReadOnlySpan<short> above, ReadOnlySpan<short> left, ReadOnlySpan<short> corner, Span<short> magnitude)
    {
        bool hasAbove = !above.IsEmpty, hasLeft = !left.IsEmpty;
        Vector128<short> clamp = Vector128.Create((short)MagnitudeClamp);
        for (int i = 0; i < 64; i += 8)
        {
            Vector128<short> a = hasAbove ? Vector128.Create(above.Slice(i, 8)) : Vector128<short>.Zero;
            Vector128<short> l = hasLeft ? Vector128.Create(left.Slice(i, 8)) : Vector128<short>.Zero;
            Vector128<short> absA = Vector128.Min(Vector128.Abs(a), clamp), absL = Vector128.Min(Vector128.Abs(l), clamp);
            Vector128<short> sum;
            if (hasAbove && hasLeft)
            {
                Vector128<short> absC = Vector128.Min(Vector128.Abs(Vector128.Create(corner.Slice(i, 8))), clamp);
                sum = ((absA + absL) * 2) + absC;
            }
            else
            {
                sum = (absA + absL) * 5;
            }

            sum.CopyTo(magnitude.Slice(i, 8));
        }
    }
}
