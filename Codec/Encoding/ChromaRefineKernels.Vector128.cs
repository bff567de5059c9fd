using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Encoding;

internal static partial class ChromaRefineKernels
{
    /// <summary><see cref="Blend"/> 4 floats at a time; the scalar path finishes the tail.</summary>
    internal static void BlendVector128(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float wa, float wb, Span<float> destination)
    {
        int n = destination.Length, i = 0;
        for (; i <= n - 4; i += 4)
        {
            ((Load128(a, i) * wa) + (Load128(b, i) * wb)).StoreUnsafe(ref Start(destination), (nuint)i);
        }

        BlendScalar(a, b, wa, wb, destination, i);
    }

    /// <summary><see cref="BlendMinus"/> 4 floats at a time; the scalar path finishes the tail.</summary>
    internal static void BlendMinusVector128(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> target, float wa, float wb, Span<float> destination)
    {
        int n = destination.Length, i = 0;
        for (; i <= n - 4; i += 4)
        {
            ((Load128(a, i) * wa) + (Load128(b, i) * wb) - Load128(target, i)).StoreUnsafe(ref Start(destination), (nuint)i);
        }

        BlendMinusScalar(a, b, target, wa, wb, destination, i);
    }

    /// <summary><see cref="Accumulate"/> 4 floats at a time; the scalar path finishes the tail.</summary>
    internal static void AccumulateVector128(ReadOnlySpan<float> centreA, ReadOnlySpan<float> centreB, ReadOnlySpan<float> right, ReadOnlySpan<float> left, Span<float> near, Span<float> far)
    {
        int n = near.Length, i = 0;
        for (; i <= n - 4; i += 4)
        {
            Vector128<float> h = ((Load128(centreA, i) + Load128(centreB, i)) * 0.75f) + (Load128(right, i) * 0.25f) + (Load128(left, i) * 0.25f);
            (Load128(near, i) + (h * 0.75f)).StoreUnsafe(ref Start(near), (nuint)i);
            (Load128(far, i) + (h * 0.25f)).StoreUnsafe(ref Start(far), (nuint)i);
        }

        AccumulateScalar(centreA, centreB, right, left, near, far, i);
    }

    /// <summary><see cref="Descend"/> 4 floats at a time; the scalar path finishes the tail.</summary>
    internal static void DescendVector128(Span<float> row, ReadOnlySpan<float> gradient, float step)
    {
        int n = row.Length, i = 0;
        for (; i <= n - 4; i += 4)
        {
            (Load128(row, i) - (Load128(gradient, i) * step)).StoreUnsafe(ref Start(row), (nuint)i);
        }

        DescendScalar(row, gradient, step, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Load128(ReadOnlySpan<float> span, int i)
    {
        _ = span[i + 3];                 // bounds: the loops stay below the destination's length
        return Vector128.LoadUnsafe(ref Start(span), (nuint)i);
    }
}
