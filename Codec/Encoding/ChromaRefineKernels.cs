using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RegionCodec.Encoding;

/// <summary>
/// The element-wise steps of <see cref="ChromaDownsampler"/>'s gradient refinement: scalar reference and
/// dispatch here, the vector paths beside it. Every path computes each element with the same operations in
/// the same order, so the encoder writes the same bytes on every machine. Not normative.
/// </summary>
internal static partial class ChromaRefineKernels
{
    /// <summary><c>destination[i] = wa·a[i] + wb·b[i]</c>.</summary>
    public static void Blend(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float wa, float wb, Span<float> destination)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            BlendVector256(a, b, wa, wb, destination);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            BlendVector128(a, b, wa, wb, destination);
        }
        else
        {
            BlendScalar(a, b, wa, wb, destination);
        }
    }

    /// <summary><c>destination[i] = wa·a[i] + wb·b[i] − target[i]</c>.</summary>
    public static void BlendMinus(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> target, float wa, float wb, Span<float> destination)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            BlendMinusVector256(a, b, target, wa, wb, destination);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            BlendMinusVector128(a, b, target, wa, wb, destination);
        }
        else
        {
            BlendMinusScalar(a, b, target, wa, wb, destination);
        }
    }

    /// <summary>
    /// The transposed horizontal pass, spread over two chroma rows: with
    /// <c>h = ¾·(centreA[i] + centreB[i]) + ¼·right[i] + ¼·left[i]</c>, adds ¾·h to <paramref name="near"/>[i]
    /// and then ¼·h to <paramref name="far"/>[i] (which may be the same row).
    /// </summary>
    public static void Accumulate(ReadOnlySpan<float> centreA, ReadOnlySpan<float> centreB, ReadOnlySpan<float> right, ReadOnlySpan<float> left, Span<float> near, Span<float> far)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            AccumulateVector256(centreA, centreB, right, left, near, far);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            AccumulateVector128(centreA, centreB, right, left, near, far);
        }
        else
        {
            AccumulateScalar(centreA, centreB, right, left, near, far);
        }
    }

    /// <summary><c>row[i] = row[i] − step·gradient[i]</c>.</summary>
    public static void Descend(Span<float> row, ReadOnlySpan<float> gradient, float step)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            DescendVector256(row, gradient, step);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            DescendVector128(row, gradient, step);
        }
        else
        {
            DescendScalar(row, gradient, step);
        }
    }

    /// <summary>The scalar reference of <see cref="Blend"/>, from element <paramref name="start"/> on.</summary>
    internal static void BlendScalar(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float wa, float wb, Span<float> destination, int start = 0)
    {
        for (int i = start; i < destination.Length; i++)
        {
            destination[i] = (a[i] * wa) + (b[i] * wb);
        }
    }

    /// <summary>The scalar reference of <see cref="BlendMinus"/>, from element <paramref name="start"/> on.</summary>
    internal static void BlendMinusScalar(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> target, float wa, float wb, Span<float> destination, int start = 0)
    {
        for (int i = start; i < destination.Length; i++)
        {
            destination[i] = (a[i] * wa) + (b[i] * wb) - target[i];
        }
    }

    /// <summary>The scalar reference of <see cref="Accumulate"/>, from element <paramref name="start"/> on.</summary>
    internal static void AccumulateScalar(ReadOnlySpan<float> centreA, ReadOnlySpan<float> centreB, ReadOnlySpan<float> right, ReadOnlySpan<float> left, Span<float> near, Span<float> far, int start = 0)
    {
        for (int i = start; i < near.Length; i++)
        {
            float h = ((centreA[i] + centreB[i]) * 0.75f) + (right[i] * 0.25f) + (left[i] * 0.25f);
            near[i] += h * 0.75f;
            far[i] += h * 0.25f;
        }
    }

    /// <summary>The scalar reference of <see cref="Descend"/>, from element <paramref name="start"/> on.</summary>
    internal static void DescendScalar(Span<float> row, ReadOnlySpan<float> gradient, float step, int start = 0)
    {
        for (int i = start; i < row.Length; i++)
        {
            row[i] -= gradient[i] * step;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref float Start(ReadOnlySpan<float> span) => ref MemoryMarshal.GetReference(span);
}
