using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Encoding;

/// <summary>
/// The element-wise steps of <see cref="ChromaDownsampler"/>'s gradient refinement. Each step computes
/// every element with the same operations in the same order on every path (Vector256, Vector128, scalar),
/// so the encoder writes the same bytes on every machine. Not normative.
/// </summary>
internal static class ChromaRefineKernels
{
    /// <summary><c>destination[i] = wa·a[i] + wb·b[i]</c>.</summary>
    public static void Blend(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float wa, float wb, Span<float> destination)
    {
        int n = destination.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - 8; i += 8)
            {
                ((Load256(a, i) * wa) + (Load256(b, i) * wb)).StoreUnsafe(ref Start(destination), (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - 4; i += 4)
            {
                ((Load128(a, i) * wa) + (Load128(b, i) * wb)).StoreUnsafe(ref Start(destination), (nuint)i);
            }
        }

        BlendScalar(a, b, wa, wb, destination, i);
    }

    /// <summary><c>destination[i] = wa·a[i] + wb·b[i] − target[i]</c>.</summary>
    public static void BlendMinus(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> target, float wa, float wb, Span<float> destination)
    {
        int n = destination.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - 8; i += 8)
            {
                ((Load256(a, i) * wa) + (Load256(b, i) * wb) - Load256(target, i)).StoreUnsafe(ref Start(destination), (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - 4; i += 4)
            {
                ((Load128(a, i) * wa) + (Load128(b, i) * wb) - Load128(target, i)).StoreUnsafe(ref Start(destination), (nuint)i);
            }
        }

        BlendMinusScalar(a, b, target, wa, wb, destination, i);
    }

    /// <summary>
    /// The transposed horizontal pass, spread over two chroma rows: with
    /// <c>h = ¾·(centreA[i] + centreB[i]) + ¼·right[i] + ¼·left[i]</c>, adds ¾·h to <paramref name="near"/>[i]
    /// and then ¼·h to <paramref name="far"/>[i] (which may be the same row).
    /// </summary>
    public static void Accumulate(ReadOnlySpan<float> centreA, ReadOnlySpan<float> centreB, ReadOnlySpan<float> right, ReadOnlySpan<float> left,
        Span<float> near, Span<float> far)
    {
        int n = near.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - 8; i += 8)
            {
                Vector256<float> h = ((Load256(centreA, i) + Load256(centreB, i)) * 0.75f) + (Load256(right, i) * 0.25f) + (Load256(left, i) * 0.25f);
                (Load256(near, i) + (h * 0.75f)).StoreUnsafe(ref Start(near), (nuint)i);
                (Load256(far, i) + (h * 0.25f)).StoreUnsafe(ref Start(far), (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - 4; i += 4)
            {
                Vector128<float> h = ((Load128(centreA, i) + Load128(centreB, i)) * 0.75f) + (Load128(right, i) * 0.25f) + (Load128(left, i) * 0.25f);
                (Load128(near, i) + (h * 0.75f)).StoreUnsafe(ref Start(near), (nuint)i);
                (Load128(far, i) + (h * 0.25f)).StoreUnsafe(ref Start(far), (nuint)i);
            }
        }

        AccumulateScalar(centreA, centreB, right, left, near, far, i);
    }

    /// <summary><c>row[i] = row[i] − step·gradient[i]</c>.</summary>
    public static void Descend(Span<float> row, ReadOnlySpan<float> gradient, float step)
    {
        int n = row.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - 8; i += 8)
            {
                (Load256(row, i) - (Load256(gradient, i) * step)).StoreUnsafe(ref Start(row), (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - 4; i += 4)
            {
                (Load128(row, i) - (Load128(gradient, i) * step)).StoreUnsafe(ref Start(row), (nuint)i);
            }
        }

        DescendScalar(row, gradient, step, i);
    }

    /// <summary>The scalar path of <see cref="Blend"/> from element <paramref name="start"/>.</summary>
    internal static void BlendScalar(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float wa, float wb, Span<float> destination, int start = 0)
    {
        for (int i = start; i < destination.Length; i++)
        {
            destination[i] = (a[i] * wa) + (b[i] * wb);
        }
    }

    /// <summary>The scalar path of <see cref="BlendMinus"/> from element <paramref name="start"/>.</summary>
    internal static void BlendMinusScalar(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> target, float wa, float wb, Span<float> destination, int start = 0)
    {
        for (int i = start; i < destination.Length; i++)
        {
            destination[i] = (a[i] * wa) + (b[i] * wb) - target[i];
        }
    }

    /// <summary>The scalar path of <see cref="Accumulate"/> from element <paramref name="start"/>.</summary>
    internal static void AccumulateScalar(ReadOnlySpan<float> centreA, ReadOnlySpan<float> centreB, ReadOnlySpan<float> right, ReadOnlySpan<float> left,
        Span<float> near, Span<float> far, int start = 0)
    {
        for (int i = start; i < near.Length; i++)
        {
            float h = ((centreA[i] + centreB[i]) * 0.75f) + (right[i] * 0.25f) + (left[i] * 0.25f);
            near[i] += h * 0.75f;
            far[i] += h * 0.25f;
        }
    }

    /// <summary>The scalar path of <see cref="Descend"/> from element <paramref name="start"/>.</summary>
    internal static void DescendScalar(Span<float> row, ReadOnlySpan<float> gradient, float step, int start = 0)
    {
        for (int i = start; i < row.Length; i++)
        {
            row[i] -= gradient[i] * step;
        }
    }

    // Callers pass spans at least as long as the destination; the loops stay below its length.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref float Start(ReadOnlySpan<float> span) => ref MemoryMarshal.GetReference(span);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load256(ReadOnlySpan<float> span, int i)
    {
        _ = span[i + 7];
        return Vector256.LoadUnsafe(ref Start(span), (nuint)i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Load128(ReadOnlySpan<float> span, int i)
    {
        _ = span[i + 3];
        return Vector128.LoadUnsafe(ref Start(span), (nuint)i);
    }
}
