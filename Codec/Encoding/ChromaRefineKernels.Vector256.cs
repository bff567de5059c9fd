using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Encoding;

internal static partial class ChromaRefineKernels
{
    /// <summary><see cref="Blend"/> 8 floats at a time; the scalar path finishes the tail.</summary>
    internal static void BlendVector256(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float wa, float wb, Span<float> destination)
    {
        int n = destination.Length, i = 0;
        for (; i <= n - 8; i += 8)
        {
            ((Load256(a, i) * wa) + (Load256(b, i) * wb)).StoreUnsafe(ref Start(destination), (nuint)i);
        }

        BlendScalar(a, b, wa, wb, destination, i);
    }

    /// <summary><see cref="BlendMinus"/> 8 floats at a time; the scalar path finishes the tail.</summary>
    internal static void BlendMinusVector256(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> target, float wa, float wb, Span<float> destination)
    {
        int n = destination.Length, i = 0;
        for (; i <= n - 8; i += 8)
        {
            ((Load256(a, i) * wa) + (Load256(b, i) * wb) - Load256(target, i)).StoreUnsafe(ref Start(destination), (nuint)i);
        }

        BlendMinusScalar(a, b, target, wa, wb, destination, i);
    }

    /// <summary><see cref="Accumulate"/> 8 floats at a time; the scalar path finishes the tail.</summary>
    internal static void AccumulateVector256(ReadOnlySpan<float> centreA, ReadOnlySpan<float> centreB, ReadOnlySpan<float> right, ReadOnlySpan<float> left, Span<float> near, Span<float> far)
    {
        int n = near.Length, i = 0;
        for (; i <= n - 8; i += 8)
        {
            Vector256<float> h = ((Load256(centreA, i) + Load256(centreB, i)) * 0.75f) + (Load256(right, i) * 0.25f) + (Load256(left, i) * 0.25f);
            (Load256(near, i) + (h * 0.75f)).StoreUnsafe(ref Start(near), (nuint)i);
            (Load256(far, i) + (h * 0.25f)).StoreUnsafe(ref Start(far), (nuint)i);
        }

        AccumulateScalar(centreA, centreB, right, left, near, far, i);
    }

    /// <summary><see cref="Descend"/> 8 floats at a time; the scalar path finishes the tail.</summary>
    internal static void DescendVector256(Span<float> row, ReadOnlySpan<float> gradient, float step)
    {
        int n = row.Length, i = 0;
        for (; i <= n - 8; i += 8)
        {
            (Load256(row, i) - (Load256(gradient, i) * step)).StoreUnsafe(ref Start(row), (nuint)i);
        }

        DescendScalar(row, gradient, step, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load256(ReadOnlySpan<float> span, int i)
    {
        _ = span[i + 7];                 // bounds: the loops stay below the destination's length
        return Vector256.LoadUnsafe(ref Start(span), (nuint)i);
    }
}
